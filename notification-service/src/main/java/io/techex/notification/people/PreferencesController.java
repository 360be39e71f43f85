package io.techex.notification.people;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.notification.addressing.Kind;
import io.techex.platform.actor.Actor;
import io.techex.platform.web.CurrentActor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Each person's own choices: the language they read, e-mail on or off, the kinds of notification they turned off. */
@RestController
@RequestMapping("/notifications/preferences")
@Tag(name = "Preferences", description = "The caller's language, e-mail and muted kinds of notification")
class PreferencesController {

    private final Recipients recipients;

    PreferencesController(Recipients recipients) {
        this.recipients = recipients;
    }

    @Operation(summary = "The caller's notification preferences")
    @GetMapping
    Preferences get(@CurrentActor Actor actor) {
        return Preferences.of(recipients.current(actor));
    }

    /** Replaces them all; a kind turned off leaves the person's feed, stream and e-mail, and comes back when turned on. */
    @Operation(summary = "Replace the caller's notification preferences")
    @PutMapping
    Preferences put(@Valid @RequestBody PreferencesRequest request, @CurrentActor Actor actor) {
        Recipient me = recipients.current(actor);
        Set<Kind> muted = request.mutedKinds().isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(request.mutedKinds());
        return Preferences.of(recipients.choose(me.personId(), request.language(), request.emailEnabled(), muted));
    }

    /**
     * @param language     {@code vi} or {@code en}
     * @param emailEnabled false: no e-mail at all (the feed and the stream go on)
     * @param mutedKinds   kinds turned off; may be empty
     */
    record PreferencesRequest(@NotNull Language language, @NotNull Boolean emailEnabled,
                              @NotNull List<@NotNull Kind> mutedKinds) {
    }

    /**
     * @param emailAddress where e-mail goes, from the person's access token; null when it names none
     * @param kinds        every kind there is, to choose from
     */
    record Preferences(Language language, boolean emailEnabled, String emailAddress, List<Kind> mutedKinds, List<Kind> kinds) {
        static Preferences of(Recipient recipient) {
            return new Preferences(recipient.language(), recipient.emailEnabled(), recipient.email(),
                    recipient.muted().stream().sorted().toList(), List.of(Kind.values()));
        }
    }
}

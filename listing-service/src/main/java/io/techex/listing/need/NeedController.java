package io.techex.listing.need;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import io.techex.platform.web.CurrentActor;
import io.techex.platform.web.RequestIds;
import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Technology needs over HTTP: a firm (or a State agency with a firm's login) drafts, revises, publishes and closes its
 * needs; the operator takes abusive ones down; everyone reads the needs on the market, without their owner unless it
 * is public. Roles are {@code ListingAccessRules}' business; whose need it is is decided here and in {@link Need}, and
 * another organisation's draft is a 404.
 */
@RestController
@RequestMapping("/needs")
@Tag(name = "Needs", description = "Technology needs firms post, and universities answer")
class NeedController {

    private final ActingCommandGateway commands;
    private final NeedViews needs;
    private final Clock clock;

    NeedController(ActingCommandGateway commands, NeedViews needs, Clock clock) {
        this.commands = commands;
        this.needs = needs;
        this.clock = clock;
    }

    /**
     * With an Idempotency-Key the need's id is derived from the organisation and the key, so a retry that outlived its
     * Redis record drafts nothing twice and is answered as the first request was.
     */
    @Operation(summary = "A firm drafts a technology need")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<NeedChange> draft(@Valid @RequestBody NeedRequest request, @CurrentActor Actor actor,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                                     UriComponentsBuilder uris) {
        String needId = RequestIds.idFor(actor, idempotencyKey, "need");
        if (!commands.createdEarlier(needId, idempotencyKey)) {
            try {
                commands.send(new DraftNeed(needId, actor.organisationId(), request.content()), actor);
            } catch (AggregateStreamCreationException alreadyDrafted) {
                if (idempotencyKey == null) {
                    throw alreadyDrafted;
                }
            }
        }
        return ResponseEntity.created(uris.path("/needs/{needId}").buildAndExpand(needId).toUri())
                .body(new NeedChange(needId, NeedStatus.DRAFT));
    }

    @Operation(summary = "The owner revises its need, a draft or a published one (which stays published)")
    @PutMapping("/{needId}")
    NeedChange revise(@PathVariable UUID needId, @Valid @RequestBody NeedRequest request, @CurrentActor Actor actor) {
        NeedStatus status = commands.send(new ReviseNeed(needId.toString(), actor.organisationId(), request.content(),
                clock.instant()), actor);
        return new NeedChange(needId.toString(), status);
    }

    @Operation(summary = "The owner publishes its draft, open until its deadline")
    @PostMapping("/{needId}/publication")
    NeedChange publish(@PathVariable UUID needId, @CurrentActor Actor actor) {
        commands.send(new PublishNeed(needId.toString(), actor.organisationId(), clock.instant()), actor);
        return new NeedChange(needId.toString(), NeedStatus.PUBLISHED);
    }

    @Operation(summary = "The owner closes its published need before the deadline")
    @PostMapping("/{needId}/closure")
    NeedChange close(@PathVariable UUID needId, @Valid @RequestBody(required = false) OptionalReason closure,
                     @CurrentActor Actor actor) {
        commands.send(new CloseNeed(needId.toString(), actor.organisationId(), closure == null ? null : closure.reason()), actor);
        return new NeedChange(needId.toString(), NeedStatus.CLOSED);
    }

    @Operation(summary = "The operator takes an abusive need off the market, saying why")
    @PostMapping("/{needId}/takedown")
    NeedChange takeDown(@PathVariable UUID needId, @Valid @RequestBody Reason takedown, @CurrentActor Actor actor) {
        commands.send(new TakeDownNeed(needId.toString(), takedown.reason()), actor);
        return new NeedChange(needId.toString(), NeedStatus.TAKEN_DOWN);
    }

    /** The read model may lag a command by a few milliseconds. */
    @Operation(summary = "A need its caller may see; who posted it only if public, or to its owner, the operator and regulators")
    @GetMapping("/{needId}")
    NeedView get(@PathVariable UUID needId, @CurrentActor Actor actor) {
        return needs.find(needId.toString())
                .filter(need -> NeedVisibility.canSee(need, actor))
                .map(need -> NeedView.of(need, actor))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No need " + needId));
    }

    /**
     * Everyone browses the published needs; the operator and regulators may also ask for other statuses, and anyone
     * for closed and expired ones.
     */
    @Operation(summary = "Needs on the market, newest first: words in Vietnamese or English (diacritics ignored), IPC prefix, status")
    @GetMapping
    NeedPage browse(@CurrentActor Actor actor,
                    @RequestParam(name = "q", required = false) @Size(max = 500) String text,
                    @RequestParam(name = "ipc", required = false) @Size(max = 20) String ipcPrefix,
                    @RequestParam(name = "status", required = false) Set<NeedStatus> statuses,
                    @RequestParam(defaultValue = "20") int limit,
                    @RequestParam(required = false) @Size(max = 200) String cursor) {
        Set<NeedStatus> asked = statuses == null || statuses.isEmpty() ? EnumSet.of(NeedStatus.PUBLISHED) : statuses;
        if (!NeedVisibility.mayReadEverything(actor)) {
            asked.stream().filter(status -> !status.isPublic()).findFirst().ifPresent(hidden -> {
                throw RuleViolation.invalid("status", "Needs " + hidden + " are not on the market; ask for PUBLISHED, CLOSED or EXPIRED");
            });
        }
        NeedViews.NeedPage page = needs.browse(text, ipcPrefix, asked, limit, cursor);
        return new NeedPage(page.rows().stream().map(row -> NeedView.of(row, actor)).toList(), page.nextCursor());
    }

    @Operation(summary = "The caller's organisation's own needs, drafts included, the most recently changed first")
    @GetMapping("/mine")
    List<NeedView> mine(@CurrentActor Actor actor, @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return needs.ofOwner(actor.organisationId(), limit).stream().map(row -> NeedView.of(row, actor)).toList();
    }

    record Reason(@NotBlank @Size(max = Need.MAX_REASON) String reason) {
    }

    record OptionalReason(@Size(max = Need.MAX_REASON) String reason) {
    }

    /** The status the need moved to; the read model behind {@code GET /needs/{needId}} follows within milliseconds. */
    record NeedChange(String needId, NeedStatus status) {
    }

    /** @param nextCursor pass it back as {@code cursor} for the next page; null on the last page */
    record NeedPage(List<NeedView> needs, @Nullable String nextCursor) {
    }
}

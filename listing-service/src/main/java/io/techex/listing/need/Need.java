package io.techex.listing.need;

import io.techex.listing.api.NeedClosed;
import io.techex.listing.api.NeedExpired;
import io.techex.listing.api.NeedPublished;
import io.techex.listing.api.NeedRevised;
import io.techex.listing.api.NeedTakenDown;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A technology need: what a firm (or a State agency acting as one) is looking for, from draft to closed, expired or
 * taken down ({@link NeedStatus}). It checks who acts (the owner's commands name the acting organisation; to any other
 * organisation the need does not exist) and whether its state allows the step; roles are the HTTP layer's business.
 * <p>
 * Decisions it embodies:
 * <ul>
 *   <li>A published need may still be revised (its text, terms, deadline): a firm refines what it asks for as answers
 *       come in, and the matches are scored again. It must stay complete, with a deadline ahead.</li>
 *   <li>The need is dead from its deadline on, whether or not the deadline has fired yet: a revision that would move
 *       the deadline is judged at its own time. The persisted deadline makes the expiry an event, also when it passed
 *       while the service was down; a moved deadline schedules a new one, and the old one, when it fires, finds another
 *       deadline and does nothing.</li>
 *   <li>Closed, expired and taken-down needs are final: a firm that needs the same again posts a new need, so that
 *       proposals made to the old one stay answers to what it said.</li>
 * </ul>
 */
@Aggregate
public class Need {

    static final String DEADLINE = "need-deadline";
    static final int MAX_REASON = 2000;

    @AggregateIdentifier
    private String needId;
    private String ownerOrganisationId;
    private NeedStatus status;
    private int revision;
    private NeedContent content;

    protected Need() {
        // for Axon: rebuilt from its events
    }

    @CommandHandler
    public Need(DraftNeed command) {
        if (command.ownerOrganisationId() == null || command.ownerOrganisationId().isBlank()) {
            throw RuleViolation.invalid("ownerOrganisationId", "A need belongs to an organisation");
        }
        checkContent(command.content());
        apply(new NeedDrafted(command.needId(), command.ownerOrganisationId(), command.content()));
    }

    /** @return the status the need is in: revising a published need keeps it published */
    @CommandHandler
    NeedStatus handle(ReviseNeed command, DeadlineManager deadlines) {
        requireOwner(command.organisationId());
        checkContent(command.content());
        switch (status) {
            case DRAFT -> apply(new NeedDraftRevised(needId, revision + 1, command.content()));
            case PUBLISHED -> {
                requireAt(command.at());
                command.content().checkComplete(command.at());
                Instant scheduled = content.deadline();
                apply(command.content().revised(needId, ownerOrganisationId, revision + 1, command.at()));
                if (!command.content().deadline().equals(scheduled)) {
                    deadlines.schedule(command.content().deadline(), DEADLINE, new NeedDeadlineDue(command.content().deadline()));
                }
            }
            default -> throw ended("revised");
        }
        return status;
    }

    @CommandHandler
    void handle(PublishNeed command, DeadlineManager deadlines) {
        requireOwner(command.organisationId());
        requireAt(command.at());
        if (status == NeedStatus.PUBLISHED) {
            throw RuleViolation.conflict("need-already-published", "Need " + needId + " is published already");
        }
        if (status != NeedStatus.DRAFT) {
            throw ended("published");
        }
        content.checkComplete(command.at());
        apply(content.published(needId, ownerOrganisationId, revision, command.at()));
        deadlines.schedule(content.deadline(), DEADLINE, new NeedDeadlineDue(content.deadline()));
    }

    @CommandHandler
    void handle(CloseNeed command) {
        requireOwner(command.organisationId());
        String reason = optionalReason(command.reason());
        requirePublished("closed");
        apply(new NeedClosed(needId, ownerOrganisationId, reason));
    }

    @CommandHandler
    void handle(TakeDownNeed command) {
        String reason = optionalReason(command.reason());
        if (reason == null) {
            throw RuleViolation.invalid("reason", "Say why the need is taken down, for its owner and the trail");
        }
        requirePublished("taken down");
        apply(new NeedTakenDown(needId, ownerOrganisationId, reason));
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    void on(NeedDeadlineDue due) {
        if (status == NeedStatus.PUBLISHED && due.deadline().equals(content.deadline())) {
            apply(new NeedExpired(needId, ownerOrganisationId, content.deadline()));
        }
    }

    @EventSourcingHandler
    void on(NeedDrafted event) {
        needId = event.needId();
        ownerOrganisationId = event.ownerOrganisationId();
        status = NeedStatus.DRAFT;
        revision = 0;
        content = event.content();
    }

    @EventSourcingHandler
    void on(NeedDraftRevised event) {
        revision = event.revision();
        content = event.content();
    }

    @EventSourcingHandler
    void on(NeedPublished event) {
        status = NeedStatus.PUBLISHED;
    }

    @EventSourcingHandler
    void on(NeedRevised event) {
        revision = event.revision();
        content = NeedContent.of(event);
    }

    @EventSourcingHandler
    void on(NeedClosed event) {
        status = NeedStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(NeedExpired event) {
        status = NeedStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(NeedTakenDown event) {
        status = NeedStatus.TAKEN_DOWN;
    }

    private static void checkContent(NeedContent content) {
        if (content == null) {
            throw RuleViolation.invalid("title", "A need has a title and a problem statement");
        }
        content.check();
    }

    private void requireOwner(String organisationId) {
        if (!ownerOrganisationId.equals(organisationId)) {
            // another organisation's need does not exist for it: 404, so that a draft's existence does not leak
            throw new AggregateNotFoundException(needId, "No need " + needId);
        }
    }

    private void requirePublished(String what) {
        if (status == NeedStatus.DRAFT) {
            throw RuleViolation.conflict("need-not-published", "Need " + needId + " is a draft; only a published need is " + what);
        }
        if (status != NeedStatus.PUBLISHED) {
            throw ended(what);
        }
    }

    private RuleViolation ended(String what) {
        return RuleViolation.conflict("need-ended", "Need " + needId + " is " + status + " and can no longer be " + what
                + "; post a new need instead");
    }

    private static void requireAt(Instant at) {
        if (at == null) {
            throw RuleViolation.invalid("at", "The step needs the time it happens");
        }
    }

    /** Stripped, null when blank; at most {@link #MAX_REASON} characters. */
    private static String optionalReason(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String reason = value.strip();
        if (reason.length() > MAX_REASON) {
            throw RuleViolation.invalid("reason", "A reason is at most " + MAX_REASON + " characters");
        }
        return reason;
    }
}

package io.techex.notification.stream;

import io.techex.notification.feed.NotificationWritten;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/** A notification's watchers hear of it once it is committed, never of one rolled back. */
@Component
class FeedUpdates {

    private final FeedWatchers watchers;

    FeedUpdates(FeedWatchers watchers) {
        this.watchers = watchers;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(NotificationWritten written) {
        watchers.publish(written.notification().audience().key(), written.notification().id());
    }
}

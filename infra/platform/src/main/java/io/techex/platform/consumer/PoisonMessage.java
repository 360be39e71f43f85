package io.techex.platform.consumer;

/**
 * A message no retry can fix (not a CloudEvent, data that breaks its contract). It goes straight to the
 * dead-letter topic with this message as the reason, and the partition keeps flowing.
 */
public class PoisonMessage extends RuntimeException {

    public PoisonMessage(String reason) {
        super(reason);
    }

    public PoisonMessage(String reason, Throwable cause) {
        super(reason, cause);
    }
}

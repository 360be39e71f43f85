package io.techex.listing.need;

import java.time.Instant;

/** The persisted deadline's payload: the deadline it was scheduled for, so a moved deadline's old one does nothing. */
public record NeedDeadlineDue(Instant deadline) {
}

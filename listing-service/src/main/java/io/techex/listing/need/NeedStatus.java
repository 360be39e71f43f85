package io.techex.listing.need;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a need is in its life.
 *
 * <pre>
 * DRAFT → PUBLISHED → CLOSED (its owner)  | EXPIRED (its deadline passed) | TAKEN_DOWN (the operator, as abusive)
 * </pre>
 */
public enum NeedStatus {
    DRAFT,
    PUBLISHED,
    CLOSED,
    EXPIRED,
    TAKEN_DOWN;

    private static final Set<NeedStatus> PUBLIC = EnumSet.of(PUBLISHED, CLOSED, EXPIRED);

    /**
     * On the market now or once: anyone may know of it. A draft is its owner's; a need taken down was abusive and
     * is shown to nobody but its owner, the operator and regulators.
     */
    public boolean isPublic() {
        return PUBLIC.contains(this);
    }
}

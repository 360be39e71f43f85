package io.techex.audit.checks;

import java.time.Instant;
import java.util.List;

/** A check as run at {@code ranAt}, with everything it found (empty: the trail shows no breach of its rule). */
public record CheckResult(String name, String title, String basis, Instant ranAt, List<Finding> findings) {
}

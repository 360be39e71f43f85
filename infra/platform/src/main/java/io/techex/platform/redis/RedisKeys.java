package io.techex.platform.redis;

import java.util.Objects;

/**
 * Redis key names: {@code techex:<namespace>:<part>:<part>...}, the namespace segment left out when it is empty.
 * The namespace ({@code techex.namespace}) is how tests and side-by-side environments share one Redis without
 * seeing each other's keys, so every key a service writes must come from here.
 */
public final class RedisKeys {

    private final String prefix;

    public RedisKeys(String namespace) {
        this.prefix = namespace == null || namespace.isBlank() ? "techex:" : "techex:" + namespace.strip() + ":";
    }

    /** The key made of {@code parts}, joined by {@code :} after the prefix. */
    public String key(String... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("A Redis key needs at least one part");
        }
        StringBuilder key = new StringBuilder(prefix);
        for (int i = 0; i < parts.length; i++) {
            String part = Objects.requireNonNull(parts[i], "Redis key part");
            if (part.isEmpty()) {
                // an empty part would make "a::b", which reads like a missing value in every Redis tool
                throw new IllegalArgumentException("Redis key parts must not be empty");
            }
            key.append(i == 0 ? "" : ":").append(part);
        }
        return key.toString();
    }

    /** {@code techex:} or {@code techex:<namespace>:}: what every key of this namespace starts with. */
    public String prefix() {
        return prefix;
    }
}

package io.techex.platform.redis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisKeysTest {

    @Test
    void keysStartWithTechexAndTheNamespace() {
        assertThat(new RedisKeys("t8x2").key("idem", "listing-service", "hust", "k-1")).isEqualTo("techex:t8x2:idem:listing-service:hust:k-1");
        assertThat(new RedisKeys("t8x2").prefix()).isEqualTo("techex:t8x2:");
    }

    @Test
    void anEmptyNamespaceIsLeftOut() {
        assertThat(new RedisKeys("").key("rate", "bidding-service")).isEqualTo("techex:rate:bidding-service");
        assertThat(new RedisKeys(null).key("rate")).isEqualTo("techex:rate");
        assertThat(new RedisKeys("  ").prefix()).isEqualTo("techex:");
    }

    @Test
    void everyPartIsThere() {
        RedisKeys keys = new RedisKeys("ns");
        assertThatThrownBy(keys::key).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.key("idem", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.key("idem", null)).isInstanceOf(NullPointerException.class);
    }
}

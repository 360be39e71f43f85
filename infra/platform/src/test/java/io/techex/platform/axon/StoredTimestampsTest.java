package io.techex.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every text reads as Axon's own parser reads it: the same instant, or the same kind of failure. */
class StoredTimestampsTest {

    @Test
    void everyTimeAxonWritesReadsAsAxonReadsIt() {
        Random random = new Random(20261207);
        long lastMilli = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
        long firstMilli = Instant.parse("0000-01-01T00:00:00.000Z").toEpochMilli();
        for (int i = 0; i < 100_000; i++) {
            Instant time = Instant.ofEpochMilli(firstMilli + (long) (random.nextDouble() * (lastMilli - firstMilli)));
            String stored = DateTimeUtils.formatInstant(time);
            assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored)).isEqualTo(time);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-12-07T06:23:08.745Z", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00.000Z", "1969-12-31T23:59:59.001Z",
            "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
            // not the form Axon writes, but read as Axon reads them
            "2026-12-07T13:23:08.745+07:00", "2026-12-07T06:23:08.745123Z", "2026-12-07T06:23:08Z", "+10000-01-01T00:00:00.000Z",
            "2026-12-07t06:23:08.745z",
            // not times at all: the same kind of failure
            "2026-02-30T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-12-07T24:00:00.000Z", "2026-12-07T23:60:00.000Z",
            "2026-12-07T23:59:60.000Z", "2026-12-0xT06:23:08.745Z", "2026-12-07 06:23:08.745Z", "-026-12-07T06:23:08.745Z",
            "2026-12-07T06:23:08.745", ""})
    void anyOtherTextReadsAsAxonReadsIt(String text) {
        assertThat(read(() -> StoredTimestamps.parse(text))).isEqualTo(read(() -> DateTimeUtils.parseInstant(text)));
    }

    /** The instant, or the class of what was thrown. */
    private static Object read(java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }
}

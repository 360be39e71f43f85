package io.techex.audit.trail;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class InstantTextTest {

    @Test
    void writesWhatInstantToStringWrites() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 1);
            // whole seconds, milliseconds, microseconds (what PostgreSQL keeps) and nanoseconds, each often
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(InstantText.of(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void writesTheEdgesAndTheYearsBeyondFourDigitsAsInstantToStringDoes() {
        for (String text : new String[]{"1970-01-01T00:00:00Z", "2026-03-01T08:00:30.000456Z", "2026-03-01T08:02:00.123Z",
                "2026-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00.100Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.000001Z"}) {
            assertThat(InstantText.of(Instant.parse(text))).isEqualTo(text);
        }
        assertThat(InstantText.of(Instant.MAX)).isEqualTo(Instant.MAX.toString());
        assertThat(InstantText.of(Instant.MIN)).isEqualTo(Instant.MIN.toString());
        Instant beforeYearZero = Instant.parse("0000-01-01T00:00:00Z").minusNanos(1);
        assertThat(InstantText.of(beforeYearZero)).isEqualTo(beforeYearZero.toString());
        Instant afterYear9999 = Instant.parse("9999-12-31T23:59:59.999Z").plusMillis(1);
        assertThat(InstantText.of(afterYear9999)).isEqualTo(afterYear9999.toString());
    }
}

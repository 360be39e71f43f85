package io.techex.audit.verify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event's time has nanoseconds; the trail shows it as PostgreSQL keeps it, rounded to the nearest microsecond.
 * Both are the same instant to the verifier, whichever way the rounding went; a microsecond more is not.
 */
class ShownTimeTest {

    @Test
    void aTimeRoundedToTheMicrosecondIsTheSignedOne() {
        String signed = "2026-12-05T11:02:21.808668930Z";
        assertThat(VerifyExport.sameInstant(signed, "2026-12-05T11:02:21.808669Z")).as("rounded up").isTrue();
        assertThat(VerifyExport.sameInstant("2026-12-05T11:02:21.808668130Z", "2026-12-05T11:02:21.808668Z"))
                .as("rounded down").isTrue();
        assertThat(VerifyExport.sameInstant(signed, signed)).isTrue();
        assertThat(VerifyExport.sameInstant(signed, "2026-12-05T11:02:21.808670Z")).isFalse();
        assertThat(VerifyExport.sameInstant(signed, "2026-12-05T11:02:21Z")).isFalse();
        assertThat(VerifyExport.sameInstant(signed, "yesterday")).isFalse();
    }
}

package io.techex.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutOfOrderCursorTest {

    private static final long GAP = 1_000;

    @Test
    void aRowCommittedAfterAHigherPositionIsStillToldOnce() {
        OutOfOrderCursor cursor = new OutOfOrderCursor(10, GAP);
        assertThat(cursor.firstSight(11)).isTrue();
        assertThat(cursor.firstSight(13)).isTrue();
        cursor.polled(100);
        assertThat(cursor.from()).as("12 is not committed yet: the next poll reads it too").isEqualTo(11);

        assertThat(cursor.firstSight(13)).as("read again, told once").isFalse();
        assertThat(cursor.firstSight(12)).isTrue();
        cursor.polled(200);
        assertThat(cursor.from()).isEqualTo(13);
        assertThat(cursor.firstSight(12)).isFalse();
        assertThat(cursor.firstSight(10)).as("before the start").isFalse();
    }

    @Test
    void aPositionMissingLongerThanTheGapIsPassed() {
        OutOfOrderCursor cursor = new OutOfOrderCursor(0, GAP);
        cursor.firstSight(1);
        cursor.firstSight(3);
        cursor.firstSight(4);
        cursor.polled(100);
        assertThat(cursor.from()).isEqualTo(1);
        cursor.polled(100 + GAP);
        assertThat(cursor.from()).as("not yet longer than the gap").isEqualTo(1);
        cursor.polled(101 + GAP);
        assertThat(cursor.from()).as("2 given up, 3 and 4 were seen").isEqualTo(4);
    }

    @Test
    void withNothingAheadThereIsNoGapToWaitFor() {
        OutOfOrderCursor cursor = new OutOfOrderCursor(0, GAP);
        cursor.polled(0);
        cursor.firstSight(1);
        cursor.polled(10 * GAP);
        assertThat(cursor.from()).isEqualTo(1);
        cursor.polled(20 * GAP);
        assertThat(cursor.from()).isEqualTo(1);
    }
}

package io.techex.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsTest {

    @Test
    void nearestRankPercentilesOfOneToOneHundredAreTheValuesThemselves() {
        double[] values = IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray();

        assertThat(Stats.percentile(values, 50)).isEqualTo(50);
        assertThat(Stats.percentile(values, 99)).isEqualTo(99);
        assertThat(Stats.percentile(values, 100)).isEqualTo(100);
        assertThat(Stats.percentile(values, 0.5)).isEqualTo(1);
    }

    @Test
    void theP99OfFewValuesIsTheirMaximumAndTheMedianOfAnEvenCountTheLowerMiddle() {
        assertThat(Stats.percentile(List.of(3, 1, 2), 99)).isEqualTo(3);
        assertThat(Stats.median(List.of(4, 1, 3, 2))).isEqualTo(2);
        assertThat(Stats.median(List.of(7))).isEqualTo(7);
    }

    @Test
    void theInputIsLeftAsItWas() {
        double[] values = {3, 1, 2};
        Stats.percentile(values, 50);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void noValuesHaveNoPercentileAndAPercentileOutsideItsRangeIsRefused() {
        assertThat(Stats.percentile(new double[0], 50)).isNaN();
        assertThatThrownBy(() -> Stats.percentile(new double[]{1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(new double[]{1}, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}

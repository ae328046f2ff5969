package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.state.TimeWindow;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeWindowsTest {

    @Test
    void tumblingWindowsAssignEachTimestampToExactlyOneWindowWithExclusiveEnd() {
        TimeWindows w = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10));
        assertThat(w.windowsFor(0)).containsExactly(java.util.Map.entry(0L, new TimeWindow(0, 10)));
        assertThat(w.windowsFor(9)).containsOnlyKeys(0L);
        assertThat(w.windowsFor(10)).containsExactly(java.util.Map.entry(10L, new TimeWindow(10, 20)));
        assertThat(w.size()).isEqualTo(10);
        assertThat(w.gracePeriodMs()).isZero();
        assertThat(w.advanceMs).isEqualTo(10);
    }

    @Test
    void hoppingWindowsAssignEveryOverlappingWindowInStartOrder() {
        TimeWindows w = TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(3))
                .advanceBy(Duration.ofMillis(3));
        assertThat(w.windowsFor(10).keySet()).containsExactly(3L, 6L, 9L);
        assertThat(w.windowsFor(1).keySet()).containsExactly(0L);
        assertThat(w.windowsFor(10).get(9L)).isEqualTo(new TimeWindow(9, 19));
        assertThat(w.gracePeriodMs()).isEqualTo(3);
    }

    @Test
    void rejectsInvalidSizesAdvancesAndGracePeriodsNamingTheValue() {
        assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sizeMs=0");
        assertThatThrownBy(() -> TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("graceMs=-1");
        TimeWindows w = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10));
        assertThatThrownBy(() -> w.advanceBy(Duration.ofMillis(11)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("advanceMs=11");
        assertThatThrownBy(() -> w.advanceBy(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("milliseconds");
        assertThatThrownBy(() -> TimeWindows.ofSizeWithNoGrace(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void equalWindowsAreEqual() {
        assertThat(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(5)))
                .isEqualTo(TimeWindows.ofSizeAndGrace(Duration.ofMillis(5), Duration.ZERO))
                .hasSameHashCodeAs(TimeWindows.ofSizeAndGrace(Duration.ofMillis(5), Duration.ZERO))
                .isNotEqualTo(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(5)).advanceBy(Duration.ofMillis(1)));
    }
}

package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SlidingWindows, SessionWindows and JoinWindows. */
class OtherWindowsTest {

    @Test
    void slidingWindowsKeepTimeDifferenceAndGrace() {
        SlidingWindows w = SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(2));
        assertThat(w.timeDifferenceMs()).isEqualTo(10);
        assertThat(w.gracePeriodMs()).isEqualTo(2);
        assertThat(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10)).gracePeriodMs()).isZero();
        assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeDifferenceMs=-1");
        assertThatThrownBy(() -> SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(1), Duration.ofMillis(-2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("graceMs=-2");
    }

    @Test
    void sessionWindowsNeedAPositiveGap() {
        SessionWindows w = SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(5), Duration.ofMillis(1));
        assertThat(w.inactivityGap()).isEqualTo(5);
        assertThat(w.gracePeriodMs()).isEqualTo(1);
        assertThatThrownBy(() -> SessionWindows.ofInactivityGapWithNoGrace(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inactivityGapMs=0");
        assertThatThrownBy(() -> SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(1), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("graceMs=-1");
    }

    @Test
    void joinWindowsAreSymmetricUntilBeforeOrAfterIsSet() {
        JoinWindows w = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(3));
        assertThat(w.beforeMs).isEqualTo(10);
        assertThat(w.afterMs).isEqualTo(10);
        assertThat(w.size()).isEqualTo(20);
        assertThat(w.gracePeriodMs()).isEqualTo(3);
        JoinWindows shifted = w.before(Duration.ofMillis(-5));
        assertThat(shifted.beforeMs).isEqualTo(-5);
        assertThat(shifted.size()).isEqualTo(5);
        assertThat(w.after(Duration.ZERO).afterMs).isZero();
        assertThatThrownBy(() -> w.before(Duration.ofMillis(-11))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beforeMs=-11");
        assertThatThrownBy(() -> JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.windowsFor(0)).isInstanceOf(UnsupportedOperationException.class);
    }
}

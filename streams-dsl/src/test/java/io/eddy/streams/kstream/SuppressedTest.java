package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.streams.kstream.Suppressed.BufferConfig;
import io.eddy.streams.kstream.internal.BufferConfigInternal;
import io.eddy.streams.kstream.internal.BufferConfigInternal.BufferFullStrategy;
import io.eddy.streams.kstream.internal.SuppressedInternal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuppressedTest {

    @Test
    void untilWindowClosesIsAFinalResultsSuppressionWithAStrictBuffer() {
        SuppressedInternal<?> s = (SuppressedInternal<?>) Suppressed.untilWindowCloses(BufferConfig.unbounded())
                .withName("final");
        assertThat(s.isFinalResults()).isTrue();
        assertThat(s.name()).isEqualTo("final");
        assertThat(s.bufferConfig().maxRecords()).isEqualTo(Long.MAX_VALUE);
        assertThat(s.bufferConfig().bufferFullStrategy()).isEqualTo(BufferFullStrategy.SHUT_DOWN);
        assertThat(s.bufferConfig().loggingEnabled()).isTrue();
    }

    @Test
    void untilTimeLimitKeepsItsLimitAndBufferConfig() {
        SuppressedInternal<String> s = (SuppressedInternal<String>) Suppressed.<String>untilTimeLimit(
                Duration.ofSeconds(1), BufferConfig.maxRecords(3).withMaxBytes(100).withLoggingDisabled());
        assertThat(s.isFinalResults()).isFalse();
        assertThat(s.timeToWaitForMoreEventsMs()).isEqualTo(1000);
        BufferConfigInternal<?> b = s.bufferConfig();
        assertThat(b.maxRecords()).isEqualTo(3);
        assertThat(b.maxBytes()).isEqualTo(100);
        assertThat(b.bufferFullStrategy()).isEqualTo(BufferFullStrategy.EMIT);
        assertThat(b.loggingEnabled()).isFalse();
    }

    @Test
    void bufferConfigsSwitchBetweenStrictAndEager() {
        BufferConfigInternal<?> strict = (BufferConfigInternal<?>) BufferConfig.maxBytes(10).shutDownWhenFull();
        assertThat(strict.bufferFullStrategy()).isEqualTo(BufferFullStrategy.SHUT_DOWN);
        assertThat(strict.maxBytes()).isEqualTo(10);
        BufferConfigInternal<?> eager = (BufferConfigInternal<?>) strict.emitEarlyWhenFull();
        assertThat(eager.bufferFullStrategy()).isEqualTo(BufferFullStrategy.EMIT);
        BufferConfigInternal<?> unbounded = (BufferConfigInternal<?>) eager.withNoBound();
        assertThat(unbounded.maxBytes()).isEqualTo(Long.MAX_VALUE);
        BufferConfigInternal<?> logged = (BufferConfigInternal<?>) BufferConfig.unbounded()
                .withLoggingEnabled(Map.of("min.insync.replicas", "1"));
        assertThat(logged.logConfig()).containsEntry("min.insync.replicas", "1");
    }

    @Test
    void rejectsNegativeLimitsAndTimeLimits() {
        assertThatThrownBy(() -> BufferConfig.maxRecords(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRecords=-1");
        assertThatThrownBy(() -> BufferConfig.maxBytes(-2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBytes=-2");
        assertThatThrownBy(() -> Suppressed.untilTimeLimit(Duration.ofMillis(-1), BufferConfig.unbounded()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeToWaitForMoreEvents");
    }
}

package io.eddy.streams.kstream;

import io.eddy.state.Windowed;
import io.eddy.streams.kstream.internal.BufferConfigInternal;
import io.eddy.streams.kstream.internal.SuppressedInternal;
import java.time.Duration;
import java.util.Map;

/**
 * How {@code KTable.suppress} holds back updates, as Kafka Streams' {@code Suppressed}: either until a window closes
 * (final results only) or until a per-key time limit passes (rate limiting). Time is stream time. The buffer is kept in
 * a state store with a changelog (unless logging is disabled), so suppressed updates survive a restart. Immutable.
 *
 * @param <K> the key type of the suppressed table
 */
public interface Suppressed<K> {

    /**
     * Limits of the suppression buffer.
     *
     * @param <BC> the concrete config type
     */
    interface BufferConfig<BC extends BufferConfig<BC>> {

        /**
         * @param recordLimit the largest number of keys buffered, not negative
         * @return a buffer that emits its oldest entries early when full
         * @throws IllegalArgumentException if {@code recordLimit} is negative
         */
        static EagerBufferConfig maxRecords(long recordLimit) {
            return BufferConfigInternal.eager(recordLimit, Long.MAX_VALUE);
        }

        /**
         * @param recordLimit the largest number of keys buffered, not negative
         * @return a copy with that record limit
         * @throws IllegalArgumentException if {@code recordLimit} is negative
         */
        BC withMaxRecords(long recordLimit);

        /**
         * @param byteLimit the largest number of bytes buffered (serialized keys and values plus a fixed overhead per
         *     entry), not negative
         * @return a buffer that emits its oldest entries early when full
         * @throws IllegalArgumentException if {@code byteLimit} is negative
         */
        static EagerBufferConfig maxBytes(long byteLimit) {
            return BufferConfigInternal.eager(Long.MAX_VALUE, byteLimit);
        }

        /**
         * @param byteLimit the largest number of bytes buffered, not negative
         * @return a copy with that byte limit
         * @throws IllegalArgumentException if {@code byteLimit} is negative
         */
        BC withMaxBytes(long byteLimit);

        /** @return a buffer without limits (it may use unbounded memory) */
        static StrictBufferConfig unbounded() {
            return BufferConfigInternal.unbounded();
        }

        /** @return a copy without limits */
        StrictBufferConfig withNoBound();

        /**
         * @return a copy that fails the application with a {@code StreamsException} instead of emitting early when a
         *     limit is exceeded
         */
        StrictBufferConfig shutDownWhenFull();

        /** @return a copy that emits the oldest entries early (breaking the suppression guarantee) when full */
        EagerBufferConfig emitEarlyWhenFull();

        /** @return a copy whose buffer has no changelog (its contents are lost on restart) */
        BC withLoggingDisabled();

        /**
         * @param config extra changelog topic configs
         * @return a copy whose buffer has a changelog with those configs
         */
        BC withLoggingEnabled(Map<String, String> config);
    }

    /** A buffer config that never emits early: it shuts down when full, or has no limit. */
    interface StrictBufferConfig extends BufferConfig<StrictBufferConfig> {
    }

    /** A buffer config that emits early when full. */
    interface EagerBufferConfig extends BufferConfig<EagerBufferConfig> {
    }

    /**
     * Emits only the final result of each window: once stream time reaches {@code windowEnd + grace} (the grace of
     * the upstream windowed aggregation; for session windows {@code inactivityGap + grace}), exactly once, with the
     * window's result timestamp. Tombstones are dropped.
     *
     * @param bufferConfig a strict buffer config, so that results are never emitted early
     * @return the suppression
     * @throws NullPointerException if {@code bufferConfig} is null
     */
    @SuppressWarnings("rawtypes")
    static Suppressed<Windowed> untilWindowCloses(StrictBufferConfig bufferConfig) {
        return SuppressedInternal.finalResults(null, bufferConfig);
    }

    /**
     * Emits the latest value of a key once stream time has passed {@code timeToWaitForMoreEvents} beyond the
     * timestamp of the first update buffered for it; the emitted change's old value is what downstream last saw.
     *
     * @param timeToWaitForMoreEvents how long to wait, not negative
     * @param bufferConfig the buffer limits
     * @param <K> the key type
     * @return the suppression
     * @throws IllegalArgumentException if the duration is negative or not expressible in milliseconds
     * @throws NullPointerException if an argument is null
     */
    static <K> Suppressed<K> untilTimeLimit(Duration timeToWaitForMoreEvents, BufferConfig<?> bufferConfig) {
        return SuppressedInternal.timeLimit(null,
                DurationMillis.nonNegative(timeToWaitForMoreEvents, "timeToWaitForMoreEvents"), bufferConfig);
    }

    /**
     * @param name the name of the suppression processor and its buffer store ({@code <name>-store})
     * @return a copy with that name
     */
    Suppressed<K> withName(String name);
}

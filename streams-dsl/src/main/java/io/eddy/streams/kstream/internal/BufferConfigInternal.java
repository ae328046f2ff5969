package io.eddy.streams.kstream.internal;

import io.eddy.streams.kstream.Suppressed;
import java.util.Map;
import java.util.Objects;

/**
 * The implementation of {@link Suppressed.BufferConfig}: record and byte limits, what to do when they are exceeded,
 * and the changelog settings of the buffer store. Immutable.
 *
 * @param <BC> the concrete config type
 */
public abstract sealed class BufferConfigInternal<BC extends Suppressed.BufferConfig<BC>>
        implements Suppressed.BufferConfig<BC> permits BufferConfigInternal.Strict, BufferConfigInternal.Eager {

    /** What the suppression does when its buffer exceeds a limit. */
    public enum BufferFullStrategy {
        /** Emit the oldest entries early. */
        EMIT,
        /** Fail with a {@code StreamsException}. */
        SHUT_DOWN
    }

    final long maxRecords;
    final long maxBytes;
    final boolean loggingEnabled;
    final Map<String, String> logConfig;

    private BufferConfigInternal(long maxRecords, long maxBytes, boolean loggingEnabled, Map<String, String> logConfig) {
        if (maxRecords < 0) {
            throw new IllegalArgumentException("buffer record limit must not be negative, maxRecords=" + maxRecords);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("buffer byte limit must not be negative, maxBytes=" + maxBytes);
        }
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.loggingEnabled = loggingEnabled;
        this.logConfig = Map.copyOf(logConfig);
    }

    /**
     * @param maxRecords record limit
     * @param maxBytes byte limit
     * @return an eager config with logging enabled
     */
    public static Suppressed.EagerBufferConfig eager(long maxRecords, long maxBytes) {
        return new Eager(maxRecords, maxBytes, true, Map.of());
    }

    /** @return an unbounded strict config with logging enabled */
    public static Suppressed.StrictBufferConfig unbounded() {
        return new Strict(Long.MAX_VALUE, Long.MAX_VALUE, BufferFullStrategy.SHUT_DOWN, true, Map.of());
    }

    /** @return the record limit ({@code Long.MAX_VALUE} for none) */
    public long maxRecords() {
        return maxRecords;
    }

    /** @return the byte limit ({@code Long.MAX_VALUE} for none) */
    public long maxBytes() {
        return maxBytes;
    }

    /** @return what happens when a limit is exceeded */
    public abstract BufferFullStrategy bufferFullStrategy();

    /** @return whether the buffer store has a changelog */
    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    /** @return extra changelog topic configs */
    public Map<String, String> logConfig() {
        return logConfig;
    }

    @Override
    public Suppressed.StrictBufferConfig withNoBound() {
        return new Strict(Long.MAX_VALUE, Long.MAX_VALUE, BufferFullStrategy.SHUT_DOWN, loggingEnabled, logConfig);
    }

    @Override
    public Suppressed.StrictBufferConfig shutDownWhenFull() {
        return new Strict(maxRecords, maxBytes, BufferFullStrategy.SHUT_DOWN, loggingEnabled, logConfig);
    }

    @Override
    public Suppressed.EagerBufferConfig emitEarlyWhenFull() {
        return new Eager(maxRecords, maxBytes, loggingEnabled, logConfig);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BufferConfigInternal<?> b && b.getClass() == getClass() && b.maxRecords == maxRecords
                && b.maxBytes == maxBytes && b.bufferFullStrategy() == bufferFullStrategy()
                && b.loggingEnabled == loggingEnabled && b.logConfig.equals(logConfig);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxRecords, maxBytes, bufferFullStrategy(), loggingEnabled, logConfig);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{maxRecords=" + maxRecords + ", maxBytes=" + maxBytes + ", strategy="
                + bufferFullStrategy() + ", logging=" + loggingEnabled + "}";
    }

    /** A config that never emits early. */
    static final class Strict extends BufferConfigInternal<Suppressed.StrictBufferConfig>
            implements Suppressed.StrictBufferConfig {
        private final BufferFullStrategy strategy;

        Strict(long maxRecords, long maxBytes, BufferFullStrategy strategy, boolean logging, Map<String, String> cfg) {
            super(maxRecords, maxBytes, logging, cfg);
            this.strategy = strategy;
        }

        @Override
        public BufferFullStrategy bufferFullStrategy() {
            return strategy;
        }

        @Override
        public Suppressed.StrictBufferConfig withMaxRecords(long recordLimit) {
            return new Strict(recordLimit, maxBytes, strategy, loggingEnabled, logConfig);
        }

        @Override
        public Suppressed.StrictBufferConfig withMaxBytes(long byteLimit) {
            return new Strict(maxRecords, byteLimit, strategy, loggingEnabled, logConfig);
        }

        @Override
        public Suppressed.StrictBufferConfig withLoggingDisabled() {
            return new Strict(maxRecords, maxBytes, strategy, false, Map.of());
        }

        @Override
        public Suppressed.StrictBufferConfig withLoggingEnabled(Map<String, String> config) {
            return new Strict(maxRecords, maxBytes, strategy, true, Objects.requireNonNull(config, "config"));
        }
    }

    /** A config that emits early when full. */
    static final class Eager extends BufferConfigInternal<Suppressed.EagerBufferConfig>
            implements Suppressed.EagerBufferConfig {

        Eager(long maxRecords, long maxBytes, boolean logging, Map<String, String> cfg) {
            super(maxRecords, maxBytes, logging, cfg);
        }

        @Override
        public BufferFullStrategy bufferFullStrategy() {
            return BufferFullStrategy.EMIT;
        }

        @Override
        public Suppressed.EagerBufferConfig withMaxRecords(long recordLimit) {
            return new Eager(recordLimit, maxBytes, loggingEnabled, logConfig);
        }

        @Override
        public Suppressed.EagerBufferConfig withMaxBytes(long byteLimit) {
            return new Eager(maxRecords, byteLimit, loggingEnabled, logConfig);
        }

        @Override
        public Suppressed.EagerBufferConfig withLoggingDisabled() {
            return new Eager(maxRecords, maxBytes, false, Map.of());
        }

        @Override
        public Suppressed.EagerBufferConfig withLoggingEnabled(Map<String, String> config) {
            return new Eager(maxRecords, maxBytes, true, Objects.requireNonNull(config, "config"));
        }
    }
}

package io.eddy.streams.kstream.internal;

import io.eddy.streams.kstream.Suppressed;
import java.util.Objects;

/**
 * The implementation of {@link Suppressed}, read by the DSL when it wires a {@link KTableSuppressProcessorSupplier}.
 * Immutable.
 *
 * @param <K> the key type
 */
public final class SuppressedInternal<K> implements Suppressed<K> {

    private final String name;
    private final boolean finalResults;
    private final long timeToWaitMs;
    private final BufferConfigInternal<?> bufferConfig;

    private SuppressedInternal(String name, boolean finalResults, long timeToWaitMs, BufferConfig<?> bufferConfig) {
        this.name = name;
        this.finalResults = finalResults;
        this.timeToWaitMs = timeToWaitMs;
        this.bufferConfig = (BufferConfigInternal<?>) Objects.requireNonNull(bufferConfig, "bufferConfig");
    }

    /**
     * @param name the name or null
     * @param bufferConfig the buffer config
     * @param <K> the key type
     * @return an until-window-closes suppression
     */
    public static <K> SuppressedInternal<K> finalResults(String name, StrictBufferConfig bufferConfig) {
        return new SuppressedInternal<>(name, true, -1, bufferConfig);
    }

    /**
     * @param name the name or null
     * @param timeToWaitMs the time limit in ms
     * @param bufferConfig the buffer config
     * @param <K> the key type
     * @return an until-time-limit suppression
     */
    public static <K> SuppressedInternal<K> timeLimit(String name, long timeToWaitMs, BufferConfig<?> bufferConfig) {
        return new SuppressedInternal<>(name, false, timeToWaitMs, bufferConfig);
    }

    @Override
    public Suppressed<K> withName(String name) {
        return new SuppressedInternal<>(Objects.requireNonNull(name, "name"), finalResults, timeToWaitMs, bufferConfig);
    }

    /** @return the user's name, or null */
    public String name() {
        return name;
    }

    /**
     * @return true for {@code untilWindowCloses}: the DSL must pass the upstream windows' grace (plus the inactivity
     *     gap for session windows) as the suppression duration, and tombstones are dropped
     */
    public boolean isFinalResults() {
        return finalResults;
    }

    /** @return the time limit of {@code untilTimeLimit} in ms, or -1 for {@code untilWindowCloses} */
    public long timeToWaitForMoreEventsMs() {
        return timeToWaitMs;
    }

    /** @return the buffer config */
    public BufferConfigInternal<?> bufferConfig() {
        return bufferConfig;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SuppressedInternal<?> s && Objects.equals(s.name, name) && s.finalResults == finalResults
                && s.timeToWaitMs == timeToWaitMs && s.bufferConfig.equals(bufferConfig);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, finalResults, timeToWaitMs, bufferConfig);
    }

    @Override
    public String toString() {
        return "Suppressed{name=" + name + ", finalResults=" + finalResults + ", timeToWaitMs=" + timeToWaitMs
                + ", bufferConfig=" + bufferConfig + "}";
    }
}

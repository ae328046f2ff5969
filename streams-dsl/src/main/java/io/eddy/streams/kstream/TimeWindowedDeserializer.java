package io.eddy.streams.kstream;

import io.eddy.serialization.Deserializer;
import io.eddy.state.TimeWindow;
import io.eddy.state.Windowed;
import java.util.Objects;

/**
 * Reads keys written by {@link TimeWindowedSerializer}; the window end is {@code start + windowSize} (capped at
 * {@code Long.MAX_VALUE}). Thread-safe if the inner deserializer is.
 *
 * @param <T> the inner key type
 */
public class TimeWindowedDeserializer<T> implements Deserializer<Windowed<T>> {
    private final Deserializer<T> inner;
    private final long windowSize;

    /**
     * @param inner reads the inner key
     * @param windowSize the window size in ms, larger than zero
     * @throws IllegalArgumentException if {@code windowSize} is not positive
     */
    public TimeWindowedDeserializer(Deserializer<T> inner, long windowSize) {
        if (windowSize <= 0) {
            throw new IllegalArgumentException("window size must be larger than zero, windowSize=" + windowSize);
        }
        this.inner = Objects.requireNonNull(inner, "inner");
        this.windowSize = windowSize;
    }

    /** @return the window size in ms */
    public long getWindowSize() {
        return windowSize;
    }

    @Override
    public Windowed<T> deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        byte[] key = WindowedKeyLayout.key(data, WindowedKeyLayout.TIME_SUFFIX, "time-windowed");
        long start = WindowedKeyLayout.timeWindowStart(data);
        long end = start + windowSize < start ? Long.MAX_VALUE : start + windowSize;
        return new Windowed<>(inner.deserialize(topic, key), new TimeWindow(start, end));
    }

    @Override
    public void close() {
        inner.close();
    }
}

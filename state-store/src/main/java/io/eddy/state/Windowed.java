package io.eddy.state;

import java.util.Objects;

/**
 * A key together with the window it was aggregated in, mirroring Kafka Streams'
 * {@code org.apache.kafka.streams.kstream.Windowed}. Immutable.
 *
 * @param <K> the key type
 */
public final class Windowed<K> {

    private final K key;
    private final Window window;

    /**
     * @param key the key
     * @param window the window, not null
     * @throws NullPointerException if {@code window} is null
     */
    public Windowed(K key, Window window) {
        this.key = key;
        this.window = Objects.requireNonNull(window, "window");
    }

    /** @return the key */
    public K key() {
        return key;
    }

    /** @return the window */
    public Window window() {
        return window;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Windowed<?> other
                && Objects.deepEquals(key, other.key) && window.equals(other.window));
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(key) + window.hashCode();
    }

    @Override
    public String toString() {
        return "[" + key + "@" + window.start() + "/" + window.end() + "]";
    }
}

package io.eddy.streams.kstream;

import io.eddy.serialization.Serializer;
import io.eddy.state.Windowed;
import java.util.Objects;

/**
 * Serializes a key of a time window as the inner key's bytes followed by the window start (see
 * {@link WindowedKeyLayout}); the window end is not written. Thread-safe if the inner serializer is.
 *
 * @param <T> the inner key type
 */
public class TimeWindowedSerializer<T> implements Serializer<Windowed<T>> {
    private final Serializer<T> inner;

    /** @param inner serializes the inner key */
    public TimeWindowedSerializer(Serializer<T> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public byte[] serialize(String topic, Windowed<T> data) {
        if (data == null) {
            return null;
        }
        return WindowedKeyLayout.timeWindowed(inner.serialize(topic, data.key()), data.window().start());
    }

    @Override
    public void close() {
        inner.close();
    }
}

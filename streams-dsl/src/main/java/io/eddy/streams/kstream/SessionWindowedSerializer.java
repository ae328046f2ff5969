package io.eddy.streams.kstream;

import io.eddy.serialization.Serializer;
import io.eddy.state.Windowed;
import java.util.Objects;

/**
 * Serializes a key of a session window as the inner key's bytes followed by the session end and start (see
 * {@link WindowedKeyLayout}). Thread-safe if the inner serializer is.
 *
 * @param <T> the inner key type
 */
public class SessionWindowedSerializer<T> implements Serializer<Windowed<T>> {
    private final Serializer<T> inner;

    /** @param inner serializes the inner key */
    public SessionWindowedSerializer(Serializer<T> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public byte[] serialize(String topic, Windowed<T> data) {
        if (data == null) {
            return null;
        }
        return WindowedKeyLayout.sessionWindowed(inner.serialize(topic, data.key()), data.window().start(),
                data.window().end());
    }

    @Override
    public void close() {
        inner.close();
    }
}

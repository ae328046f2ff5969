package io.eddy.streams.kstream;

import io.eddy.serialization.Deserializer;
import io.eddy.state.SessionWindow;
import io.eddy.state.Windowed;
import java.util.Objects;

/**
 * Reads keys written by {@link SessionWindowedSerializer}. Thread-safe if the inner deserializer is.
 *
 * @param <T> the inner key type
 */
public class SessionWindowedDeserializer<T> implements Deserializer<Windowed<T>> {
    private final Deserializer<T> inner;

    /** @param inner reads the inner key */
    public SessionWindowedDeserializer(Deserializer<T> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public Windowed<T> deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        byte[] key = WindowedKeyLayout.key(data, WindowedKeyLayout.SESSION_SUFFIX, "session-windowed");
        return new Windowed<>(inner.deserialize(topic, key),
                new SessionWindow(WindowedKeyLayout.sessionStart(data), WindowedKeyLayout.sessionEnd(data)));
    }

    @Override
    public void close() {
        inner.close();
    }
}

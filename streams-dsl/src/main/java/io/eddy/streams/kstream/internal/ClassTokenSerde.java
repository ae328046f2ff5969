package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Deserializer;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serializer;
import java.util.Objects;

/**
 * A serde chosen by type ({@code Consumed.with(String.class, Long.class)} and the like) and resolved by the
 * {@link SerdeResolver} of the builder it is used with, since Kryo serdes need the builder's registrations. Using it
 * unresolved fails with an {@link IllegalStateException}.
 *
 * @param <T> the type
 */
public final class ClassTokenSerde<T> implements Serde<T> {
    private final Class<T> type;

    private ClassTokenSerde(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * @param type the class
     * @param <T> the type
     * @return a placeholder serde for {@code type}
     */
    public static <T> Serde<T> of(Class<T> type) {
        return new ClassTokenSerde<>(type);
    }

    /** @return the class */
    public Class<T> type() {
        return type;
    }

    @Override
    public Serializer<T> serializer() {
        throw unresolved();
    }

    @Override
    public Deserializer<T> deserializer() {
        throw unresolved();
    }

    private IllegalStateException unresolved() {
        return new IllegalStateException("the serde for " + type.getName() + " chosen by class is resolved by a"
                + " StreamsBuilder; it cannot be used outside one");
    }

    @Override
    public String toString() {
        return "ClassTokenSerde(" + type.getName() + ")";
    }
}

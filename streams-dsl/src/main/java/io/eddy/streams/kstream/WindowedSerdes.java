package io.eddy.streams.kstream;

import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.Windowed;

/**
 * Serdes for {@link Windowed} keys, as Kafka Streams' {@code WindowedSerdes}, e.g. to read the output of a windowed
 * aggregation: {@code WindowedSerdes.timeWindowedSerdeFrom(String.class, 60_000)}.
 */
public final class WindowedSerdes {

    private WindowedSerdes() {
    }

    /**
     * The serde of time-windowed keys.
     *
     * @param <T> the inner key type
     */
    public static class TimeWindowedSerde<T> extends Serdes.WrapperSerde<Windowed<T>> {
        /**
         * @param inner the inner key serde
         * @param windowSize the window size in ms (the end is not on the wire)
         */
        public TimeWindowedSerde(Serde<T> inner, long windowSize) {
            super(new TimeWindowedSerializer<>(inner.serializer()),
                    new TimeWindowedDeserializer<>(inner.deserializer(), windowSize));
        }
    }

    /**
     * The serde of session-windowed keys.
     *
     * @param <T> the inner key type
     */
    public static class SessionWindowedSerde<T> extends Serdes.WrapperSerde<Windowed<T>> {
        /** @param inner the inner key serde */
        public SessionWindowedSerde(Serde<T> inner) {
            super(new SessionWindowedSerializer<>(inner.serializer()),
                    new SessionWindowedDeserializer<>(inner.deserializer()));
        }
    }

    /**
     * @param type the inner key class (a type {@link Serdes#serdeFrom(Class)} knows)
     * @param windowSize the window size in ms
     * @param <T> the inner key type
     * @return the serde
     * @throws IllegalArgumentException if there is no built-in serde for {@code type} or the size is not positive
     */
    public static <T> Serde<Windowed<T>> timeWindowedSerdeFrom(Class<T> type, long windowSize) {
        return new TimeWindowedSerde<>(Serdes.serdeFrom(type), windowSize);
    }

    /**
     * @param type the inner key class (a type {@link Serdes#serdeFrom(Class)} knows)
     * @param <T> the inner key type
     * @return the serde
     * @throws IllegalArgumentException if there is no built-in serde for {@code type}
     */
    public static <T> Serde<Windowed<T>> sessionWindowedSerdeFrom(Class<T> type) {
        return new SessionWindowedSerde<>(Serdes.serdeFrom(type));
    }
}

package io.eddy.serialization;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Factories for the built-in serdes, mirroring Kafka's {@code org.apache.kafka.common.serialization.Serdes}: same
 * method names, same nested serde classes, and the same bytes on the wire, so code ported from Kafka compiles after
 * its imports change and reads data Kafka wrote.
 *
 * <p>Every serde maps {@code null} to {@code null}. Every built-in serde is thread-safe; all but {@link #String()} and
 * {@link #UUID()} are also stateless and returned as shared instances. Those two can be configured with an encoding
 * and so are created afresh on each call.
 *
 * <pre>{@code
 * Serde<Long> keys = Serdes.Long();
 * Serde<Order> values = Serdes.kryo(Order.class, KryoRegistrations.builder().register(Order.class, 101).build());
 * }</pre>
 */
public final class Serdes {
    private static final Serde<Long> LONG = new LongSerde();
    private static final Serde<Integer> INTEGER = new IntegerSerde();
    private static final Serde<Short> SHORT = new ShortSerde();
    private static final Serde<Float> FLOAT = new FloatSerde();
    private static final Serde<Double> DOUBLE = new DoubleSerde();
    private static final Serde<Boolean> BOOLEAN = new BooleanSerde();
    private static final Serde<byte[]> BYTE_ARRAY = new ByteArraySerde();
    private static final Serde<ByteBuffer> BYTE_BUFFER = new ByteBufferSerde();
    private static final Serde<Bytes> BYTES = new BytesSerde();
    private static final Serde<Void> VOID = new VoidSerde();

    private Serdes() {
    }

    /**
     * Pairs a serializer with a deserializer; {@link Serde#configure} and {@link Serde#close} reach both.
     *
     * @param <T> the type handled
     */
    public static class WrapperSerde<T> implements Serde<T> {
        private final Serializer<T> serializer;
        private final Deserializer<T> deserializer;

        /**
         * @param serializer the serializer, not null
         * @param deserializer the deserializer, not null
         * @throws NullPointerException if either is null
         */
        public WrapperSerde(Serializer<T> serializer, Deserializer<T> deserializer) {
            this.serializer = Objects.requireNonNull(serializer, "serializer must not be null");
            this.deserializer = Objects.requireNonNull(deserializer, "deserializer must not be null");
        }

        @Override
        public Serializer<T> serializer() {
            return serializer;
        }

        @Override
        public Deserializer<T> deserializer() {
            return deserializer;
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            serializer.configure(configs, isKey);
            deserializer.configure(configs, isKey);
        }

        @Override
        public void close() {
            serializer.close();
            deserializer.close();
        }
    }

    /** Serde of {@link String}: UTF-8 or the configured encoding; see {@link StringSerializer}. */
    public static final class StringSerde extends WrapperSerde<String> {
        /** Creates a UTF-8 string serde. */
        public StringSerde() {
            super(new StringSerializer(), new StringDeserializer());
        }
    }

    /** Serde of {@link Long}: 8 bytes big-endian. */
    public static final class LongSerde extends WrapperSerde<Long> {
        /** Creates the serde. */
        public LongSerde() {
            super(new LongSerializer(), new LongDeserializer());
        }
    }

    /** Serde of {@link Integer}: 4 bytes big-endian. */
    public static final class IntegerSerde extends WrapperSerde<Integer> {
        /** Creates the serde. */
        public IntegerSerde() {
            super(new IntegerSerializer(), new IntegerDeserializer());
        }
    }

    /** Serde of {@link Short}: 2 bytes big-endian. */
    public static final class ShortSerde extends WrapperSerde<Short> {
        /** Creates the serde. */
        public ShortSerde() {
            super(new ShortSerializer(), new ShortDeserializer());
        }
    }

    /** Serde of {@link Float}: 4 bytes of IEEE 754 bits, big-endian. */
    public static final class FloatSerde extends WrapperSerde<Float> {
        /** Creates the serde. */
        public FloatSerde() {
            super(new FloatSerializer(), new FloatDeserializer());
        }
    }

    /** Serde of {@link Double}: 8 bytes of IEEE 754 bits, big-endian. */
    public static final class DoubleSerde extends WrapperSerde<Double> {
        /** Creates the serde. */
        public DoubleSerde() {
            super(new DoubleSerializer(), new DoubleDeserializer());
        }
    }

    /** Serde of {@link Boolean}: one byte, 1 or 0. */
    public static final class BooleanSerde extends WrapperSerde<Boolean> {
        /** Creates the serde. */
        public BooleanSerde() {
            super(new BooleanSerializer(), new BooleanDeserializer());
        }
    }

    /** Serde of {@code byte[]}: the bytes themselves. */
    public static final class ByteArraySerde extends WrapperSerde<byte[]> {
        /** Creates the serde. */
        public ByteArraySerde() {
            super(new ByteArraySerializer(), new ByteArrayDeserializer());
        }
    }

    /** Serde of {@link ByteBuffer}: the remaining bytes; see {@link ByteBufferSerializer}. */
    public static final class ByteBufferSerde extends WrapperSerde<ByteBuffer> {
        /** Creates the serde. */
        public ByteBufferSerde() {
            super(new ByteBufferSerializer(), new ByteBufferDeserializer());
        }
    }

    /** Serde of {@link Bytes}: the wrapped bytes. */
    public static final class BytesSerde extends WrapperSerde<Bytes> {
        /** Creates the serde. */
        public BytesSerde() {
            super(new BytesSerializer(), new BytesDeserializer());
        }
    }

    /** Serde of {@link UUID}: its 36-character string form in UTF-8 or the configured encoding. */
    public static final class UUIDSerde extends WrapperSerde<UUID> {
        /** Creates a UTF-8 UUID serde. */
        public UUIDSerde() {
            super(new UUIDSerializer(), new UUIDDeserializer());
        }
    }

    /** Serde of {@link Void}: only {@code null}. */
    public static final class VoidSerde extends WrapperSerde<Void> {
        /** Creates the serde. */
        public VoidSerde() {
            super(new VoidSerializer(), new VoidDeserializer());
        }
    }

    /** @return a new UTF-8 string serde (configurable, hence not shared) */
    public static Serde<String> String() {
        return new StringSerde();
    }

    /** @return the shared {@link Long} serde */
    public static Serde<Long> Long() {
        return LONG;
    }

    /** @return the shared {@link Integer} serde */
    public static Serde<Integer> Integer() {
        return INTEGER;
    }

    /** @return the shared {@link Short} serde */
    public static Serde<Short> Short() {
        return SHORT;
    }

    /** @return the shared {@link Float} serde */
    public static Serde<Float> Float() {
        return FLOAT;
    }

    /** @return the shared {@link Double} serde */
    public static Serde<Double> Double() {
        return DOUBLE;
    }

    /** @return the shared {@link Boolean} serde */
    public static Serde<Boolean> Boolean() {
        return BOOLEAN;
    }

    /** @return the shared {@code byte[]} serde */
    public static Serde<byte[]> ByteArray() {
        return BYTE_ARRAY;
    }

    /** @return the shared {@link ByteBuffer} serde */
    public static Serde<ByteBuffer> ByteBuffer() {
        return BYTE_BUFFER;
    }

    /** @return the shared {@link Bytes} serde */
    public static Serde<Bytes> Bytes() {
        return BYTES;
    }

    /** @return a new UTF-8 {@link UUID} serde (configurable, hence not shared) */
    public static Serde<UUID> UUID() {
        return new UUIDSerde();
    }

    /** @return the shared {@link Void} serde */
    public static Serde<Void> Void() {
        return VOID;
    }

    /**
     * A Kryo serde for a type registered in {@code registrations}; see {@link KryoSerde#of(KryoRegistrations)}.
     *
     * @param <T> the type handled; not checked on read
     * @param registrations the classes Kryo may write, with their stable ids; not null
     * @return a thread-safe Kryo serde
     * @throws NullPointerException if {@code registrations} is null
     */
    public static <T> KryoSerde<T> kryo(KryoRegistrations registrations) {
        return KryoSerde.of(registrations);
    }

    /**
     * A Kryo serde that checks every value it reads is a {@code type}; see
     * {@link KryoSerde#of(Class, KryoRegistrations)}.
     *
     * @param <T> the type handled
     * @param type the type handled, not null
     * @param registrations the classes Kryo may write, with their stable ids; not null
     * @return a thread-safe Kryo serde
     * @throws NullPointerException if an argument is null
     */
    public static <T> KryoSerde<T> kryo(Class<T> type, KryoRegistrations registrations) {
        return KryoSerde.of(type, registrations);
    }

    /**
     * Pairs a serializer with a deserializer.
     *
     * @param <T> the type handled
     * @param serializer the serializer, not null
     * @param deserializer the deserializer, not null
     * @return a serde whose {@code configure} and {@code close} reach both halves
     * @throws IllegalArgumentException if either is null
     */
    public static <T> Serde<T> serdeFrom(Serializer<T> serializer, Deserializer<T> deserializer) {
        if (serializer == null) {
            throw new IllegalArgumentException("serializer must not be null");
        }
        if (deserializer == null) {
            throw new IllegalArgumentException("deserializer must not be null");
        }
        return new WrapperSerde<>(serializer, deserializer);
    }

    /**
     * The built-in serde for {@code type}: String, Long, Integer, Short, Float, Double, Boolean, byte[], ByteBuffer
     * (and its subclasses), Bytes, UUID or Void.
     *
     * @param <T> the type handled
     * @param type the class, not null
     * @return the serde that {@code Serdes.<Type>()} returns
     * @throws IllegalArgumentException naming {@code type} if there is no built-in serde for it, or if it is null
     */
    @SuppressWarnings("unchecked")
    public static <T> Serde<T> serdeFrom(Class<T> type) {
        if (type == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        Serde<?> serde;
        if (type == String.class) {
            serde = String();
        } else if (type == Long.class) {
            serde = LONG;
        } else if (type == Integer.class) {
            serde = INTEGER;
        } else if (type == Short.class) {
            serde = SHORT;
        } else if (type == Float.class) {
            serde = FLOAT;
        } else if (type == Double.class) {
            serde = DOUBLE;
        } else if (type == Boolean.class) {
            serde = BOOLEAN;
        } else if (type == byte[].class) {
            serde = BYTE_ARRAY;
        } else if (ByteBuffer.class.isAssignableFrom(type)) {
            serde = BYTE_BUFFER;
        } else if (type == Bytes.class) {
            serde = BYTES;
        } else if (type == UUID.class) {
            serde = UUID();
        } else if (type == Void.class) {
            serde = VOID;
        } else {
            throw new IllegalArgumentException("no built-in serde for " + type.getName()
                    + "; built-in types are String, Long, Integer, Short, Float, Double, Boolean, byte[], ByteBuffer,"
                    + " Bytes, UUID and Void. Use Serdes.serdeFrom(serializer, deserializer) or Serdes.kryo(...)"
                    + " for other types");
        }
        return (Serde<T>) serde;
    }
}

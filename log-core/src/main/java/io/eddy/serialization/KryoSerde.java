package io.eddy.serialization;

import com.esotericsoftware.kryo.util.Pool;
import java.util.Objects;

/**
 * A {@link Serde} backed by Kryo 5, for application objects that have no hand-written serde: records, enums, POJOs
 * (with or without a no-arg constructor) and collections of them.
 *
 * <pre>{@code
 * KryoSerde<Order> orders = KryoSerde.of(Order.class, KryoRegistrations.builder()
 *         .register(Order.class, 101)
 *         .register(OrderLine.class, 102)
 *         .build());
 * }</pre>
 *
 * <p><b>Format.</b> Bytes are Kryo's {@code writeClassAndObject} encoding: the registered id of the value's class,
 * then the value; so bytes read back without knowing their type. Registration is required and every id is explicit
 * (see {@link KryoRegistrations}), which keeps stored bytes readable after registrations are reordered or added.
 * References are not tracked: shared objects are written once per use and cyclic graphs are rejected. {@code null}
 * maps to {@code null}.
 *
 * <p><b>Failures.</b> Writing a value whose graph contains an unregistered class fails before anything is returned,
 * with a {@link SerializationException} that names the class and shows the registration to add. Reading bytes that
 * are empty, truncated, carry trailing bytes, name an unknown class id, or (for a typed serde) hold another type fails
 * with a {@code SerializationException} naming the topic and the problem.
 *
 * <p><b>Threads.</b> Kryo instances are not thread-safe, so this serde keeps a pool of them, each with reusable
 * buffers; the serde, its serializer and its deserializer may be used from any number of threads at once.
 *
 * @param <T> the type handled
 */
public final class KryoSerde<T> implements Serde<T> {
    private final KryoRegistrations registrations;
    private final Class<T> type;
    private final Pool<KryoWorker> pool;
    private final Serializer<T> serializer = new KryoSerializer();
    private final Deserializer<T> deserializer = new KryoDeserializer();

    private KryoSerde(Class<T> type, KryoRegistrations registrations) {
        this.type = type;
        this.registrations = registrations;
        int capacity = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        this.pool = new Pool<>(true, false, capacity) {
            @Override
            protected KryoWorker create() {
                return new KryoWorker(registrations);
            }
        };
        // Build one Kryo now, so a registration Kryo cannot handle fails here rather than on the first record.
        pool.free(pool.obtain());
    }

    /**
     * A serde for any registered type; what {@link Deserializer#deserialize} returns is cast to {@code T} unchecked.
     *
     * @param <T> the type handled
     * @param registrations the classes that may appear in values, with their ids; not null
     * @return the serde
     * @throws NullPointerException if {@code registrations} is null
     * @throws IllegalArgumentException naming the class if Kryo cannot build a serializer for a registered class
     */
    public static <T> KryoSerde<T> of(KryoRegistrations registrations) {
        return new KryoSerde<>(null, Objects.requireNonNull(registrations, "registrations must not be null"));
    }

    /**
     * A serde for {@code type} whose deserializer checks that what it reads is a {@code type}.
     *
     * @param <T> the type handled
     * @param type the type of values, not null; it (or, for an interface or abstract class, its implementations)
     *     must be registered
     * @param registrations the classes that may appear in values, with their ids; not null
     * @return the serde
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException naming the class if Kryo cannot build a serializer for a registered class
     */
    public static <T> KryoSerde<T> of(Class<T> type, KryoRegistrations registrations) {
        return new KryoSerde<>(Objects.requireNonNull(type, "type must not be null"),
                Objects.requireNonNull(registrations, "registrations must not be null"));
    }

    /** @return the registrations this serde writes and reads with */
    public KryoRegistrations registrations() {
        return registrations;
    }

    /** @return the thread-safe serializer; the same instance on every call */
    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    /** @return the thread-safe deserializer; the same instance on every call */
    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    /** Drops the pooled Kryo instances. The serde stays usable and builds new ones on demand. */
    @Override
    public void close() {
        pool.clear();
    }

    @Override
    public String toString() {
        return "KryoSerde(" + (type == null ? "any registered type" : type.getName()) + ", " + registrations + ")";
    }

    private final class KryoSerializer implements Serializer<T> {
        /**
         * @throws SerializationException if a class in the value's graph is not registered (naming it) or Kryo
         *     fails otherwise
         */
        @Override
        public byte[] serialize(String topic, T data) {
            if (data == null) {
                return null;
            }
            KryoWorker worker = pool.obtain();
            byte[] bytes = worker.write(topic, data);
            // Only a worker that succeeded goes back; one that threw is dropped with whatever state it was left in.
            pool.free(worker);
            return bytes;
        }
    }

    private final class KryoDeserializer implements Deserializer<T> {
        /**
         * @throws SerializationException naming the topic and the problem if the bytes are not a valid encoding, or
         *     not of this serde's type
         */
        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(String topic, byte[] data) {
            if (data == null) {
                return null;
            }
            KryoWorker worker = pool.obtain();
            Object value = worker.read(topic, data);
            pool.free(worker);
            if (type != null && value != null && !type.isInstance(value)) {
                throw new SerializationException("cannot deserialize a " + type.getName() + " from topic " + topic
                        + ": the bytes hold a " + value.getClass().getName());
            }
            return (T) value;
        }
    }
}

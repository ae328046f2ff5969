package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Deserializer;
import io.eddy.serialization.KryoRegistrations;
import io.eddy.serialization.KryoSerde;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.serialization.Serializer;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.errors.TopologyException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Chooses the serde of every DSL topic and store. An explicit serde wins; a serde chosen by class becomes Kafka's
 * byte format for the built-in types or Kryo for a registered class (anything else fails the build, naming the
 * class and operator); a missing serde becomes the configured {@code default.key.serde}/{@code default.value.serde}
 * or, when none is configured, Kryo with the builder's registrations. Defaults are resolved lazily, so that
 * {@code build(Properties)} can still set them.
 */
public final class SerdeResolver {
    private static final Set<Class<?>> BUILT_IN = Set.of(String.class, Long.class, Integer.class, Short.class,
            Float.class, Double.class, Boolean.class, byte[].class, io.eddy.serialization.Bytes.class, UUID.class,
            Void.class);

    private final KryoRegistrations registrations;
    private final DeferredSerde<Object> defaultKey = new DeferredSerde<>(true);
    private final DeferredSerde<Object> defaultValue = new DeferredSerde<>(false);
    private Serde<?> configuredKey;
    private Serde<?> configuredValue;
    private KryoSerde<Object> kryo;

    /** @param registrations the classes Kryo may write */
    public SerdeResolver(KryoRegistrations registrations) {
        this.registrations = registrations;
    }

    /** @return the Kryo registrations */
    public KryoRegistrations registrations() {
        return registrations;
    }

    /**
     * Reads {@code default.key.serde}/{@code default.value.serde}.
     *
     * @param props app configuration
     */
    public void configure(Properties props) {
        Serde<?> k = instantiate(props, StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, true);
        Serde<?> v = instantiate(props, StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, false);
        if (k != null) {
            configuredKey = k;
        }
        if (v != null) {
            configuredValue = v;
        }
    }

    private static Serde<?> instantiate(Properties props, String key, boolean isKey) {
        Object v = props.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Serde<?> s) {
            return s;
        }
        try {
            Class<?> cls = v instanceof Class<?> c ? c
                    : Class.forName(v.toString().trim(), true, Thread.currentThread().getContextClassLoader());
            Serde<?> s = (Serde<?>) cls.getDeclaredConstructor().newInstance();
            s.configure(Map.of(), isKey);
            return s;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new io.eddy.streams.errors.ConfigException(key, v, "cannot instantiate a Serde: " + e);
        }
    }

    /**
     * @param serde the user's serde, a class-token serde, or null
     * @param isKey whether it serializes keys
     * @param operator the operator (node name) it is for, for error messages
     * @param <T> type
     * @return the serde to use; never null
     * @throws TopologyException if a class-token serde names a class that is neither built in nor Kryo-registered
     */
    @SuppressWarnings("unchecked")
    public <T> Serde<T> resolve(Serde<T> serde, boolean isKey, String operator) {
        if (serde == null) {
            return (Serde<T>) (isKey ? defaultKey : defaultValue);
        }
        if (serde instanceof ClassTokenSerde<T> token) {
            return forClass(token.type(), operator);
        }
        return serde;
    }

    @SuppressWarnings("unchecked")
    private <T> Serde<T> forClass(Class<T> type, String operator) {
        if (BUILT_IN.contains(type) || ByteBuffer.class.isAssignableFrom(type)) {
            return Serdes.serdeFrom(type);
        }
        if (isRegistered(type)) {
            return KryoSerde.of(type, registrations);
        }
        throw new TopologyException("operator '" + operator + "' asks for a serde for " + type.getName()
                + " by class, but it is neither String, a primitive wrapper or another built-in type, nor registered"
                + " in the KryoRegistrations passed to the StreamsBuilder: register it with"
                + " KryoRegistrations.builder().register(" + type.getSimpleName() + ".class, id), or pass a Serde");
    }

    private boolean isRegistered(Class<?> type) {
        if (KryoRegistrations.reservedIds().containsKey(type) || registrations.ids().containsKey(type)) {
            return true;
        }
        if (type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
            for (Class<?> c : registrations.ids().keySet()) {
                if (type.isAssignableFrom(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private synchronized Serde<Object> resolveDefault(boolean isKey) {
        Serde<?> configured = isKey ? configuredKey : configuredValue;
        if (configured != null) {
            @SuppressWarnings("unchecked")
            Serde<Object> s = (Serde<Object>) configured;
            return s;
        }
        if (kryo == null) {
            kryo = KryoSerde.of(registrations);
        }
        return kryo;
    }

    /**
     * The default serde. Its serializer and deserializer resolve the real serde at their first use, which is after
     * the topology is built, so {@code build(Properties)} can still choose it.
     */
    private final class DeferredSerde<T> implements Serde<T> {
        private final boolean isKey;
        private volatile Serde<T> resolved;
        private final Serializer<T> serializer = new Serializer<>() {
            @Override
            public byte[] serialize(String topic, T data) {
                return delegate().serializer().serialize(topic, data);
            }

            @Override
            public byte[] serialize(String topic, io.eddy.log.Headers headers, T data) {
                return delegate().serializer().serialize(topic, headers, data);
            }
        };
        private final Deserializer<T> deserializer = new Deserializer<>() {
            @Override
            public T deserialize(String topic, byte[] data) {
                return delegate().deserializer().deserialize(topic, data);
            }

            @Override
            public T deserialize(String topic, io.eddy.log.Headers headers, byte[] data) {
                return delegate().deserializer().deserialize(topic, headers, data);
            }
        };

        DeferredSerde(boolean isKey) {
            this.isKey = isKey;
        }

        @SuppressWarnings("unchecked")
        private Serde<T> delegate() {
            Serde<T> s = resolved;
            if (s == null) {
                s = (Serde<T>) resolveDefault(isKey);
                resolved = s;
            }
            return s;
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
        public void configure(Map<String, ?> configs, boolean key) {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "DefaultSerde(" + (isKey ? "key" : "value") + ")";
        }
    }
}

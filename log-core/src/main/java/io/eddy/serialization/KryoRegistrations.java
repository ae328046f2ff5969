package io.eddy.serialization;

import com.esotericsoftware.kryo.Kryo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The classes a {@link KryoSerde} may write, each with an explicit id chosen by the user. Immutable and thread-safe;
 * built with {@link #builder()}:
 *
 * <pre>{@code
 * KryoRegistrations registrations = KryoRegistrations.builder()
 *         .register(Order.class, 101)
 *         .register(OrderLine.class, 102)
 *         .register(Status.class, 103)
 *         .build();
 * }</pre>
 *
 * <p><b>Why explicit ids.</b> Kryo writes a class's id in front of each object instead of its name. Ids handed out in
 * registration order would change when a registration is added or moved, and bytes already in a log would then read
 * back as the wrong class. Here an id belongs to its class forever: registrations may be reordered or added freely,
 * but a class's id must never change and a retired id must never be reused.
 *
 * <p>Ids below {@value #MIN_USER_ID} are reserved for Eddy, which pre-registers common JDK types there (boxed
 * primitives, {@code String}, {@code byte[]} and other primitive arrays, {@code Object[]}, {@code ArrayList},
 * {@code HashMap}, {@code LinkedHashMap}, {@code TreeMap}, {@code HashSet}, {@code List.of(...)} and the other
 * immutable collections, {@code UUID}, {@code BigDecimal}, {@code Instant}, {@code LocalDate} and more; see
 * {@link #reservedIds()}). Those ids never change either.
 */
public final class KryoRegistrations {
    /** The smallest id a user registration may take; smaller ids are reserved for Eddy. */
    public static final int MIN_USER_ID = KryoReservedIds.FIRST_USER_ID;

    /**
     * The largest id a registration may take: Kryo writes {@code id + 2} as a varint, which must not overflow.
     */
    public static final int MAX_USER_ID = Integer.MAX_VALUE - 2;

    private record Entry(Class<?> type, int id,
            Supplier<? extends com.esotericsoftware.kryo.Serializer<?>> serializer) {
    }

    private final Map<Integer, Entry> byId;
    private final Map<Class<?>, Integer> ids;

    private KryoRegistrations(Map<Integer, Entry> byId) {
        this.byId = Collections.unmodifiableMap(new TreeMap<>(byId));
        Map<Class<?>, Integer> m = new LinkedHashMap<>();
        for (Entry e : this.byId.values()) {
            m.put(e.type(), e.id());
        }
        this.ids = Collections.unmodifiableMap(m);
    }

    /** @return a new, empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the user's registrations, class to id, in ascending id order; unmodifiable */
    public Map<Class<?>, Integer> ids() {
        return ids;
    }

    /**
     * @return the classes Eddy pre-registers (including Kryo's own defaults for boxed primitives and {@code String}),
     *     class to id; unmodifiable, identical in every Eddy version
     */
    public static Map<Class<?>, Integer> reservedIds() {
        return KryoReservedIds.all();
    }

    /**
     * Registers the reserved classes and then these registrations with {@code kryo}.
     *
     * @throws IllegalArgumentException naming the class when Kryo cannot build a serializer for it or a custom
     *     serializer supplier returns null
     */
    void registerWith(Kryo kryo) {
        KryoReservedIds.registerAll(kryo);
        for (Entry e : byId.values()) {
            com.esotericsoftware.kryo.Serializer<?> serializer = null;
            if (e.serializer() != null) {
                serializer = e.serializer().get();
                if (serializer == null) {
                    throw new IllegalArgumentException("the serializer supplier for " + e.type().getName()
                            + " (Kryo id " + e.id() + ") returned null");
                }
            }
            try {
                if (serializer == null) {
                    kryo.register(e.type(), e.id());
                } else {
                    kryo.register(e.type(), serializer, e.id());
                }
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException("Kryo cannot build a serializer for " + e.type().getName()
                        + " (Kryo id " + e.id() + "): " + ex + "; register it with a custom serializer via"
                        + " KryoRegistrations.builder().register(type, id, serializerSupplier)", ex);
            }
        }
    }

    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "KryoRegistrations{", "}");
        ids.forEach((type, id) -> joiner.add(type.getName() + "=" + id));
        return joiner.toString();
    }

    /**
     * Collects registrations, rejecting conflicts as soon as they are added. Not thread-safe; {@link #build()} takes
     * a snapshot, so a builder may keep being used afterwards.
     */
    public static final class Builder {
        private final Map<Integer, Entry> byId = new LinkedHashMap<>();
        private final Map<Class<?>, Integer> byType = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Registers {@code type} under {@code id}, serialized by Kryo's default serializer for it (records by their
         * components, enums by ordinal, other classes field by field; classes need no no-arg constructor).
         *
         * @param type the class, not null
         * @param id its permanent id, {@value #MIN_USER_ID} or more
         * @return this builder
         * @throws NullPointerException if {@code type} is null
         * @throws IllegalArgumentException naming the class and id if the id is reserved or out of range, the id is
         *     already taken (naming both classes), the class is already registered (naming both ids) or the class is
         *     pre-registered by Eddy
         */
        public Builder register(Class<?> type, int id) {
            return add(type, id, null);
        }

        /**
         * Registers {@code type} under {@code id}, serialized by a custom Kryo serializer. Each pooled Kryo instance
         * gets its own serializer from {@code serializer}, so the serializer need not be thread-safe.
         *
         * @param <T> the registered type
         * @param type the class, not null
         * @param id its permanent id, {@value #MIN_USER_ID} or more
         * @param serializer creates the Kryo serializer for {@code type}; not null, must not return null
         * @return this builder
         * @throws NullPointerException if {@code type} or {@code serializer} is null
         * @throws IllegalArgumentException as for {@link #register(Class, int)}
         */
        public <T> Builder register(Class<T> type, int id,
                Supplier<? extends com.esotericsoftware.kryo.Serializer<T>> serializer) {
            return add(type, id, Objects.requireNonNull(serializer, "serializer supplier must not be null"));
        }

        private Builder add(Class<?> type, int id, Supplier<? extends com.esotericsoftware.kryo.Serializer<?>> s) {
            Objects.requireNonNull(type, "type must not be null");
            Integer reserved = KryoReservedIds.idOf(type);
            if (reserved != null) {
                throw new IllegalArgumentException("class " + type.getName()
                        + " is pre-registered by Eddy with Kryo id " + reserved + "; do not register it (asked for id "
                        + id + ")");
            }
            if (id < MIN_USER_ID) {
                throw new IllegalArgumentException("Kryo id " + id + " for " + type.getName()
                        + " is reserved for Eddy (ids below " + MIN_USER_ID + "); use an id >= " + MIN_USER_ID);
            }
            if (id > MAX_USER_ID) {
                throw new IllegalArgumentException("Kryo id " + id + " for " + type.getName()
                        + " is too large; the largest allowed id is " + MAX_USER_ID);
            }
            Entry taken = byId.get(id);
            if (taken != null) {
                throw new IllegalArgumentException("Kryo id " + id + " is already registered to "
                        + taken.type().getName() + "; cannot also register " + type.getName() + " with it");
            }
            Integer existing = byType.get(type);
            if (existing != null) {
                throw new IllegalArgumentException("class " + type.getName() + " is already registered with Kryo id "
                        + existing + "; cannot register it again with id " + id);
            }
            byId.put(id, new Entry(type, id, s));
            byType.put(type, id);
            return this;
        }

        /** @return an immutable snapshot of the registrations added so far */
        public KryoRegistrations build() {
            return new KryoRegistrations(byId);
        }
    }
}

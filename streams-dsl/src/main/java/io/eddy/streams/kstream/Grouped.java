package io.eddy.streams.kstream;

import io.eddy.serialization.Serde;
import io.eddy.streams.kstream.internal.ClassTokenSerde;
import java.util.Objects;

/**
 * How a stream or table is grouped: serdes of the (possibly repartitioned) records and the name of the repartition
 * topic ({@code <name>-repartition}) and of the nodes around it, as Kafka Streams' {@code Grouped}. Immutable.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class Grouped<K, V> {
    /** Name or null. */
    protected final String name;
    /** Key serde or null. */
    protected final Serde<K> keySerde;
    /** Value serde or null. */
    protected final Serde<V> valueSerde;

    /**
     * @param name name or null
     * @param keySerde key serde or null
     * @param valueSerde value serde or null
     */
    protected Grouped(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /** @param grouped copied */
    protected Grouped(Grouped<K, V> grouped) {
        this(grouped.name, grouped.keySerde, grouped.valueSerde);
    }

    /** @param name the name @param <K> key type @param <V> value type @return a Grouped */
    public static <K, V> Grouped<K, V> as(String name) {
        return new Grouped<>(Objects.requireNonNull(name, "name"), null, null);
    }

    /** @param keySerde key serde @param <K> key type @param <V> value type @return a Grouped */
    public static <K, V> Grouped<K, V> keySerde(Serde<K> keySerde) {
        return new Grouped<>(null, keySerde, null);
    }

    /** @param valueSerde value serde @param <K> key type @param <V> value type @return a Grouped */
    public static <K, V> Grouped<K, V> valueSerde(Serde<V> valueSerde) {
        return new Grouped<>(null, null, valueSerde);
    }

    /**
     * @param name the name
     * @param keySerde key serde
     * @param valueSerde value serde
     * @param <K> key type
     * @param <V> value type
     * @return a Grouped
     */
    public static <K, V> Grouped<K, V> with(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    /** @param keySerde key serde @param valueSerde value serde @param <K> key type @param <V> value type @return a Grouped */
    public static <K, V> Grouped<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(null, keySerde, valueSerde);
    }

    /**
     * Serdes by type, as {@link Consumed#with(Class, Class)}.
     *
     * @param keyType key class
     * @param valueType value class
     * @param <K> key type
     * @param <V> value type
     * @return a Grouped
     */
    public static <K, V> Grouped<K, V> with(Class<K> keyType, Class<V> valueType) {
        return with(ClassTokenSerde.of(keyType), ClassTokenSerde.of(valueType));
    }

    /** @param name the name @return a copy */
    public Grouped<K, V> withName(String name) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    /** @param keySerde key serde @return a copy */
    public Grouped<K, V> withKeySerde(Serde<K> keySerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    /** @param valueSerde value serde @return a copy */
    public Grouped<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }
}

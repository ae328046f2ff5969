package io.eddy.streams.kstream;

import io.eddy.serialization.Serde;
import io.eddy.streams.kstream.internal.ClassTokenSerde;
import io.eddy.streams.processor.StreamPartitioner;
import java.util.Objects;

/**
 * How {@link KStream#repartition(Repartitioned)} writes its topic ({@code <name>-repartition}): name, serdes,
 * partition count and partitioner, as Kafka Streams' {@code Repartitioned}. Immutable.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class Repartitioned<K, V> {
    /** Name or null. */
    protected final String name;
    /** Key serde or null. */
    protected final Serde<K> keySerde;
    /** Value serde or null. */
    protected final Serde<V> valueSerde;
    /** Partition count or null for the upstream's. */
    protected final Integer numberOfPartitions;
    /** Partitioner or null. */
    protected final StreamPartitioner<K, V> partitioner;

    /**
     * @param name name or null
     * @param keySerde key serde or null
     * @param valueSerde value serde or null
     * @param numberOfPartitions partitions or null
     * @param partitioner partitioner or null
     */
    protected Repartitioned(String name, Serde<K> keySerde, Serde<V> valueSerde, Integer numberOfPartitions,
                            StreamPartitioner<K, V> partitioner) {
        if (numberOfPartitions != null && numberOfPartitions < 1) {
            throw new IllegalArgumentException("numberOfPartitions must be at least 1, was " + numberOfPartitions);
        }
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.numberOfPartitions = numberOfPartitions;
        this.partitioner = partitioner;
    }

    /** @param r copied */
    protected Repartitioned(Repartitioned<K, V> r) {
        this(r.name, r.keySerde, r.valueSerde, r.numberOfPartitions, r.partitioner);
    }

    /** @param name the name @param <K> key type @param <V> value type @return a Repartitioned */
    public static <K, V> Repartitioned<K, V> as(String name) {
        return new Repartitioned<>(Objects.requireNonNull(name, "name"), null, null, null, null);
    }

    /** @param keySerde key serde @param valueSerde value serde @param <K> key type @param <V> value type @return a Repartitioned */
    public static <K, V> Repartitioned<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Repartitioned<>(null, keySerde, valueSerde, null, null);
    }

    /** @param keyType key class @param valueType value class @param <K> key type @param <V> value type @return a Repartitioned with serdes by type */
    public static <K, V> Repartitioned<K, V> with(Class<K> keyType, Class<V> valueType) {
        return with(ClassTokenSerde.of(keyType), ClassTokenSerde.of(valueType));
    }

    /** @param numberOfPartitions partition count @param <K> key type @param <V> value type @return a Repartitioned */
    public static <K, V> Repartitioned<K, V> numberOfPartitions(int numberOfPartitions) {
        return new Repartitioned<>(null, null, null, numberOfPartitions, null);
    }

    /** @param partitioner partitioner @param <K> key type @param <V> value type @return a Repartitioned */
    public static <K, V> Repartitioned<K, V> streamPartitioner(StreamPartitioner<K, V> partitioner) {
        return new Repartitioned<>(null, null, null, null, partitioner);
    }

    /** @param name the name @return a copy */
    public Repartitioned<K, V> withName(String name) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    /** @param keySerde key serde @return a copy */
    public Repartitioned<K, V> withKeySerde(Serde<K> keySerde) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    /** @param valueSerde value serde @return a copy */
    public Repartitioned<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    /** @param numberOfPartitions partition count @return a copy */
    public Repartitioned<K, V> withNumberOfPartitions(int numberOfPartitions) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    /** @param partitioner partitioner @return a copy */
    public Repartitioned<K, V> withStreamPartitioner(StreamPartitioner<K, V> partitioner) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }
}

package io.eddy.streams.kstream;

import io.eddy.serialization.Serde;
import io.eddy.streams.kstream.internal.ClassTokenSerde;
import io.eddy.streams.processor.StreamPartitioner;
import java.util.Objects;

/**
 * How records are written to a topic: serdes, partitioner and sink node name, as Kafka Streams' {@code Produced}.
 * Missing serdes fall back to the stream's known serdes, then the configured defaults, then Kryo. Immutable.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class Produced<K, V> {
    /** Key serde or null. */
    protected final Serde<K> keySerde;
    /** Value serde or null. */
    protected final Serde<V> valueSerde;
    /** Partitioner or null. */
    protected final StreamPartitioner<? super K, ? super V> partitioner;
    /** Sink node name or null. */
    protected final String processorName;

    /**
     * @param keySerde key serde or null
     * @param valueSerde value serde or null
     * @param partitioner partitioner or null
     * @param processorName name or null
     */
    protected Produced(Serde<K> keySerde, Serde<V> valueSerde, StreamPartitioner<? super K, ? super V> partitioner,
                       String processorName) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.partitioner = partitioner;
        this.processorName = processorName;
    }

    /** @param produced copied */
    protected Produced(Produced<K, V> produced) {
        this(produced.keySerde, produced.valueSerde, produced.partitioner, produced.processorName);
    }

    /**
     * @param keySerde key serde
     * @param valueSerde value serde
     * @param <K> key type
     * @param <V> value type
     * @return a Produced
     */
    public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Produced<>(keySerde, valueSerde, null, null);
    }

    /**
     * Serdes by type, as {@link Consumed#with(Class, Class)}.
     *
     * @param keyType key class
     * @param valueType value class
     * @param <K> key type
     * @param <V> value type
     * @return a Produced
     */
    public static <K, V> Produced<K, V> with(Class<K> keyType, Class<V> valueType) {
        return with(ClassTokenSerde.of(keyType), ClassTokenSerde.of(valueType));
    }

    /**
     * @param keySerde key serde
     * @param valueSerde value serde
     * @param partitioner partitioner
     * @param <K> key type
     * @param <V> value type
     * @return a Produced
     */
    public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde,
                                             StreamPartitioner<? super K, ? super V> partitioner) {
        return new Produced<>(keySerde, valueSerde, partitioner, null);
    }

    /** @param processorName sink node name @param <K> key type @param <V> value type @return a Produced */
    public static <K, V> Produced<K, V> as(String processorName) {
        return new Produced<>(null, null, null, Objects.requireNonNull(processorName, "processorName"));
    }

    /** @param keySerde key serde @param <K> key type @param <V> value type @return a Produced */
    public static <K, V> Produced<K, V> keySerde(Serde<K> keySerde) {
        return new Produced<>(keySerde, null, null, null);
    }

    /** @param valueSerde value serde @param <K> key type @param <V> value type @return a Produced */
    public static <K, V> Produced<K, V> valueSerde(Serde<V> valueSerde) {
        return new Produced<>(null, valueSerde, null, null);
    }

    /** @param partitioner partitioner @param <K> key type @param <V> value type @return a Produced */
    public static <K, V> Produced<K, V> streamPartitioner(StreamPartitioner<? super K, ? super V> partitioner) {
        return new Produced<>(null, null, partitioner, null);
    }

    /** @param keySerde key serde @return a copy */
    public Produced<K, V> withKeySerde(Serde<K> keySerde) {
        return new Produced<>(keySerde, valueSerde, partitioner, processorName);
    }

    /** @param valueSerde value serde @return a copy */
    public Produced<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Produced<>(keySerde, valueSerde, partitioner, processorName);
    }

    /** @param partitioner partitioner @return a copy */
    public Produced<K, V> withStreamPartitioner(StreamPartitioner<? super K, ? super V> partitioner) {
        return new Produced<>(keySerde, valueSerde, partitioner, processorName);
    }

    /** @param processorName sink node name @return a copy */
    public Produced<K, V> withName(String processorName) {
        return new Produced<>(keySerde, valueSerde, partitioner, processorName);
    }
}

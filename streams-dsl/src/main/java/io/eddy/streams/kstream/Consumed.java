package io.eddy.streams.kstream;

import io.eddy.serialization.Serde;
import io.eddy.streams.Topology;
import io.eddy.streams.kstream.internal.ClassTokenSerde;
import io.eddy.streams.processor.TimestampExtractor;
import java.util.Objects;

/**
 * How a source topic is read: key and value serdes, timestamp extractor, offset reset policy and source node name,
 * as Kafka Streams' {@code Consumed}. Every part is optional: a missing serde falls back to the configured
 * {@code default.key.serde}/{@code default.value.serde} or, when none is configured, to Kryo. Immutable: each
 * {@code with*} returns a copy.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class Consumed<K, V> {
    /** Key serde or null. */
    protected final Serde<K> keySerde;
    /** Value serde or null. */
    protected final Serde<V> valueSerde;
    /** Timestamp extractor or null. */
    protected final TimestampExtractor timestampExtractor;
    /** Offset reset policy or null. */
    protected final Topology.AutoOffsetReset resetPolicy;
    /** Source node name or null. */
    protected final String processorName;

    /**
     * @param keySerde key serde or null
     * @param valueSerde value serde or null
     * @param timestampExtractor extractor or null
     * @param resetPolicy reset policy or null
     * @param processorName name or null
     */
    protected Consumed(Serde<K> keySerde, Serde<V> valueSerde, TimestampExtractor timestampExtractor,
                       Topology.AutoOffsetReset resetPolicy, String processorName) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.timestampExtractor = timestampExtractor;
        this.resetPolicy = resetPolicy;
        this.processorName = processorName;
    }

    /** @param consumed copied */
    protected Consumed(Consumed<K, V> consumed) {
        this(consumed.keySerde, consumed.valueSerde, consumed.timestampExtractor, consumed.resetPolicy,
                consumed.processorName);
    }

    /**
     * @param keySerde key serde or null
     * @param valueSerde value serde or null
     * @param <K> key type
     * @param <V> value type
     * @return a Consumed with these serdes
     */
    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, null, null, null);
    }

    /**
     * Serdes by type: Kafka's byte formats for String, the primitive wrappers, byte[], UUID and the other built-in
     * types, Kryo (with the builder's registrations) for any other class. A class that is neither fails the build
     * with a {@link io.eddy.streams.errors.TopologyException} naming it.
     *
     * @param keyType key class
     * @param valueType value class
     * @param <K> key type
     * @param <V> value type
     * @return a Consumed with serdes for these types
     */
    public static <K, V> Consumed<K, V> with(Class<K> keyType, Class<V> valueType) {
        return with(ClassTokenSerde.of(keyType), ClassTokenSerde.of(valueType));
    }

    /**
     * @param keySerde key serde or null
     * @param valueSerde value serde or null
     * @param timestampExtractor extractor or null
     * @param resetPolicy reset policy or null
     * @param <K> key type
     * @param <V> value type
     * @return a Consumed
     */
    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde,
                                             TimestampExtractor timestampExtractor,
                                             Topology.AutoOffsetReset resetPolicy) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, null);
    }

    /**
     * @param timestampExtractor the extractor
     * @param <K> key type
     * @param <V> value type
     * @return a Consumed with this extractor
     */
    public static <K, V> Consumed<K, V> with(TimestampExtractor timestampExtractor) {
        return new Consumed<>(null, null, timestampExtractor, null, null);
    }

    /**
     * @param resetPolicy the reset policy
     * @param <K> key type
     * @param <V> value type
     * @return a Consumed with this policy
     */
    public static <K, V> Consumed<K, V> with(Topology.AutoOffsetReset resetPolicy) {
        return new Consumed<>(null, null, null, resetPolicy, null);
    }

    /**
     * @param processorName the source node name
     * @param <K> key type
     * @param <V> value type
     * @return a Consumed naming the source
     */
    public static <K, V> Consumed<K, V> as(String processorName) {
        return new Consumed<>(null, null, null, null, Objects.requireNonNull(processorName, "processorName"));
    }

    /** @param keySerde key serde @return a copy */
    public Consumed<K, V> withKeySerde(Serde<K> keySerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }

    /** @param valueSerde value serde @return a copy */
    public Consumed<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }

    /** @param timestampExtractor extractor @return a copy */
    public Consumed<K, V> withTimestampExtractor(TimestampExtractor timestampExtractor) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }

    /** @param resetPolicy policy @return a copy */
    public Consumed<K, V> withOffsetResetPolicy(Topology.AutoOffsetReset resetPolicy) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }

    /** @param processorName source node name @return a copy */
    public Consumed<K, V> withName(String processorName) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, processorName);
    }
}

package io.eddy.streams.kstream;

import io.eddy.serialization.Serde;
import io.eddy.state.WindowBytesStoreSupplier;
import java.util.Map;
import java.util.Objects;

/**
 * Serdes, store suppliers and names of a stream-stream join, as Kafka Streams' {@code StreamJoined}. The join keeps
 * each side in a window store; their names derive from the store name (or the processor name) given here, never from
 * counters. A null serde or supplier means "use the default". Immutable.
 *
 * @param <K> the key type
 * @param <V1> this stream's value type
 * @param <V2> the other stream's value type
 */
public class StreamJoined<K, V1, V2> {
    /** Key serde or null. */
    protected final Serde<K> keySerde;
    /** This side's value serde or null. */
    protected final Serde<V1> valueSerde;
    /** Other side's value serde or null. */
    protected final Serde<V2> otherValueSerde;
    /** This side's store supplier or null. */
    protected final WindowBytesStoreSupplier thisStoreSupplier;
    /** Other side's store supplier or null. */
    protected final WindowBytesStoreSupplier otherStoreSupplier;
    /** Processor name or null. */
    protected final String name;
    /** Base name of the stores or null. */
    protected final String storeName;
    /** Whether the stores have changelogs. */
    protected final boolean loggingEnabled;
    /** Extra changelog configs. */
    protected final Map<String, String> topicConfig;

    /**
     * @param keySerde key serde
     * @param valueSerde this value serde
     * @param otherValueSerde other value serde
     * @param thisStoreSupplier this store supplier
     * @param otherStoreSupplier other store supplier
     * @param name processor name
     * @param storeName store base name
     * @param loggingEnabled logging
     * @param topicConfig changelog configs
     */
    protected StreamJoined(Serde<K> keySerde, Serde<V1> valueSerde, Serde<V2> otherValueSerde,
                           WindowBytesStoreSupplier thisStoreSupplier, WindowBytesStoreSupplier otherStoreSupplier,
                           String name, String storeName, boolean loggingEnabled, Map<String, String> topicConfig) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
        this.thisStoreSupplier = thisStoreSupplier;
        this.otherStoreSupplier = otherStoreSupplier;
        this.name = name;
        this.storeName = storeName;
        this.loggingEnabled = loggingEnabled;
        this.topicConfig = Map.copyOf(topicConfig);
    }

    /** @param other copied */
    protected StreamJoined(StreamJoined<K, V1, V2> other) {
        this(other.keySerde, other.valueSerde, other.otherValueSerde, other.thisStoreSupplier,
                other.otherStoreSupplier, other.name, other.storeName, other.loggingEnabled, other.topicConfig);
    }

    /**
     * @param storeSupplier this side's window store supplier (retainDuplicates)
     * @param otherStoreSupplier the other side's window store supplier (retainDuplicates)
     * @param <K> key type
     * @param <V1> this value type
     * @param <V2> other value type
     * @return a StreamJoined
     */
    public static <K, V1, V2> StreamJoined<K, V1, V2> with(WindowBytesStoreSupplier storeSupplier,
                                                           WindowBytesStoreSupplier otherStoreSupplier) {
        return new StreamJoined<>(null, null, null, storeSupplier, otherStoreSupplier, null, null, true, Map.of());
    }

    /**
     * @param storeName base name of the join's stores
     * @param <K> key type
     * @param <V1> this value type
     * @param <V2> other value type
     * @return a StreamJoined
     */
    public static <K, V1, V2> StreamJoined<K, V1, V2> as(String storeName) {
        return new StreamJoined<>(null, null, null, null, null, null, Objects.requireNonNull(storeName, "storeName"),
                true, Map.of());
    }

    /**
     * @param keySerde key serde
     * @param valueSerde this value serde
     * @param otherValueSerde other value serde
     * @param <K> key type
     * @param <V1> this value type
     * @param <V2> other value type
     * @return a StreamJoined
     */
    public static <K, V1, V2> StreamJoined<K, V1, V2> with(Serde<K> keySerde, Serde<V1> valueSerde,
                                                           Serde<V2> otherValueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, null, null, null, null, true, Map.of());
    }

    /** @param name processor name @return a copy */
    public StreamJoined<K, V1, V2> withName(String name) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier,
                Objects.requireNonNull(name, "name"), storeName, loggingEnabled, topicConfig);
    }

    /** @param storeName base name of the stores @return a copy */
    public StreamJoined<K, V1, V2> withStoreName(String storeName) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                Objects.requireNonNull(storeName, "storeName"), loggingEnabled, topicConfig);
    }

    /** @param keySerde key serde @return a copy */
    public StreamJoined<K, V1, V2> withKeySerde(Serde<K> keySerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    /** @param valueSerde this value serde @return a copy */
    public StreamJoined<K, V1, V2> withValueSerde(Serde<V1> valueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    /** @param otherValueSerde other value serde @return a copy */
    public StreamJoined<K, V1, V2> withOtherValueSerde(Serde<V2> otherValueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    /** @param thisStoreSupplier this side's supplier (retainDuplicates) @return a copy */
    public StreamJoined<K, V1, V2> withThisStoreSupplier(WindowBytesStoreSupplier thisStoreSupplier) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    /** @param otherStoreSupplier the other side's supplier (retainDuplicates) @return a copy */
    public StreamJoined<K, V1, V2> withOtherStoreSupplier(WindowBytesStoreSupplier otherStoreSupplier) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, loggingEnabled, topicConfig);
    }

    /** @param config extra changelog configs @return a copy with logging enabled */
    public StreamJoined<K, V1, V2> withLoggingEnabled(Map<String, String> config) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, true, Objects.requireNonNull(config, "config"));
    }

    /** @return a copy with logging disabled */
    public StreamJoined<K, V1, V2> withLoggingDisabled() {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
                storeName, false, Map.of());
    }

    @Override
    public String toString() {
        return "StreamJoined{name=" + name + ", storeName=" + storeName + ", keySerde=" + keySerde + ", valueSerde="
                + valueSerde + ", otherValueSerde=" + otherValueSerde + ", logging=" + loggingEnabled + "}";
    }
}

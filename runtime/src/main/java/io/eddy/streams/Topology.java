package io.eddy.streams;

import io.eddy.serialization.Deserializer;
import io.eddy.serialization.Serializer;
import io.eddy.state.StoreBuilder;
import io.eddy.streams.internal.InternalTopologyBuilder;
import io.eddy.streams.processor.StreamPartitioner;
import io.eddy.streams.processor.TimestampExtractor;
import io.eddy.streams.processor.TopicNameExtractor;
import io.eddy.streams.processor.api.ProcessorSupplier;

/**
 * A graph of sources, processors and sinks, with the state stores processors use, as Kafka Streams'
 * {@code Topology}. Build it, then run it with {@link EddyStreams} (or the test driver). Every {@code add*} method
 * validates its arguments immediately and throws {@link io.eddy.streams.errors.TopologyException} naming the node,
 * store or topic at fault. Not thread-safe while being built.
 */
public class Topology {

    /** Where a source starts in a partition without a committed offset. */
    public enum AutoOffsetReset {
        /** The log start. */
        EARLIEST,
        /** The log end. */
        LATEST
    }

    private final InternalTopologyBuilder builder = new InternalTopologyBuilder();

    /** Creates an empty topology. */
    public Topology() {
    }

    /**
     * For the DSL and the runtime: the builder behind this topology.
     *
     * @return the internal builder
     */
    public InternalTopologyBuilder internalBuilder() {
        return builder;
    }

    /**
     * Adds a source reading {@code topics} with the default serdes and timestamp extractor.
     *
     * @param name the node name
     * @param topics the topics
     * @return this
     */
    public synchronized Topology addSource(String name, String... topics) {
        builder.addSource(name, null, null, null, null, topics);
        return this;
    }

    /**
     * @param offsetReset where to start without a committed offset
     * @param name the node name
     * @param topics the topics
     * @return this
     */
    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name, String... topics) {
        builder.addSource(name, null, null, null, offsetReset.name(), topics);
        return this;
    }

    /**
     * @param extractor the timestamp extractor
     * @param name the node name
     * @param topics the topics
     * @return this
     */
    public synchronized Topology addSource(TimestampExtractor extractor, String name, String... topics) {
        builder.addSource(name, null, null, extractor, null, topics);
        return this;
    }

    /**
     * @param name the node name
     * @param keyDeserializer key deserializer (null for the default serde)
     * @param valueDeserializer value deserializer (null for the default serde)
     * @param topics the topics
     * @return this
     */
    public synchronized Topology addSource(String name, Deserializer<?> keyDeserializer,
                                           Deserializer<?> valueDeserializer, String... topics) {
        builder.addSource(name, keyDeserializer, valueDeserializer, null, null, topics);
        return this;
    }

    /**
     * @param offsetReset where to start without a committed offset, or null for the app default
     * @param name the node name
     * @param extractor the timestamp extractor, or null for the default
     * @param keyDeserializer key deserializer (null for the default serde)
     * @param valueDeserializer value deserializer (null for the default serde)
     * @param topics the topics
     * @return this
     */
    public synchronized Topology addSource(AutoOffsetReset offsetReset, String name, TimestampExtractor extractor,
                                           Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
                                           String... topics) {
        builder.addSource(name, keyDeserializer, valueDeserializer, extractor,
                offsetReset == null ? null : offsetReset.name(), topics);
        return this;
    }

    /**
     * Adds a processor; a new instance is created per task by {@code supplier}. Stores the supplier declares
     * ({@link ProcessorSupplier#stores()}) are added and connected.
     *
     * @param name the node name
     * @param supplier creates the processor
     * @param parentNames the parents, already added
     * @param <KIn> input key type
     * @param <VIn> input value type
     * @return this
     */
    public synchronized <KIn, VIn> Topology addProcessor(String name,
                                                         ProcessorSupplier<KIn, VIn, ?, ?> supplier,
                                                         String... parentNames) {
        builder.addProcessor(name, supplier, parentNames);
        return this;
    }

    /**
     * Adds a sink writing to {@code topic} with the default serdes and partitioner.
     *
     * @param name the node name
     * @param topic the topic
     * @param parentNames the parents
     * @return this
     */
    public synchronized Topology addSink(String name, String topic, String... parentNames) {
        builder.addSink(name, topic, null, null, null, null, parentNames);
        return this;
    }

    /**
     * @param name the node name
     * @param topic the topic
     * @param keySerializer key serializer (null for the default serde)
     * @param valueSerializer value serializer (null for the default serde)
     * @param parentNames the parents
     * @param <K> key type
     * @param <V> value type
     * @return this
     */
    public synchronized <K, V> Topology addSink(String name, String topic, Serializer<K> keySerializer,
                                                Serializer<V> valueSerializer, String... parentNames) {
        builder.addSink(name, topic, null, keySerializer, valueSerializer, null, parentNames);
        return this;
    }

    /**
     * @param name the node name
     * @param topic the topic
     * @param keySerializer key serializer (null for the default serde)
     * @param valueSerializer value serializer (null for the default serde)
     * @param partitioner chooses partitions (null for the default)
     * @param parentNames the parents
     * @param <K> key type
     * @param <V> value type
     * @return this
     */
    public synchronized <K, V> Topology addSink(String name, String topic, Serializer<K> keySerializer,
                                                Serializer<V> valueSerializer, StreamPartitioner<? super K, ? super V> partitioner,
                                                String... parentNames) {
        builder.addSink(name, topic, null, keySerializer, valueSerializer, partitioner, parentNames);
        return this;
    }

    /**
     * Adds a sink choosing the topic per record.
     *
     * @param name the node name
     * @param extractor chooses the topic
     * @param parentNames the parents
     * @param <K> key type
     * @param <V> value type
     * @return this
     */
    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<K, V> extractor,
                                                String... parentNames) {
        builder.addSink(name, null, extractor, null, null, null, parentNames);
        return this;
    }

    /**
     * @param name the node name
     * @param extractor chooses the topic
     * @param keySerializer key serializer (null for the default serde)
     * @param valueSerializer value serializer (null for the default serde)
     * @param partitioner chooses partitions (null for the default)
     * @param parentNames the parents
     * @param <K> key type
     * @param <V> value type
     * @return this
     */
    public synchronized <K, V> Topology addSink(String name, TopicNameExtractor<K, V> extractor,
                                                Serializer<K> keySerializer, Serializer<V> valueSerializer,
                                                StreamPartitioner<? super K, ? super V> partitioner,
                                                String... parentNames) {
        builder.addSink(name, null, extractor, keySerializer, valueSerializer, partitioner, parentNames);
        return this;
    }

    /**
     * Adds a state store, optionally connected to processors.
     *
     * @param storeBuilder builds the store for each task
     * @param processorNames processors to connect it to
     * @return this
     */
    public synchronized Topology addStateStore(StoreBuilder<?> storeBuilder, String... processorNames) {
        builder.addStateStore(storeBuilder, processorNames);
        return this;
    }

    /**
     * @param processorName a processor
     * @param stateStoreNames stores already added
     * @return this
     */
    public synchronized Topology connectProcessorAndStateStores(String processorName, String... stateStoreNames) {
        builder.connectProcessorAndStateStores(processorName, stateStoreNames);
        return this;
    }

    /**
     * Adds a global store: loaded from the whole {@code topic} (all partitions) before any task runs, kept up to date
     * while the app runs, readable by every processor. The topic is its changelog, so logging must be disabled.
     *
     * @param storeBuilder builds the store (logging disabled)
     * @param sourceName name of the source node
     * @param keyDeserializer key deserializer
     * @param valueDeserializer value deserializer
     * @param topic the topic
     * @param processorName name of the processor updating the store
     * @param stateUpdateSupplier creates the processor that writes each record into the store
     * @param <KIn> key type
     * @param <VIn> value type
     * @return this
     */
    public synchronized <KIn, VIn> Topology addGlobalStore(StoreBuilder<?> storeBuilder, String sourceName,
                                                           Deserializer<KIn> keyDeserializer,
                                                           Deserializer<VIn> valueDeserializer, String topic,
                                                           String processorName,
                                                           ProcessorSupplier<KIn, VIn, Void, Void> stateUpdateSupplier) {
        builder.addGlobalStore(storeBuilder, sourceName, keyDeserializer, valueDeserializer, topic, processorName,
                stateUpdateSupplier);
        return this;
    }

    /** @return a description printing in Kafka Streams' text form */
    public synchronized TopologyDescription describe() {
        return TopologyDescription.of(builder);
    }
}

package io.eddy.streams.kstream;

import io.eddy.serialization.KryoRegistrations;
import io.eddy.serialization.Serde;
import io.eddy.state.StoreBuilder;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.Topology;
import io.eddy.streams.kstream.internal.ConsumedInternal;
import io.eddy.streams.kstream.internal.GlobalTableSupport;
import io.eddy.streams.kstream.internal.InternalStreamsBuilder;
import io.eddy.streams.kstream.internal.KStreamImpl;
import io.eddy.streams.kstream.internal.KTableImpl;
import io.eddy.streams.kstream.internal.MaterializedInternal;
import io.eddy.streams.kstream.internal.TableSources;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The entry point of the DSL, as Kafka Streams' {@code StreamsBuilder}: declare streams and tables over topics,
 * chain operators, then {@link #build()} the {@link Topology} to run with {@code EddyStreams} or the test driver.
 *
 * <pre>{@code
 * StreamsBuilder builder = new StreamsBuilder();
 * builder.stream("text-lines", Consumed.with(String.class, String.class))
 *        .flatMapValues(line -> List.of(line.toLowerCase().split("\\W+")))
 *        .groupBy((key, word) -> word)
 *        .count(Materialized.as("word-counts"))
 *        .toStream()
 *        .to("word-count-output", Produced.with(String.class, Long.class));
 * Topology topology = builder.build();
 * }</pre>
 *
 * <p><b>Serdes.</b> None is required. Where none is given and none is configured ({@code default.key.serde},
 * {@code default.value.serde} in the Properties given here or to {@link #build(Properties)}), Kryo is used, writing
 * the classes registered in the {@link KryoRegistrations} given here (common JDK types are pre-registered).
 * Serdes chosen by class ({@code Consumed.with(String.class, Long.class)}) use Kafka's byte formats for String and
 * the primitive wrappers, and Kryo for registered classes; any other class fails the build with a
 * {@link io.eddy.streams.errors.TopologyException} naming it.
 *
 * <p><b>Names.</b> Store, changelog and repartition topic names come from the user's names ({@code Materialized.as},
 * {@code Grouped.as}, {@code Named.as}); unnamed ones derive from the operator's path from its source topics, so
 * adding an operator never renames existing state. With {@code eddy.require.explicit.names=true} every store and
 * internal topic must be named.
 *
 * <p>Not thread-safe; build on one thread.
 */
public class StreamsBuilder {
    private final InternalStreamsBuilder internal;

    /** A builder with Kryo for objects of the pre-registered JDK types only. */
    public StreamsBuilder() {
        this(new Properties(), KryoRegistrations.builder().build());
    }

    /** @param props app configuration read at build: default serdes, {@code eddy.require.explicit.names} */
    public StreamsBuilder(Properties props) {
        this(props, KryoRegistrations.builder().build());
    }

    /** @param kryoRegistrations the classes the default Kryo serde may write */
    public StreamsBuilder(KryoRegistrations kryoRegistrations) {
        this(new Properties(), kryoRegistrations);
    }

    /**
     * @param props app configuration read at build
     * @param kryoRegistrations the classes the default Kryo serde may write
     */
    public StreamsBuilder(Properties props, KryoRegistrations kryoRegistrations) {
        this.internal = new InternalStreamsBuilder(Objects.requireNonNull(props, "props"),
                Objects.requireNonNull(kryoRegistrations, "kryoRegistrations"));
    }

    /** @param topic the topic @param <K> key type @param <V> value type @return its records as a stream */
    public synchronized <K, V> KStream<K, V> stream(String topic) {
        return stream(List.of(topic), null);
    }

    /**
     * @param topic the topic
     * @param consumed serdes, timestamp extractor, reset policy, source name
     * @param <K> key type
     * @param <V> value type
     * @return its records as a stream
     */
    public synchronized <K, V> KStream<K, V> stream(String topic, Consumed<K, V> consumed) {
        return stream(List.of(topic), consumed);
    }

    /** @param topics the topics @param <K> key type @param <V> value type @return their records as one stream */
    public synchronized <K, V> KStream<K, V> stream(Collection<String> topics) {
        return stream(topics, null);
    }

    /**
     * @param topics the topics
     * @param consumed serdes, timestamp extractor, reset policy, source name
     * @param <K> key type
     * @param <V> value type
     * @return their records as one stream
     */
    public synchronized <K, V> KStream<K, V> stream(Collection<String> topics, Consumed<K, V> consumed) {
        ConsumedInternal<K, V> c = new ConsumedInternal<>(consumed);
        String node = TableSources.addSource(internal, topics, c, null, null);
        Serde<K> k = c.keySerde() == null ? null : internal.serdes().resolve(c.keySerde(), true, node);
        Serde<V> v = c.valueSerde() == null ? null : internal.serdes().resolve(c.valueSerde(), false, node);
        return new KStreamImpl<>(internal, node, node, k, v, false);
    }

    /** @param topic a changelog topic @param <K> key type @param <V> value type @return its latest value per key */
    public synchronized <K, V> KTable<K, V> table(String topic) {
        return table(topic, null, null);
    }

    /**
     * @param topic a changelog topic
     * @param consumed how to read it
     * @param <K> key type
     * @param <V> value type
     * @return its latest value per key
     */
    public synchronized <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed) {
        return table(topic, consumed, null);
    }

    /**
     * @param topic a changelog topic
     * @param materialized its store
     * @param <K> key type
     * @param <V> value type
     * @return its latest value per key
     */
    public synchronized <K, V> KTable<K, V> table(String topic,
            Materialized<K, V, io.eddy.state.KeyValueStore<io.eddy.serialization.Bytes, byte[]>> materialized) {
        return table(topic, null, materialized);
    }

    /**
     * @param topic a changelog topic
     * @param consumed how to read it
     * @param materialized its store (materialized only when given or needed downstream)
     * @param <K> key type
     * @param <V> value type
     * @return its latest value per key
     */
    public synchronized <K, V> KTable<K, V> table(String topic, Consumed<K, V> consumed,
            Materialized<K, V, io.eddy.state.KeyValueStore<io.eddy.serialization.Bytes, byte[]>> materialized) {
        Objects.requireNonNull(topic, "topic");
        ConsumedInternal<K, V> c = new ConsumedInternal<>(consumed);
        MaterializedInternal<K, V, ?> m = new MaterializedInternal<>(materialized);
        Serde<K> ks = c.keySerde() != null ? c.keySerde() : m.keySerde();
        Serde<V> vs = c.valueSerde() != null ? c.valueSerde() : m.valueSerde();
        String source = TableSources.addSource(internal, List.of(topic), c, ks, vs);
        String node = internal.nodeName(null, source, "table");
        return TableSources.table(internal, node, source, m, internal.serdes().resolve(ks, true, node),
                internal.serdes().resolve(vs, false, node));
    }

    /** @param topic a changelog topic @param <K> key type @param <V> value type @return a global table of it */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic) {
        return globalTable(topic, null, null);
    }

    /**
     * @param topic a changelog topic
     * @param consumed how to read it
     * @param <K> key type
     * @param <V> value type
     * @return a global table of it
     */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed) {
        return globalTable(topic, consumed, null);
    }

    /**
     * @param topic a changelog topic
     * @param materialized its store
     * @param <K> key type
     * @param <V> value type
     * @return a global table of it
     */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic,
            Materialized<K, V, io.eddy.state.KeyValueStore<io.eddy.serialization.Bytes, byte[]>> materialized) {
        return globalTable(topic, null, materialized);
    }

    /**
     * @param topic a changelog topic
     * @param consumed how to read it
     * @param materialized its store
     * @param <K> key type
     * @param <V> value type
     * @return a global table of it
     */
    public synchronized <K, V> GlobalKTable<K, V> globalTable(String topic, Consumed<K, V> consumed,
            Materialized<K, V, io.eddy.state.KeyValueStore<io.eddy.serialization.Bytes, byte[]>> materialized) {
        Objects.requireNonNull(topic, "topic");
        return GlobalTableSupport.add(internal, topic, new ConsumedInternal<>(consumed),
                new MaterializedInternal<>(materialized));
    }

    /**
     * Adds a store for {@link KStream#process} to connect to by name.
     *
     * @param builder the store builder
     * @return this
     */
    public synchronized StreamsBuilder addStateStore(StoreBuilder<?> builder) {
        internal.internal().addStateStore(builder);
        return this;
    }

    /**
     * @return the topology
     * @throws io.eddy.streams.errors.TopologyException if {@value StreamsConfig#REQUIRE_EXPLICIT_NAMES_CONFIG} is
     *     set and a store or internal topic has no explicit name
     */
    public synchronized Topology build() {
        return internal.build(null);
    }

    /**
     * @param props app configuration: default serdes and {@value StreamsConfig#REQUIRE_EXPLICIT_NAMES_CONFIG}
     * @return the topology
     * @throws io.eddy.streams.errors.TopologyException if explicit names are required and missing
     */
    public synchronized Topology build(Properties props) {
        return internal.build(props);
    }

    /**
     * Records dropped so far by this builder's DSL processors that count them (late records of windowed aggregations
     * and joins, null keys or values), per node, over all tasks: Kafka Streams' {@code dropped-records} sensor, which
     * Eddy's runtime does not offer to DSL processors. For tests.
     *
     * @return node name to count
     */
    synchronized Map<String, Long> droppedRecords() {
        return internal.droppedRecords();
    }
}

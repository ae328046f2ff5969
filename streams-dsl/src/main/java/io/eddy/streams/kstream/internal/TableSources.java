package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.streams.kstream.KTable;
import java.util.Collection;
import java.util.Objects;

/** Adds source nodes and source tables for the {@code StreamsBuilder}. */
public final class TableSources {
    private TableSources() {
    }

    /**
     * Adds a source node named after the Consumed, or after its topics ({@code a_b} for topics a and b).
     *
     * @param builder the builder
     * @param topics the topics
     * @param consumed how to read them
     * @param keySerde key serde overriding the Consumed's, or null
     * @param valueSerde value serde overriding the Consumed's, or null
     * @param <K> key type
     * @param <V> value type
     * @return the node name
     */
    public static <K, V> String addSource(InternalStreamsBuilder builder, Collection<String> topics,
                                          ConsumedInternal<K, V> consumed, Serde<K> keySerde, Serde<V> valueSerde) {
        Objects.requireNonNull(topics, "topics");
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("a stream needs at least one topic");
        }
        String node = consumed.name() != null ? builder.nodeName(consumed.name(), null, null)
                : builder.uniqueName(String.join("_", topics));
        Serde<K> k = builder.serdes().resolve(keySerde != null ? keySerde : consumed.keySerde(), true, node);
        Serde<V> v = builder.serdes().resolve(valueSerde != null ? valueSerde : consumed.valueSerde(), false, node);
        builder.internal().addSource(node, k.deserializer(), v.deserializer(), consumed.timestampExtractor(),
                consumed.resetPolicy() == null ? null : consumed.resetPolicy().name(), topics.toArray(String[]::new));
        return node;
    }

    /**
     * @param builder the builder
     * @param node the table node's name
     * @param source the source node
     * @param m how to materialize it
     * @param keySerde key serde
     * @param valueSerde value serde
     * @param <K> key type
     * @param <V> value type
     * @return the table
     */
    public static <K, V> KTable<K, V> table(InternalStreamsBuilder builder, String node, String source,
                                            MaterializedInternal<K, V, ?> m, Serde<K> keySerde, Serde<V> valueSerde) {
        return KTableImpl.source(builder, node, source + ".table", source, m, keySerde, valueSerde, "table");
    }
}

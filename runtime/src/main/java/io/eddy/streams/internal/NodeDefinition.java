package io.eddy.streams.internal;

import io.eddy.serialization.Deserializer;
import io.eddy.serialization.Serializer;
import io.eddy.state.StoreBuilder;
import io.eddy.streams.processor.StreamPartitioner;
import io.eddy.streams.processor.TimestampExtractor;
import io.eddy.streams.processor.TopicNameExtractor;
import io.eddy.streams.processor.api.ProcessorSupplier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The definition of one topology node, from which each task instantiates its own node. */
public abstract sealed class NodeDefinition permits NodeDefinition.Source, NodeDefinition.Processor, NodeDefinition.Sink {
    final String name;
    final List<String> parents = new ArrayList<>();
    final List<String> children = new ArrayList<>();

    NodeDefinition(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public List<String> parents() {
        return parents;
    }

    public List<String> children() {
        return children;
    }

    /** Reads topics (external, or internal ones named without the application-id prefix). */
    public static final class Source extends NodeDefinition {
        final List<String> topics;
        final Deserializer<?> keyDeserializer;
        final Deserializer<?> valueDeserializer;
        final TimestampExtractor timestampExtractor;
        final String offsetReset;

        Source(String name, List<String> topics, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
               TimestampExtractor timestampExtractor, String offsetReset) {
            super(name);
            this.topics = List.copyOf(topics);
            this.keyDeserializer = keyDeserializer;
            this.valueDeserializer = valueDeserializer;
            this.timestampExtractor = timestampExtractor;
            this.offsetReset = offsetReset;
        }

        public List<String> topics() {
            return topics;
        }
    }

    /** Runs a user processor. */
    public static final class Processor extends NodeDefinition {
        final ProcessorSupplier<?, ?, ?, ?> supplier;
        final Set<String> stores = new LinkedHashSet<>();

        Processor(String name, ProcessorSupplier<?, ?, ?, ?> supplier) {
            super(name);
            this.supplier = supplier;
        }

        public Set<String> stores() {
            return stores;
        }
    }

    /** Writes to a topic (static, or chosen per record). */
    public static final class Sink extends NodeDefinition {
        final String topic;
        final TopicNameExtractor<?, ?> topicExtractor;
        final Serializer<?> keySerializer;
        final Serializer<?> valueSerializer;
        final StreamPartitioner<?, ?> partitioner;

        Sink(String name, String topic, TopicNameExtractor<?, ?> topicExtractor, Serializer<?> keySerializer,
             Serializer<?> valueSerializer, StreamPartitioner<?, ?> partitioner) {
            super(name);
            this.topic = topic;
            this.topicExtractor = topicExtractor;
            this.keySerializer = keySerializer;
            this.valueSerializer = valueSerializer;
            this.partitioner = partitioner;
        }

        public String topic() {
            return topic;
        }
    }

    /** A store and the processors it is connected to. */
    record StoreDefinition(StoreBuilder<?> builder, Set<String> processors, boolean global) {
    }
}

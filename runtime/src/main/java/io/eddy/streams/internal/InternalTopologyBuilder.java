package io.eddy.streams.internal;

import io.eddy.serialization.Deserializer;
import io.eddy.serialization.Serializer;
import io.eddy.state.StoreBuilder;
import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.processor.StreamPartitioner;
import io.eddy.streams.processor.TimestampExtractor;
import io.eddy.streams.processor.TopicNameExtractor;
import io.eddy.streams.processor.api.ProcessorSupplier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Collects a topology's nodes, stores and internal topics, validates every addition, and splits the graph into
 * subtopologies. Shared by the public {@code Topology} and the DSL. Not thread-safe; build, then hand to the runtime.
 */
public final class InternalTopologyBuilder {
    private final Map<String, NodeDefinition> nodes = new LinkedHashMap<>();
    private final Map<String, NodeDefinition.StoreDefinition> stores = new LinkedHashMap<>();
    private final Map<String, InternalTopic> internalTopics = new LinkedHashMap<>();
    private final Map<String, String> topicToSource = new HashMap<>();
    private final List<GlobalStoreDefinition> globalStores = new ArrayList<>();
    private final List<Set<String>> copartitionGroups = new ArrayList<>();

    /**
     * A topic the runtime creates and owns, named {@code <application.id>-<name>}.
     *
     * @param name the topic's name without the application-id prefix
     * @param partitions its partition count, or -1 (below 1) to derive it (see {@code partitionsLike})
     * @param partitionsLike when not empty (and {@code partitions} is -1): the topics (external, or internal by their
     *     unprefixed names) whose largest partition count this topic takes; when empty, a derived count is the
     *     largest source partition count of the subtopology writing the topic
     * @param repartition whether it is a repartition topic (handed over in memory unless it goes through the log)
     * @param config topic configuration
     */
    public record InternalTopic(String name, int partitions, Set<String> partitionsLike, boolean repartition,
                                Map<String, String> config) {
        /** Validates and copies. */
        public InternalTopic {
            Objects.requireNonNull(name, "name");
            partitionsLike = Set.copyOf(partitionsLike);
            config = Map.copyOf(config);
            if (partitions >= 1 && !partitionsLike.isEmpty()) {
                throw new TopologyException("internal topic '" + name + "' has an explicit partition count ("
                        + partitions + ") and topics to take it from " + partitionsLike + "; give one of them");
            }
            if (partitionsLike.contains(name)) {
                throw new TopologyException("internal topic '" + name + "' cannot take its partition count from"
                        + " itself");
            }
        }

        /** A topic with an explicit partition count, or -1 for the largest of the subtopology writing it. */
        public InternalTopic(String name, int partitions, boolean repartition, Map<String, String> config) {
            this(name, partitions, Set.of(), repartition, config);
        }
    }

    /** A global store: fed from a whole topic, loaded before tasks run, readable by every task. */
    public record GlobalStoreDefinition(StoreBuilder<?> builder, String sourceName, String topic,
                                        Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
                                        String processorName, ProcessorSupplier<?, ?, Void, Void> supplier) {
    }

    private void checkNewName(String name) {
        Objects.requireNonNull(name, "node name");
        if (name.isEmpty()) {
            throw new TopologyException("node name must not be empty");
        }
        if (nodes.containsKey(name)) {
            throw new TopologyException("node '" + name + "' is already added");
        }
        for (GlobalStoreDefinition g : globalStores) {
            if (g.sourceName().equals(name) || g.processorName().equals(name)) {
                throw new TopologyException("node '" + name + "' is already added (global store)");
            }
        }
    }

    public void addSource(String name, Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer,
                          TimestampExtractor extractor, String offsetReset, String... topics) {
        checkNewName(name);
        if (topics == null || topics.length == 0) {
            throw new TopologyException("source '" + name + "' must name at least one topic");
        }
        for (String t : topics) {
            Objects.requireNonNull(t, "topic");
            String existing = topicToSource.get(t);
            if (existing != null) {
                throw new TopologyException("topic '" + t + "' is already read by source '" + existing + "'");
            }
        }
        for (String t : topics) {
            topicToSource.put(t, name);
        }
        nodes.put(name, new NodeDefinition.Source(name, Arrays.asList(topics), keyDeserializer, valueDeserializer,
                extractor, offsetReset));
    }

    public void addProcessor(String name, ProcessorSupplier<?, ?, ?, ?> supplier, String... parents) {
        checkNewName(name);
        Objects.requireNonNull(supplier, "processor supplier of '" + name + "'");
        requireParents(name, parents);
        NodeDefinition.Processor p = new NodeDefinition.Processor(name, supplier);
        nodes.put(name, p);
        link(p, parents);
        Set<StoreBuilder<?>> connected = supplier.stores();
        if (connected != null) {
            for (StoreBuilder<?> sb : connected) {
                if (!stores.containsKey(sb.name())) {
                    addStateStore(sb);
                } else if (stores.get(sb.name()).builder() != sb) {
                    throw new TopologyException("store '" + sb.name() + "' of processor '" + name
                            + "' is already added with a different builder");
                }
                connectProcessorAndStateStores(name, sb.name());
            }
        }
    }

    public void addSink(String name, String topic, TopicNameExtractor<?, ?> extractor, Serializer<?> keySerializer,
                        Serializer<?> valueSerializer, StreamPartitioner<?, ?> partitioner, String... parents) {
        checkNewName(name);
        if (topic == null && extractor == null) {
            throw new TopologyException("sink '" + name + "' needs a topic or a topic name extractor");
        }
        requireParents(name, parents);
        NodeDefinition.Sink s = new NodeDefinition.Sink(name, topic, extractor, keySerializer, valueSerializer,
                partitioner);
        nodes.put(name, s);
        link(s, parents);
    }

    private void requireParents(String name, String[] parents) {
        if (parents == null || parents.length == 0) {
            throw new TopologyException("node '" + name + "' must have at least one parent");
        }
        for (String p : parents) {
            if (p.equals(name)) {
                throw new TopologyException("node '" + name + "' cannot be its own parent");
            }
            NodeDefinition parent = nodes.get(p);
            if (parent == null) {
                throw new TopologyException("parent '" + p + "' of node '" + name + "' is not added yet");
            }
            if (parent instanceof NodeDefinition.Sink) {
                throw new TopologyException("sink '" + p + "' cannot be the parent of node '" + name + "'");
            }
        }
    }

    private void link(NodeDefinition child, String[] parents) {
        for (String p : parents) {
            if (!child.parents.contains(p)) {
                child.parents.add(p);
                nodes.get(p).children.add(child.name);
            }
        }
    }

    public void addStateStore(StoreBuilder<?> builder, String... processorNames) {
        Objects.requireNonNull(builder, "store builder");
        if (stores.containsKey(builder.name())) {
            throw new TopologyException("store '" + builder.name() + "' is already added");
        }
        stores.put(builder.name(), new NodeDefinition.StoreDefinition(builder, new LinkedHashSet<>(), false));
        if (processorNames != null) {
            for (String p : processorNames) {
                connectProcessorAndStateStores(p, builder.name());
            }
        }
    }

    public void connectProcessorAndStateStores(String processorName, String... storeNames) {
        NodeDefinition n = nodes.get(processorName);
        if (!(n instanceof NodeDefinition.Processor p)) {
            throw new TopologyException(n == null ? "processor '" + processorName + "' is not added"
                    : "node '" + processorName + "' is not a processor; only processors use stores");
        }
        for (String s : storeNames) {
            NodeDefinition.StoreDefinition def = stores.get(s);
            if (def == null) {
                throw new TopologyException("store '" + s + "' is not added (connecting it to '" + processorName + "')");
            }
            def.processors().add(processorName);
            p.stores.add(s);
        }
    }

    public void addGlobalStore(StoreBuilder<?> builder, String sourceName, Deserializer<?> keyDeserializer,
                               Deserializer<?> valueDeserializer, String topic, String processorName,
                               ProcessorSupplier<?, ?, Void, Void> supplier) {
        checkNewName(sourceName);
        checkNewName(processorName);
        if (stores.containsKey(builder.name())) {
            throw new TopologyException("store '" + builder.name() + "' is already added");
        }
        if (builder.loggingEnabled()) {
            throw new TopologyException("global store '" + builder.name() + "' must have logging disabled: its topic"
                    + " is its changelog");
        }
        if (topicToSource.containsKey(topic)) {
            throw new TopologyException("topic '" + topic + "' is already read by source '" + topicToSource.get(topic) + "'");
        }
        topicToSource.put(topic, sourceName);
        stores.put(builder.name(), new NodeDefinition.StoreDefinition(builder, new LinkedHashSet<>(List.of(processorName)),
                true));
        globalStores.add(new GlobalStoreDefinition(builder, sourceName, topic, keyDeserializer, valueDeserializer,
                processorName, supplier));
    }

    /**
     * Declares a topic the runtime creates and names {@code <application.id>-<name>}.
     *
     * @param partitions its partition count, or -1 to take the largest partition count of the subtopology writing it
     */
    public void addInternalTopic(String name, int partitions, boolean repartition, Map<String, String> config) {
        internalTopics.put(name, new InternalTopic(name, partitions, repartition, config));
    }

    /**
     * Declares a topic the runtime creates and names {@code <application.id>-<name>}, whose partition count is the
     * largest partition count of {@code partitionsLike}: for a topic that must be co-partitioned with topics read by
     * another subtopology than the one writing it (a foreign-key join's subscription topic follows the right table's
     * source topics, its response topic the left table's). Pair it with {@link #addCopartitionGroup} so the runtime
     * checks that the followed topics agree.
     *
     * @param name the topic's name without the application-id prefix
     * @param partitionsLike topics (external, or internal by their unprefixed names) to take the partition count from
     * @param repartition whether it is a repartition topic
     * @param config topic configuration
     * @throws TopologyException if {@code partitionsLike} is empty or names the topic itself
     */
    public void addInternalTopic(String name, Set<String> partitionsLike, boolean repartition,
                                 Map<String, String> config) {
        if (partitionsLike == null || partitionsLike.isEmpty()) {
            throw new TopologyException("internal topic '" + name + "' needs at least one topic to take its partition"
                    + " count from");
        }
        internalTopics.put(name, new InternalTopic(name, -1, partitionsLike, repartition, config));
    }

    /** Declares sources whose topics must have equal partition counts (joined streams and tables). */
    public void addCopartitionGroup(Set<String> sourceTopics) {
        copartitionGroups.add(Set.copyOf(sourceTopics));
    }

    public Map<String, NodeDefinition> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    public Map<String, NodeDefinition.StoreDefinition> stores() {
        return Collections.unmodifiableMap(stores);
    }

    public Map<String, InternalTopic> internalTopics() {
        return Collections.unmodifiableMap(internalTopics);
    }

    public List<GlobalStoreDefinition> globalStores() {
        return Collections.unmodifiableList(globalStores);
    }

    public List<Set<String>> copartitionGroups() {
        return Collections.unmodifiableList(copartitionGroups);
    }

    /** @return the topic's real name: internal topics get the application-id prefix */
    public String resolveTopic(String applicationId, String topic) {
        return internalTopics.containsKey(topic) ? applicationId + "-" + topic : topic;
    }

    public boolean isInternalTopic(String topic) {
        return internalTopics.containsKey(topic);
    }

    /** A connected part of the graph: nodes linked by edges or shared stores, not through a topic. */
    public record Subtopology(int id, List<String> nodeNames, List<String> sourceTopics, List<String> sinkTopics,
                              List<String> storeNames) {
    }

    /** Splits the (non-global) nodes into subtopologies, numbered in order of their first node. */
    public List<Subtopology> subtopologies() {
        Map<String, String> parent = new HashMap<>();
        for (String n : nodes.keySet()) {
            parent.put(n, n);
        }
        for (NodeDefinition n : nodes.values()) {
            for (String p : n.parents) {
                union(parent, n.name, p);
            }
        }
        for (NodeDefinition.StoreDefinition s : stores.values()) {
            if (s.global()) {
                continue;
            }
            String first = null;
            for (String p : s.processors()) {
                if (first == null) {
                    first = p;
                } else {
                    union(parent, first, p);
                }
            }
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String n : nodes.keySet()) {
            groups.computeIfAbsent(find(parent, n), k -> new ArrayList<>()).add(n);
        }
        List<Subtopology> out = new ArrayList<>();
        int id = 0;
        for (List<String> group : groups.values()) {
            List<String> sources = new ArrayList<>();
            List<String> sinks = new ArrayList<>();
            Set<String> storeNames = new LinkedHashSet<>();
            for (String n : group) {
                NodeDefinition d = nodes.get(n);
                if (d instanceof NodeDefinition.Source s) {
                    sources.addAll(s.topics);
                } else if (d instanceof NodeDefinition.Sink s && s.topic != null) {
                    sinks.add(s.topic);
                } else if (d instanceof NodeDefinition.Processor p) {
                    for (String st : p.stores) {
                        if (!stores.get(st).global()) {
                            storeNames.add(st);
                        }
                    }
                }
            }
            out.add(new Subtopology(id++, List.copyOf(group), List.copyOf(sources), List.copyOf(sinks),
                    List.copyOf(storeNames)));
        }
        return out;
    }

    private static String find(Map<String, String> parent, String n) {
        String p = parent.get(n);
        while (!p.equals(parent.get(p))) {
            p = parent.get(p);
        }
        parent.put(n, p);
        return p;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }

    /** Checks the whole topology before it runs: every subtopology has a source, stores are connected. */
    public void validate() {
        for (Subtopology s : subtopologies()) {
            if (s.sourceTopics().isEmpty()) {
                throw new TopologyException("subtopology " + s.id() + " (nodes " + s.nodeNames()
                        + ") has no source: every processor must descend from a source");
            }
        }
        for (Map.Entry<String, NodeDefinition.StoreDefinition> e : stores.entrySet()) {
            if (e.getValue().processors().isEmpty()) {
                throw new TopologyException("store '" + e.getKey() + "' is not connected to any processor");
            }
        }
    }
}

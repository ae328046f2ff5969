package io.eddy.streams.kstream.internal;

import io.eddy.serialization.KryoRegistrations;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.Topology;
import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.internal.InternalTopologyBuilder;
import java.nio.charset.StandardCharsets;
import io.eddy.streams.internal.NodeDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;

/**
 * The state behind a {@code StreamsBuilder}: the topology being written, the serde resolver, and the naming rules.
 *
 * <p><b>Names.</b> Every stream and table carries its <em>path</em>: its source topics and the chain of operator
 * kinds leading to it ({@code orders.filter.mapValues}); a user name ({@code Named}, {@code Grouped},
 * {@code Materialized}) restarts the path. A node the user did not name is named after its path, stores
 * {@code <path>-store} and repartition topics {@code <path>-repartition}, so no name depends on how many operators
 * were created before it elsewhere. Identical paths are told apart by a suffix in creation order
 * ({@code orders.filter-2}), separately for nodes and for stores/topics: an identical stateless sibling may renumber
 * processor nodes, but store and topic names only ever collide with other stateful operators of the same path.
 * An overlong path is shortened to its head and tail around a hash of the whole.
 */
public final class InternalStreamsBuilder {
    private static final int MAX_DERIVED_LENGTH = 120;

    private final Topology topology = new Topology();
    private final SerdeResolver serdes;
    private final Set<String> taken = new HashSet<>();
    private final Set<String> takenResources = new HashSet<>();
    private final List<String> missingNames = new ArrayList<>();
    private final Map<String, LongSupplier> droppedRecordCounters = new LinkedHashMap<>();
    private boolean requireExplicitNames;

    /**
     * @param props app configuration (explicit-names switch, default serdes); may be empty
     * @param registrations classes the default Kryo serde may write
     */
    public InternalStreamsBuilder(Properties props, KryoRegistrations registrations) {
        this.serdes = new SerdeResolver(registrations);
        configure(props);
    }

    private void configure(Properties props) {
        serdes.configure(props);
        Object v = props.get(StreamsConfig.REQUIRE_EXPLICIT_NAMES_CONFIG);
        if (v != null) {
            requireExplicitNames = Boolean.parseBoolean(v.toString().trim());
        }
    }

    /** @return the topology being written */
    public Topology topology() {
        return topology;
    }

    /** @return the builder of the topology being written */
    public InternalTopologyBuilder internal() {
        return topology.internalBuilder();
    }

    /** @return the serde resolver */
    public SerdeResolver serdes() {
        return serdes;
    }

    /**
     * @param userName the user's name, or null
     * @param parent the parent node's name (or the path so far)
     * @param operator the operator kind
     * @return {@code userName}, or a stable name derived from the parent and the operator
     */
    public String nodeName(String userName, String parent, String operator) {
        if (userName != null) {
            taken.add(userName);
            return userName;
        }
        return uniqueName(parent + "." + operator);
    }

    /**
     * @param path the derived base of a store or internal topic name
     * @return {@code path} (shortened if overlong), with a suffix {@code -2}, {@code -3}... if another store or topic
     *     took it
     */
    public String resourceName(String path) {
        String b = shorten(path);
        String name = b;
        for (int i = 2; takenResources.contains(name); i++) {
            name = b + "-" + i;
        }
        takenResources.add(name);
        return name;
    }

    /**
     * @param base a derived name
     * @return {@code base} (shortened if overlong), with a suffix {@code -2}, {@code -3}... if already taken
     */
    public String uniqueName(String base) {
        String b = shorten(base);
        String name = b;
        for (int i = 2; taken.contains(name) || internal().nodes().containsKey(name); i++) {
            name = b + "-" + i;
        }
        taken.add(name);
        return name;
    }

    private static String shorten(String name) {
        if (name.length() <= MAX_DERIVED_LENGTH) {
            return name;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        String hash = String.format("%08x", crc.getValue());
        int keep = (MAX_DERIVED_LENGTH - hash.length() - 2) / 2;
        return name.substring(0, keep) + "." + hash + "." + name.substring(name.length() - keep);
    }

    /**
     * Records that a stateful operator has no explicit name for a store or internal topic; with
     * {@code eddy.require.explicit.names=true} this fails (now, or at build if the switch comes with
     * {@code build(Properties)}).
     *
     * @param operator the operator and where it is, e.g. {@code count at 'orders.groupBy'}
     * @param resource what is unnamed, e.g. {@code state store 'orders.groupBy.count-store'}
     * @param hint how to name it, e.g. {@code Materialized.as("...")}
     */
    public void unnamed(String operator, String resource, String hint) {
        String msg = StreamsConfig.REQUIRE_EXPLICIT_NAMES_CONFIG + "=true but " + operator + " has no explicit name"
                + " for its " + resource + ": name it with " + hint;
        if (requireExplicitNames) {
            throw new TopologyException(msg);
        }
        missingNames.add(msg);
    }

    /**
     * @param props extra configuration, or null
     * @return the topology
     * @throws TopologyException if explicit names are required and some are missing, or the topology is invalid
     */
    public Topology build(Properties props) {
        if (props != null) {
            configure(props);
        }
        if (requireExplicitNames && !missingNames.isEmpty()) {
            throw new TopologyException(missingNames.get(0)
                    + (missingNames.size() > 1 ? " (and " + (missingNames.size() - 1) + " more)" : ""));
        }
        return topology;
    }

    /**
     * @param node a node of the topology being written
     * @return the topics of the source nodes {@code node} descends from (repartition topics included, by their
     *     unprefixed names)
     */
    public Set<String> sourceTopics(String node) {
        Set<String> topics = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (!seen.add(n)) {
                continue;
            }
            NodeDefinition d = internal().nodes().get(n);
            if (d instanceof NodeDefinition.Source s) {
                topics.addAll(s.topics());
            } else if (d != null) {
                todo.addAll(d.parents());
            }
        }
        return topics;
    }

    /**
     * Declares that the inputs of the given nodes must be co-partitioned (a join): their source topics must have equal
     * partition counts, which the runtime checks at start.
     *
     * @param nodes the joined streams' or tables' nodes
     */
    public void copartition(String... nodes) {
        Set<String> topics = new LinkedHashSet<>();
        for (String n : nodes) {
            topics.addAll(sourceTopics(n));
        }
        if (topics.size() > 1) {
            internal().addCopartitionGroup(topics);
        }
    }

    /**
     * Registers the dropped-records counter of a DSL processor (Eddy's {@code ProcessorContext} has no task sensors
     * for the DSL to count into).
     *
     * @param node the processor's node
     * @param count reads its count
     */
    public void registerDroppedRecords(String node, LongSupplier count) {
        droppedRecordCounters.put(node, count);
    }

    /** @return records dropped so far (null keys or values, late records) per DSL node that counts them */
    public Map<String, Long> droppedRecords() {
        Map<String, Long> out = new LinkedHashMap<>();
        droppedRecordCounters.forEach((node, count) -> out.put(node, count.getAsLong()));
        return out;
    }
}

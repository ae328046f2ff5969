package io.eddy.streams;

import io.eddy.streams.internal.InternalTopologyBuilder;
import io.eddy.streams.internal.NodeDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A printable description of a {@link Topology}: its subtopologies with sources, processors (and their stores) and
 * sinks, and its global stores. {@link #toString()} prints Kafka Streams' text form; {@link #toMermaid()} a Mermaid
 * flowchart for docs. Immutable.
 */
public final class TopologyDescription {

    /**
     * One node.
     *
     * @param kind Source, Processor or Sink
     * @param name the node name
     * @param detail topics of a source or sink, stores of a processor, as printed
     * @param successors names of children
     * @param predecessors names of parents
     */
    public record Node(String kind, String name, String detail, List<String> successors, List<String> predecessors) {
    }

    /**
     * A subtopology: nodes connected without going through a topic.
     *
     * @param id its id
     * @param nodes its nodes in definition order
     */
    public record Subtopology(int id, List<Node> nodes) {
    }

    /**
     * A global store and the source and processor feeding it.
     *
     * @param id its id in the printed description
     * @param source the source node
     * @param processor the processor node
     */
    public record GlobalStore(int id, Node source, Node processor) {
    }

    private final List<Subtopology> subtopologies;
    private final List<GlobalStore> globalStores;

    private TopologyDescription(List<Subtopology> subtopologies, List<GlobalStore> globalStores) {
        this.subtopologies = List.copyOf(subtopologies);
        this.globalStores = List.copyOf(globalStores);
    }

    static TopologyDescription of(InternalTopologyBuilder b) {
        Map<String, NodeDefinition> nodes = b.nodes();
        List<Subtopology> subs = new ArrayList<>();
        for (InternalTopologyBuilder.Subtopology s : b.subtopologies()) {
            List<Node> list = new ArrayList<>();
            for (String n : s.nodeNames()) {
                list.add(describe(nodes.get(n)));
            }
            subs.add(new Subtopology(s.id(), list));
        }
        List<GlobalStore> globals = new ArrayList<>();
        int id = subs.size();
        for (InternalTopologyBuilder.GlobalStoreDefinition g : b.globalStores()) {
            globals.add(new GlobalStore(id++,
                    new Node("Source", g.sourceName(), "topics: [" + g.topic() + "]", List.of(g.processorName()), List.of()),
                    new Node("Processor", g.processorName(), "stores: [" + g.builder().name() + "]", List.of(),
                            List.of(g.sourceName()))));
        }
        return new TopologyDescription(subs, globals);
    }

    private static Node describe(NodeDefinition d) {
        String detail;
        String kind;
        if (d instanceof NodeDefinition.Source s) {
            kind = "Source";
            detail = "topics: " + s.topics();
        } else if (d instanceof NodeDefinition.Sink s) {
            kind = "Sink";
            detail = s.topic() != null ? "topic: " + s.topic() : "extractor class: topic name extractor";
        } else {
            kind = "Processor";
            detail = "stores: " + ((NodeDefinition.Processor) d).stores();
        }
        return new Node(kind, d.name(), detail, List.copyOf(d.children()), List.copyOf(d.parents()));
    }

    /** @return the subtopologies, by id */
    public List<Subtopology> subtopologies() {
        return subtopologies;
    }

    /** @return the global stores */
    public List<GlobalStore> globalStores() {
        return globalStores;
    }

    /** @return Kafka Streams' text form */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Topologies:\n");
        for (Subtopology s : subtopologies) {
            sb.append("   Sub-topology: ").append(s.id()).append('\n');
            for (Node n : s.nodes()) {
                appendNode(sb, n);
            }
            sb.append('\n');
        }
        for (GlobalStore g : globalStores) {
            sb.append("   Sub-topology: ").append(g.id()).append(" for global store (will not generate tasks)\n");
            appendNode(sb, g.source());
            appendNode(sb, g.processor());
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void appendNode(StringBuilder sb, Node n) {
        sb.append("    ").append(n.kind()).append(": ").append(n.name()).append(" (").append(n.detail()).append(")\n");
        if (!n.kind().equals("Sink")) {
            sb.append("      --> ").append(n.successors().isEmpty() ? "none" : String.join(", ", n.successors()))
                    .append('\n');
        }
        if (!n.kind().equals("Source")) {
            sb.append("      <-- ").append(String.join(", ", n.predecessors())).append('\n');
        }
    }

    /** @return a Mermaid flowchart: one subgraph per subtopology, topics as stadium shapes, stores as cylinders */
    public String toMermaid() {
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        List<String> edges = new ArrayList<>();
        for (Subtopology s : subtopologies) {
            sb.append("  subgraph sub").append(s.id()).append("[\"Sub-topology ").append(s.id()).append("\"]\n");
            for (Node n : s.nodes()) {
                sb.append("    ").append(id(n.name())).append("[\"").append(n.kind()).append(": ").append(n.name())
                        .append("\"]\n");
                for (String c : n.successors()) {
                    edges.add("  " + id(n.name()) + " --> " + id(c));
                }
                String d = n.detail();
                if (n.kind().equals("Source") || n.kind().equals("Sink")) {
                    String topics = d.substring(d.indexOf(':') + 1).replace("[", "").replace("]", "").trim();
                    for (String t : topics.split(",\\s*")) {
                        if (t.isEmpty() || d.startsWith("extractor")) {
                            continue;
                        }
                        String tid = "topic_" + id(t);
                        edges.add(n.kind().equals("Source") ? "  " + tid + "([" + t + "]) --> " + id(n.name())
                                : "  " + id(n.name()) + " --> " + tid + "([" + t + "])");
                    }
                } else {
                    String storeList = d.substring(d.indexOf('[') + 1, d.lastIndexOf(']'));
                    for (String st : storeList.split(",\\s*")) {
                        if (!st.isEmpty()) {
                            edges.add("  " + id(n.name()) + " --- store_" + id(st) + "[(" + st + ")]");
                        }
                    }
                }
            }
            sb.append("  end\n");
        }
        edges.forEach(e -> sb.append(e).append('\n'));
        return sb.toString();
    }

    private static String id(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }
}

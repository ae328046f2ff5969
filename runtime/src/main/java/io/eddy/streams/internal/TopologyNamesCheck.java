package io.eddy.streams.internal;

import io.eddy.log.LogRecord;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicPartition;
import io.eddy.streams.errors.TopologyException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Guards state across upgrades: the internal names of a topology (its stores, hence changelogs, and its repartition
 * topics) are recorded for the application id in the compacted topic {@code <application.id>-topology-names}. On
 * start, a topology that drops or renames a recorded name is refused — its state would silently be orphaned — with a
 * message listing what was added and removed; adding names is fine (new state starts empty). Resetting the app
 * (which deletes the topic) makes it start fresh.
 */
final class TopologyNamesCheck {
    private static final byte[] KEY = "internal-names".getBytes(StandardCharsets.UTF_8);

    private TopologyNamesCheck() {
    }

    static String topic(String applicationId) {
        return applicationId + "-topology-names";
    }

    static Set<String> namesOf(InternalTopologyBuilder topology) {
        Set<String> names = new TreeSet<>();
        for (Map.Entry<String, NodeDefinition.StoreDefinition> e : topology.stores().entrySet()) {
            if (!e.getValue().global()) {
                names.add("store:" + e.getKey());
            }
        }
        for (InternalTopologyBuilder.InternalTopic t : topology.internalTopics().values()) {
            names.add((t.repartition() ? "repartition:" : "topic:") + t.name());
        }
        return names;
    }

    /**
     * @throws TopologyException if a recorded name is missing from {@code topology}
     */
    static void verifyAndRecord(LogBackend backend, String applicationId, InternalTopologyBuilder topology) {
        String topic = topic(applicationId);
        Set<String> current = namesOf(topology);
        backend.createTopicIfAbsent(topic, 1, Map.of("cleanup.policy", "compact"));
        TopicPartition tp = new TopicPartition(topic, 0);
        long end = backend.endOffset(tp);
        if (end > backend.startOffset(tp)) {
            List<LogRecord> last = backend.read(tp, end - 1, 1);
            if (!last.isEmpty() && last.get(0).value() != null) {
                Set<String> recorded = new TreeSet<>();
                for (String n : new String(last.get(0).value(), StandardCharsets.UTF_8).split("\n")) {
                    if (!n.isEmpty()) {
                        recorded.add(n);
                    }
                }
                Set<String> removed = new TreeSet<>(recorded);
                removed.removeAll(current);
                if (!removed.isEmpty()) {
                    Set<String> added = new TreeSet<>(current);
                    added.removeAll(recorded);
                    throw new TopologyException("the topology of application '" + applicationId + "' no longer has"
                            + " internal names it had before, so their state would be orphaned. Removed: " + removed
                            + "; added: " + added + ". Name your stateful operators (Materialized.as, Grouped.as,"
                            + " Named) to keep names stable, or reset the application (eddy reset) to start fresh.");
                }
                if (recorded.equals(current)) {
                    return;
                }
            }
        }
        backend.append(tp, List.of(new ProducerRecord(topic, 0, KEY,
                String.join("\n", current).getBytes(StandardCharsets.UTF_8), -1, null)));
    }
}

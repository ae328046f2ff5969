package io.eddy.cli;

import io.eddy.log.LogStore;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.TopicPartition;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code eddy groups}: consumer groups (an app's group is its application.id), their offsets and lag. */
@Command(name = "groups", mixinStandardHelpOptions = true,
        description = {"List consumer groups with their committed offset, the log end and the lag of every"
                + " partition they committed. An app's group is its application.id.",
                "Lag is END - COMMITTED; '-' when the topic no longer exists."})
final class GroupsCommand extends LogCommand {
    @Option(names = "--group", paramLabel = "G", description = "Show group G only.")
    String group;

    @Override
    public Integer call() {
        TextTable table = new TextTable("GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG");
        try (LogStore log = openReadOnly()) {
            List<String> groups = List.copyOf(new TreeSet<>(log.listGroups()));
            if (group != null) {
                if (!groups.contains(group)) {
                    throw new CommandFailedException("group '" + group + "' has no committed offsets in "
                            + common.dataDir);
                }
                groups = List.of(group);
            }
            for (String g : groups) {
                for (Map.Entry<TopicPartition, OffsetAndMetadata> e
                        : new TreeMap<>(log.committedOffsets(g)).entrySet()) {
                    TopicPartition tp = e.getKey();
                    long committed = e.getValue().offset();
                    if (log.topicExists(tp.topic()) && tp.partition() < log.partitionCount(tp.topic())) {
                        long end = log.endOffset(tp);
                        table.row(g, tp.topic(), tp.partition(), committed, end, Math.max(0, end - committed));
                    } else {
                        table.row(g, tp.topic(), tp.partition(), committed, "-", "-");
                    }
                }
            }
        }
        if (table.isEmpty()) {
            err().println("no consumer group has committed offsets in " + common.dataDir);
        } else {
            table.print(out(), "");
        }
        return ExitCode.OK;
    }
}

package io.eddy.cli;

import io.eddy.log.InvalidConfigException;
import io.eddy.log.LogStore;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicDescription;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eddy topics list | describe | create | delete}. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "List, describe, create and delete topics.",
        subcommands = {TopicsCommand.ListTopics.class, TopicsCommand.Describe.class, TopicsCommand.Create.class,
                TopicsCommand.Delete.class})
final class TopicsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: list, describe, create or delete");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print the name of every topic, one per line, internal ones (__consumer_offsets) included.")
    static final class ListTopics extends LogCommand {
        @Override
        public Integer call() {
            try (LogStore log = openReadOnly()) {
                for (String t : new TreeSet<>(log.listTopics())) {
                    out().println(t);
                }
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
            description = "Show a topic's partitions (start and end offsets, segments, bytes) and its config.")
    static final class Describe extends LogCommand {
        @Parameters(paramLabel = "TOPIC", description = "The topic.")
        String topic;

        @Override
        public Integer call() {
            TopicDescription d;
            try (LogStore log = openReadOnly()) {
                d = log.describeTopic(topic);
            }
            PrintWriter out = out();
            out.println("Topic:      " + d.name() + (d.internal() ? " (internal)" : ""));
            out.println("Partitions: " + d.partitionCount());
            TextTable table = new TextTable("PARTITION", "START", "END", "SEGMENTS", "BYTES");
            for (TopicDescription.PartitionInfo p : d.partitions()) {
                table.row(p.partition(), p.startOffset(), p.endOffset(), p.segmentCount(), p.sizeInBytes());
            }
            table.print(out, "  ");
            out.println("Config:");
            d.config().toMap().forEach((k, v) -> out.println("  " + k + "=" + v));
            return ExitCode.OK;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a topic (and the log, if the data directory holds none yet).")
    static final class Create extends LogCommand {
        @Parameters(paramLabel = "TOPIC", description = "The topic name: a-z A-Z 0-9 . _ -, at most 249 characters.")
        String topic;

        @Option(names = "--partitions", paramLabel = "N", required = true, description = "The partition count.")
        int partitions;

        @Option(names = "--config", paramLabel = "KEY=VALUE",
                description = "A topic config entry with Kafka's key names (segment.bytes, retention.ms,"
                        + " cleanup.policy, flush.messages, ...); repeatable.")
        Map<String, String> config = new LinkedHashMap<>();

        @Override
        public Integer call() {
            if (partitions < 1) {
                throw new ParameterException(spec.commandLine(), "--partitions must be at least 1, was " + partitions);
            }
            TopicConfig topicConfig;
            try {
                topicConfig = TopicConfig.fromMap(config);
            } catch (InvalidConfigException e) {
                throw new ParameterException(spec.commandLine(), "--config: " + e.getMessage(), e);
            }
            try (LogStore log = openForWriting(true)) {
                log.createTopic(topic, partitions, topicConfig);
            }
            out().println("created topic " + topic + " with " + partitions + " partition"
                    + (partitions == 1 ? "" : "s"));
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a topic and all its records.")
    static final class Delete extends LogCommand {
        @Parameters(paramLabel = "TOPIC", description = "The topic.")
        String topic;

        @Override
        public Integer call() {
            if (topic.equals(LogStore.CONSUMER_OFFSETS_TOPIC)) {
                throw new CommandFailedException("topic " + topic + " holds every group's committed offsets and"
                        + " cannot be deleted; use 'eddy reset' to rewind an app");
            }
            try (LogStore log = openForWriting(false)) {
                log.deleteTopic(topic);
            }
            out().println("deleted topic " + topic);
            return ExitCode.OK;
        }
    }
}

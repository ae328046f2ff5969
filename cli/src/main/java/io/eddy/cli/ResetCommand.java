package io.eddy.cli;

import io.eddy.log.InvalidTopicException;
import io.eddy.log.LogStore;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.TopicPartition;
import io.eddy.log.internal.TopicNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code eddy reset}: rewinds an app to reprocess its input, removing everything it derived from it, as Kafka's
 * application reset tool followed by {@code KafkaStreams#cleanUp} would.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Rewind an app so that it reprocesses its input: move its group's committed offsets of"
                + " input topics to the earliest offset or to a time, and remove what it derived: its changelog"
                + " topics (<app>-*-changelog), repartition topics (<app>-*-repartition), recorded topology names"
                + " (<app>-topology-names) and local state directory (<state dir>/<app>).",
                "Refused while the app runs (it holds the log). With --dry-run, prints exactly what would change"
                        + " and changes nothing (the log is opened read-only)."})
final class ResetCommand extends LogCommand {
    @Option(names = "--application-id", paramLabel = "APP", required = true,
            description = "The app's application.id (also its consumer group).")
    String appId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--dry-run", description = "Print what would be reset and removed; change nothing.")
    boolean dryRun;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "The app's state.dir, if it overrides the default DATA_DIR/state.")
    Path stateDir;

    /** Where to rewind the input offsets to; exactly one. */
    static final class Target {
        @Option(names = "--to-earliest", required = true, description = "Rewind to the first offset of each"
                + " input partition.")
        boolean earliest;

        @Option(names = "--to-datetime", paramLabel = "TIME", required = true, converter = IsoInstantConverter.class,
                description = "Rewind to the first record stamped at or after TIME (ISO-8601, e.g."
                        + " 2024-05-01T00:00:00Z); to the end where there is none.")
        Instant datetime;
    }

    /**
     * What a reset changes.
     *
     * @param rewinds input partitions with their committed and new offsets
     * @param forgotten committed partitions of internal or vanished topics, whose offsets are dropped
     * @param topics internal topics to delete
     * @param kept topics matching the patterns that belong to a longer application id, with that id
     * @param localState the app's state directory, or null when there is none
     */
    record Plan(Map<TopicPartition, long[]> rewinds, List<TopicPartition> forgotten, List<String> topics,
                Map<String, String> kept, Path localState) {
        boolean isEmpty() {
            return rewinds.isEmpty() && forgotten.isEmpty() && topics.isEmpty() && localState == null;
        }
    }

    @Override
    public Integer call() throws IOException {
        try {
            TopicNames.validate(appId); // the id names a directory this command deletes: no '/', not '..'
        } catch (InvalidTopicException e) {
            throw new ParameterException(spec.commandLine(), "--application-id '" + appId + "' is not a valid"
                    + " application id: " + e.getMessage(), e);
        }
        try (LogStore log = dryRun ? openReadOnly() : openForWriting(false)) {
            Plan plan = plan(log);
            if (plan.isEmpty()) {
                throw new CommandFailedException("application " + appId + " has nothing to reset in "
                        + common.dataDir + ": no committed offsets (group " + appId + "), internal topics or local"
                        + " state");
            }
            print(plan);
            if (dryRun) {
                out().println("dry run: nothing was changed");
                return ExitCode.OK;
            }
            apply(log, plan);
        }
        out().println("reset of application " + appId + " done");
        return ExitCode.OK;
    }

    private Plan plan(LogStore log) {
        List<String> topics = AppResources.internalTopics(appId, log.listTopics(), log.listGroups());
        Map<String, String> kept = new TreeMap<>();
        for (String t : log.listTopics()) {
            String owner = AppResources.ownerWithLongerId(appId, t, log.listGroups());
            if (AppResources.isInternalTopic(appId, t) && owner != null) {
                kept.put(t, owner);
            }
        }
        Map<TopicPartition, long[]> rewinds = new TreeMap<>();
        List<TopicPartition> forgotten = new ArrayList<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : new TreeMap<>(log.committedOffsets(appId)).entrySet()) {
            TopicPartition tp = e.getKey();
            if (topics.contains(tp.topic()) || !log.topicExists(tp.topic())
                    || tp.partition() >= log.partitionCount(tp.topic())) {
                forgotten.add(tp);
            } else {
                rewinds.put(tp, new long[] {e.getValue().offset(), targetOffset(log, tp)});
            }
        }
        Path state = (stateDir != null ? stateDir : common.dataDir.resolve("state")).resolve(appId);
        return new Plan(rewinds, forgotten, topics, kept, Files.exists(state) ? state : null);
    }

    private long targetOffset(LogStore log, TopicPartition tp) {
        if (target.earliest) {
            return log.startOffset(tp);
        }
        return log.offsetForTimestamp(tp, target.datetime.toEpochMilli()).orElse(log.endOffset(tp));
    }

    private void print(Plan plan) {
        PrintWriter out = out();
        out.println("reset of application " + appId + " to "
                + (target.earliest ? "the earliest offsets" : target.datetime) + ":");
        if (!plan.rewinds().isEmpty()) {
            out.println("  rewind the committed offsets of group " + appId + ":");
            TextTable table = new TextTable("TOPIC", "PARTITION", "COMMITTED", "NEW");
            plan.rewinds().forEach((tp, o) -> table.row(tp.topic(), tp.partition(), o[0], o[1]));
            table.print(out, "    ");
        }
        for (TopicPartition tp : plan.forgotten()) {
            out.println("  drop the committed offset of " + tp);
        }
        for (String t : plan.topics()) {
            out.println("  delete topic " + t);
        }
        if (plan.localState() != null) {
            out.println("  delete local state " + plan.localState());
        }
        plan.kept().forEach((t, owner) -> out.println("  keep topic " + t + ": it belongs to application " + owner));
    }

    private void apply(LogStore log, Plan plan) throws IOException {
        log.deleteGroupOffsets(appId);
        if (!plan.rewinds().isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
            plan.rewinds().forEach((tp, o) -> offsets.put(tp, OffsetAndMetadata.of(o[1])));
            log.commitOffsets(appId, offsets);
        }
        for (String t : plan.topics()) {
            log.deleteTopic(t);
        }
        if (plan.localState() != null) {
            try (Stream<Path> walk = Files.walk(plan.localState())) {
                for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }
}

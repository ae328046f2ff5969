package io.eddy.examples;

import io.eddy.examples.LogMetricsTopology.MinuteStats;
import io.eddy.log.LogStore;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.ReadOnlyKeyValueStore;
import io.eddy.streams.EddyStreams;
import io.eddy.streams.QueryableStoreTypes;
import io.eddy.streams.StoreQueryParameters;
import io.eddy.streams.StreamsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Tails log files into topic {@value LogMetricsTopology#LINES} (each line once, across re-runs; see
 * {@link LogFileIngestor}), runs {@link LogMetricsTopology} until every line is processed, and prints the lines per
 * level, the total and the error rate of every minute, read from the store {@value LogMetricsTopology#STATS_STORE}
 * with an interactive query. With {@code --follow} it keeps checking the files every second and prints the table
 * again whenever lines were added.
 */
@Command(name = "log-metrics", mixinStandardHelpOptions = true,
        description = "Count log lines per level and the error rate per minute, from log files tailed into a topic.")
final class LogMetricsCommand implements Callable<Integer> {
    private static final List<String> SEVERITY = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "log files; lines read '<instant> <LEVEL> ...'")
    List<Path> files;

    @Option(names = "--follow", description = "keep tailing the files and print the table again when lines are added")
    boolean follow;

    @Option(names = "--grace-minutes", defaultValue = "60", description = "how far back in time a line may be behind"
            + " the newest line already counted and still be counted (default: ${DEFAULT-VALUE})")
    long graceMinutes;

    @Option(names = "--partitions", defaultValue = "1",
            description = "partitions of " + LogMetricsTopology.LINES + " for a new data dir (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--data-dir", defaultValue = "eddy-data", description = "data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    private final LogFileIngestor ingestor = new LogFileIngestor(LogMetricsTopology.LINES);

    @Override
    public Integer call() throws Exception {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                System.err.println("log-metrics: " + f + " does not exist or is not a file");
                return 2;
            }
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "log-metrics");
        props.put(StreamsConfig.DATA_DIR_CONFIG, dataDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        StreamsConfig config = new StreamsConfig(props);

        Ingested ingested = ingest();
        process(config, ingested);
        try {
            while (follow) {
                Thread.sleep(1000);
                ingested = ingest();
                if (ingested.lines() > 0) {
                    process(config, ingested);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // asked to stop following; every printed table was committed state
        }
        return 0;
    }

    /** What one round of tailing appended, and the end offsets of the input it left. */
    private record Ingested(long lines, Map<TopicPartition, Long> ends) {
    }

    private Ingested ingest() throws IOException {
        try (LogStore log = LogStore.open(dataDir.resolve("log"))) {
            log.createTopicIfAbsent(LogMetricsTopology.LINES, partitions, TopicConfig.defaults());
            log.createTopicIfAbsent(LogMetricsTopology.STATS, 1, TopicConfig.defaults());
            long lines = ingestor.ingest(log, files);
            Map<TopicPartition, Long> ends = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
            for (int p = 0; p < log.partitionCount(LogMetricsTopology.LINES); p++) {
                TopicPartition tp = new TopicPartition(LogMetricsTopology.LINES, p);
                ends.put(tp, log.endOffset(tp));
            }
            return new Ingested(lines, ends);
        }
    }

    /**
     * Runs the app until it has processed every line ingested so far, then prints the table. The embedded log has
     * one writer per directory and the running app is it, so new lines are appended between runs; a restart resumes
     * from the committed offsets and checkpointed state.
     */
    private void process(StreamsConfig config, Ingested ingested) throws Exception {
        long t0 = System.nanoTime();
        try (EddyStreams app = new EddyStreams(LogMetricsTopology.build(Duration.ofMinutes(graceMinutes)), config)) {
            app.start();
            for (Map.Entry<TopicPartition, Long> e : ingested.ends().entrySet()) {
                app.awaitCommittedOffset(e.getKey(), e.getValue(), Duration.ofMinutes(10));
            }
            while (app.state() != EddyStreams.State.RUNNING) {
                Thread.sleep(5);
            }
            ReadOnlyKeyValueStore<Long, MinuteStats> store = app.store(StoreQueryParameters.fromNameAndType(
                    LogMetricsTopology.STATS_STORE, QueryableStoreTypes.keyValueStore()));
            TreeMap<Long, MinuteStats> stats = new TreeMap<>();
            try (KeyValueIterator<Long, MinuteStats> it = store.all()) {
                it.forEachRemaining(kv -> stats.put(kv.key, kv.value));
            }
            System.out.printf("%d new lines from %d file(s), processed in %.1f s%n", ingested.lines(), files.size(),
                    (System.nanoTime() - t0) / 1e9);
            print(stats);
        }
    }

    private static void print(TreeMap<Long, MinuteStats> stats) {
        TreeSet<String> seen = new TreeSet<>();
        stats.values().forEach(s -> seen.addAll(s.countsByLevel().keySet()));
        List<String> levels = new ArrayList<>(SEVERITY.stream().filter(seen::contains).toList());
        seen.stream().filter(l -> !SEVERITY.contains(l)).forEach(levels::add);

        System.out.println("log lines per level per minute (event time, UTC):");
        StringBuilder header = new StringBuilder(String.format("%-18s", "minute"));
        levels.forEach(l -> header.append(String.format("%7s", l)));
        System.out.println(header.append(String.format("%7s%9s", "total", "errors%")));
        for (Map.Entry<Long, MinuteStats> e : stats.entrySet()) {
            StringBuilder row = new StringBuilder(String.format("%-18s",
                    MINUTE.format(Instant.ofEpochMilli(e.getKey()))));
            MinuteStats s = e.getValue();
            levels.forEach(l -> row.append(String.format("%7d", s.countsByLevel().getOrDefault(l, 0L))));
            System.out.println(row.append(String.format("%7d%8.1f%%", s.total(), 100 * s.errorRate())));
        }
        System.out.println();
    }
}

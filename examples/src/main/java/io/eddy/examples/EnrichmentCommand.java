package io.eddy.examples;

import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Deserializer;
import io.eddy.serialization.Serdes;
import io.eddy.state.Windowed;
import io.eddy.streams.EddyStreams;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.kstream.WindowedSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs {@link EnrichmentTopology} over the page views and profiles in the log — optionally generating a
 * deterministic sample first — and, once every input record is processed, prints the page views per region per
 * minute as read back from the output topic {@value EnrichmentTopology#COUNTS}.
 */
@Command(name = "enrichment", mixinStandardHelpOptions = true,
        description = "Join page views with user profiles (stream-table join) and count views per region per minute.")
final class EnrichmentCommand implements Callable<Integer> {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    @Option(names = "--generate", description = "first append a deterministic sample to the (empty) input topics")
    boolean generate;

    @Option(names = "--users", defaultValue = "50", description = "users with a profile (default: ${DEFAULT-VALUE})")
    int users;

    @Option(names = "--views", defaultValue = "2000", description = "page views (default: ${DEFAULT-VALUE})")
    int views;

    @Option(names = "--minutes", defaultValue = "5", description = "minutes of event time the views span"
            + " (default: ${DEFAULT-VALUE})")
    int minutes;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data-dir", defaultValue = "eddy-data", description = "data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrichment");
        props.put(StreamsConfig.DATA_DIR_CONFIG, dataDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        StreamsConfig config = new StreamsConfig(props);

        long t0 = System.nanoTime();
        Map<TopicPartition, Long> ends = prepareInputs();
        try (EddyStreams app = new EddyStreams(EnrichmentTopology.build(), config)) {
            app.start();
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                app.awaitCommittedOffset(e.getKey(), e.getValue(), Duration.ofMinutes(10));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path logDir = dataDir.resolve("log");
        long viewCount = ends.get(new TopicPartition(EnrichmentTopology.PAGE_VIEWS, 0));
        long enriched = TopicReader.readAll(logDir, EnrichmentTopology.ENRICHED).size();
        System.out.printf("enriched %d of %d page views (%d without a profile dropped by the inner join) in %.1f s%n",
                enriched, viewCount, viewCount - enriched, seconds);
        printCounts(readCounts(logDir));
        return 0;
    }

    /** Creates the topics, appends the sample when asked to, and returns the end offset of every input partition. */
    private Map<TopicPartition, Long> prepareInputs() {
        try (LogStore log = LogStore.open(dataDir.resolve("log"))) {
            for (String topic : List.of(EnrichmentTopology.PAGE_VIEWS, EnrichmentTopology.PROFILES,
                    EnrichmentTopology.ENRICHED, EnrichmentTopology.COUNTS)) {
                log.createTopicIfAbsent(topic, 1, TopicConfig.defaults());
            }
            TopicPartition viewsTp = new TopicPartition(EnrichmentTopology.PAGE_VIEWS, 0);
            TopicPartition profilesTp = new TopicPartition(EnrichmentTopology.PROFILES, 0);
            if (generate && log.endOffset(viewsTp) == 0 && log.endOffset(profilesTp) == 0) {
                EnrichmentSampleData.generate(users, views, minutes, seed).appendTo(log);
                System.out.printf("generated %d user profiles and %d page views (seed %d) over %d minutes from %s%n",
                        users, views, seed, minutes, EnrichmentSampleData.START);
            } else if (generate) {
                System.out.println("the input topics already hold data; not generating again");
            }
            return Map.of(viewsTp, log.endOffset(viewsTp), profilesTp, log.endOffset(profilesTp));
        }
    }

    /** @return region → window start → count: the latest update of every windowed count in the output topic */
    private static Map<String, TreeMap<Long, Long>> readCounts(Path logDir) {
        Deserializer<Windowed<String>> keys = WindowedSerdes.timeWindowedSerdeFrom(String.class,
                EnrichmentTopology.WINDOW.toMillis()).deserializer();
        Deserializer<Long> values = Serdes.Long().deserializer();
        Map<String, TreeMap<Long, Long>> counts = new TreeMap<>();
        for (LogRecord r : TopicReader.readAll(logDir, EnrichmentTopology.COUNTS)) {
            Windowed<String> key = keys.deserialize(EnrichmentTopology.COUNTS, r.key());
            counts.computeIfAbsent(key.key(), k -> new TreeMap<>())
                    .put(key.window().start(), values.deserialize(EnrichmentTopology.COUNTS, r.value()));
        }
        return counts;
    }

    private static void printCounts(Map<String, TreeMap<Long, Long>> counts) {
        TreeSet<Long> windows = new TreeSet<>();
        counts.values().forEach(byWindow -> windows.addAll(byWindow.keySet()));
        System.out.println("page views per region per minute (event time, UTC):");
        StringBuilder header = new StringBuilder(String.format("%-10s", "region"));
        windows.forEach(w -> header.append(String.format("%7s", MINUTE.format(Instant.ofEpochMilli(w)))));
        System.out.println(header.append(String.format("%8s", "total")));
        TreeMap<Long, Long> columnTotals = new TreeMap<>();
        for (Map.Entry<String, TreeMap<Long, Long>> row : counts.entrySet()) {
            StringBuilder line = new StringBuilder(String.format("%-10s", row.getKey()));
            long total = 0;
            for (long w : windows) {
                long n = row.getValue().getOrDefault(w, 0L);
                line.append(String.format("%7d", n));
                total += n;
                columnTotals.merge(w, n, Long::sum);
            }
            System.out.println(line.append(String.format("%8d", total)));
        }
        StringBuilder line = new StringBuilder(String.format("%-10s", "all"));
        windows.forEach(w -> line.append(String.format("%7d", columnTotals.getOrDefault(w, 0L))));
        System.out.println(line.append(String.format("%8d",
                columnTotals.values().stream().mapToLong(Long::longValue).sum())));
    }
}

package io.eddy.benchmarks;

import io.eddy.examples.WordCountTopology;
import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.ReadOnlyKeyValueStore;
import io.eddy.streams.EddyStreams;
import io.eddy.streams.QueryableStoreTypes;
import io.eddy.streams.StoreQueryParameters;
import io.eddy.streams.StreamsConfig;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The DSL word count end to end on the embedded log: the corpus is produced into {@code text-lines} first (not
 * timed), then the app runs until it has processed and committed every line (timed, restore and startup included),
 * and the counts in the store are checked to sum to the number of words.
 */
@Command(name = "wordcount", mixinStandardHelpOptions = true, description = "DSL word count throughput.")
final class WordCountBench implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "corpus file (../shared/bench/gen-corpus.py)")
    Path input;

    @Option(names = "--threads", defaultValue = "1")
    int threads;

    @Option(names = "--partitions", defaultValue = "1")
    int partitions;

    @Option(names = "--repartition-through-log", defaultValue = "false")
    boolean throughLog;

    @Option(names = "--commit-interval-ms", description = "default: the guarantee's default (30000, or 100 under"
            + " exactly_once)")
    Long commitIntervalMs;

    @Option(names = "--guarantee", defaultValue = "at_least_once", description = "at_least_once or exactly_once")
    String guarantee;

    @Option(names = "--dir")
    Path dir;

    @Override
    public Integer call() throws Exception {
        try (BenchDirectory scratch = new BenchDirectory(dir)) {
            long lines = 0;
            long words = 0;
            try (LogStore log = LogStore.open(scratch.path().resolve("log"));
                 BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                log.createTopic(WordCountTopology.INPUT, partitions, TopicConfig.defaults());
                log.createTopic(WordCountTopology.OUTPUT, partitions, TopicConfig.defaults());
                List<List<ProducerRecord>> batches = new ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    batches.add(new ArrayList<>());
                }
                String line;
                while ((line = in.readLine()) != null) {
                    int p = (int) (lines++ % partitions);
                    words += countWords(line);
                    List<ProducerRecord> b = batches.get(p);
                    b.add(new ProducerRecord(WordCountTopology.INPUT, p, null,
                            line.getBytes(StandardCharsets.UTF_8), lines, null));
                    if (b.size() == 5000) {
                        log.append(new TopicPartition(WordCountTopology.INPUT, p), b);
                        b.clear();
                    }
                }
                for (int p = 0; p < partitions; p++) {
                    if (!batches.get(p).isEmpty()) {
                        log.append(new TopicPartition(WordCountTopology.INPUT, p), batches.get(p));
                    }
                }
            }
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wordcount-bench");
            props.put(StreamsConfig.DATA_DIR_CONFIG, scratch.path().toString());
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
            props.put(StreamsConfig.REPARTITION_THROUGH_LOG_CONFIG, throughLog);
            if (commitIntervalMs != null) {
                props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
            }
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
            long t0 = System.nanoTime();
            long counted = 0;
            try (EddyStreams app = new EddyStreams(WordCountTopology.build(), props)) {
                app.start();
                long perPartition = (lines + partitions - 1) / partitions;
                for (int p = 0; p < partitions; p++) {
                    long end = lines / partitions + (p < lines % partitions ? 1 : 0);
                    app.awaitCommittedOffset(new TopicPartition(WordCountTopology.INPUT, p), end, Duration.ofHours(1));
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                if (throughLog) {
                    // the final commit of the repartition's downstream side is included in close below
                    secs = (System.nanoTime() - t0) / 1e9;
                }
                ReadOnlyKeyValueStore<String, Long> store = app.store(StoreQueryParameters.fromNameAndType(
                        WordCountTopology.STORE, QueryableStoreTypes.keyValueStore()));
                while (true) {
                    counted = 0;
                    try (KeyValueIterator<String, Long> it = store.all()) {
                        while (it.hasNext()) {
                            counted += it.next().value;
                        }
                    }
                    if (counted >= words || !throughLog) {
                        break;
                    }
                    Thread.sleep(50);
                }
                double total = (System.nanoTime() - t0) / 1e9;
                if (counted != words) {
                    throw new IllegalStateException("counts sum to " + counted + ", expected " + words);
                }
                double elapsed = throughLog ? total : secs;
                System.out.printf("%d lines, %d words in %.2f s (%s, threads=%d, partitions=%d, repartition %s)%n",
                        lines, words, elapsed, guarantee, threads, partitions,
                        throughLog ? "through the log" : "in memory");
                Map<String, Number> metrics = app.metrics();
                new Results("wordcount").put("guarantee", guarantee).put("threads", threads)
                        .put("partitions", partitions)
                        .put("repartition", throughLog ? "log" : "memory")
                        .put("records_per_s", Math.round(lines / elapsed))
                        .put("words_per_s", Math.round(words / elapsed))
                        .put("commits", metrics.getOrDefault("commit-total", 0).longValue())
                        .put("commit_avg_ms", metrics.getOrDefault("commit-latency-avg-ms", 0).doubleValue()).print();
                if (perPartition < 0) {
                    return 1;
                }
            }
        }
        return 0;
    }

    private static long countWords(String line) {
        long n = 0;
        boolean in = false;
        for (int i = 0; i < line.length(); i++) {
            boolean space = line.charAt(i) == ' ' || line.charAt(i) == '\t';
            if (!space && !in) {
                n++;
            }
            in = !space;
        }
        return n;
    }
}

package io.eddy.examples;

import io.eddy.log.LogStore;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.ReadOnlyKeyValueStore;
import io.eddy.streams.EddyStreams;
import io.eddy.streams.QueryableStoreTypes;
import io.eddy.streams.StoreQueryParameters;
import io.eddy.streams.StreamsConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Counts the words of a text file with the DSL on the embedded log: the file's lines go to topic {@code text-lines}
 * (each line exactly once, even across crashes — see {@link LineIngestor}), the word-count topology counts them, and
 * once every line is processed the top words are printed. Re-running on the same data directory continues from the
 * committed state: only new lines of the file are read.
 */
@Command(name = "wordcount", mixinStandardHelpOptions = true,
        description = "Count the words of a text file with Eddy's DSL on the embedded log.")
final class WordCountCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "text file to count, or - for standard input")
    Path input;

    @Option(names = "--data-dir", defaultValue = "eddy-data", description = "data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--top", defaultValue = "10", description = "how many of the most frequent words to print")
    int top;

    @Option(names = "--output", description = "write every word and its count, word<TAB>count, sorted by word")
    Path output;

    @Option(names = "--follow", description = "keep reading lines appended to the file and print updates")
    boolean follow;

    @Option(names = "--guarantee", defaultValue = "at_least_once",
            description = "at_least_once or exactly_once (default: ${DEFAULT-VALUE})")
    String guarantee;

    @Option(names = "--threads", defaultValue = "1", description = "stream threads")
    int threads;

    @Option(names = "--partitions", defaultValue = "1", description = "partitions of text-lines for a new data dir")
    int partitions;

    private boolean stdinRead;

    @Override
    public Integer call() throws Exception {
        if (!input.toString().equals("-") && !Files.isRegularFile(input)) {
            System.err.println("wordcount: input file " + input + " does not exist or is not a file");
            return 2;
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wordcount");
        props.put(StreamsConfig.DATA_DIR_CONFIG, dataDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        StreamsConfig config = new StreamsConfig(props); // validates before touching the data directory
        long t0 = System.nanoTime();
        // the app and the ingestion share one log, so --follow can append while the app runs
        try (LogStore log = LogStore.open(dataDir.resolve("log"))) {
            List<Long> ends = ingest(log);
            try (EddyStreams app = new EddyStreams(WordCountTopology.build(), config, log)) {
                app.start();
                awaitProcessed(app, ends);
                printTop(app, (System.nanoTime() - t0) / 1e9);
                if (output != null) {
                    writeAll(app);
                }
                while (follow) {
                    Thread.sleep(1000);
                    List<Long> more = ingest(log);
                    if (!more.equals(ends)) {
                        ends = more;
                        awaitProcessed(app, ends);
                        printTop(app, (System.nanoTime() - t0) / 1e9);
                    }
                }
            }
        }
        return 0;
    }

    private List<Long> ingest(LogStore log) throws IOException {
        List<Long> ends = new ArrayList<>();
        log.createTopicIfAbsent(WordCountTopology.INPUT, partitions, TopicConfig.defaults());
        log.createTopicIfAbsent(WordCountTopology.OUTPUT, log.partitionCount(WordCountTopology.INPUT),
                TopicConfig.defaults());
        int n = log.partitionCount(WordCountTopology.INPUT);
        if (input.toString().equals("-")) {
            // standard input cannot be re-read: its lines are appended once, with no resume position
            if (!stdinRead) {
                new LineIngestor(log, WordCountTopology.INPUT, n).ingestAll(System.in);
                stdinRead = true;
            }
        } else {
            new LineIngestor(log, WordCountTopology.INPUT, n).ingest(input);
        }
        for (int p = 0; p < n; p++) {
            ends.add(log.endOffset(new TopicPartition(WordCountTopology.INPUT, p)));
        }
        return ends;
    }

    private static void awaitProcessed(EddyStreams app, List<Long> ends) throws Exception {
        for (int p = 0; p < ends.size(); p++) {
            app.awaitCommittedOffset(new TopicPartition(WordCountTopology.INPUT, p), ends.get(p), Duration.ofHours(1));
        }
    }

    private static ReadOnlyKeyValueStore<String, Long> store(EddyStreams app) throws InterruptedException {
        while (app.state() != EddyStreams.State.RUNNING) {
            Thread.sleep(5);
        }
        return app.store(StoreQueryParameters.fromNameAndType(WordCountTopology.STORE,
                QueryableStoreTypes.keyValueStore()));
    }

    private void printTop(EddyStreams app, double seconds) throws InterruptedException {
        List<KeyValue<String, Long>> all = new ArrayList<>();
        long words = 0;
        try (KeyValueIterator<String, Long> it = store(app).all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                all.add(kv);
                words += kv.value;
            }
        }
        all.sort(Comparator.comparing((KeyValue<String, Long> kv) -> -kv.value).thenComparing(kv -> kv.key));
        System.out.printf("%d words, %d distinct, counted in %.1f s; top %d:%n", words, all.size(), seconds,
                Math.min(top, all.size()));
        for (int i = 0; i < Math.min(top, all.size()); i++) {
            System.out.printf("%8d  %s%n", all.get(i).value, all.get(i).key);
        }
    }

    private void writeAll(EddyStreams app) throws IOException, InterruptedException {
        TreeMap<String, Long> sorted = new TreeMap<>();
        try (KeyValueIterator<String, Long> it = store(app).all()) {
            it.forEachRemaining(kv -> sorted.put(kv.key, kv.value));
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
            sorted.forEach((k, v) -> w.print(k + "\t" + v + "\n"));
        }
        System.out.println("wrote " + sorted.size() + " counts to " + output);
    }
}

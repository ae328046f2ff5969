package io.eddy.benchmarks;

import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.ReadOnlyWindowStore;
import io.eddy.state.WindowStore;
import io.eddy.state.Windowed;
import io.eddy.streams.EddyStreams;
import io.eddy.streams.QueryableStoreTypes;
import io.eddy.streams.StoreQueryParameters;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.kstream.Consumed;
import io.eddy.streams.kstream.Grouped;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.StreamsBuilder;
import io.eddy.streams.kstream.TimeWindows;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Windowed word count end to end: line n of the corpus has timestamp n ms; words are counted per 1-second tumbling
 * window (grace 0) into a window store. The input is produced first (not timed); the app then runs until everything
 * is committed; the window counts must sum to the number of words.
 */
@Command(name = "windowed-count", mixinStandardHelpOptions = true, description = "1-second windowed word count.")
final class WindowedCountBench implements Callable<Integer> {
    @Option(names = "--input", required = true)
    Path input;

    @Option(names = "--dir")
    Path dir;

    @Override
    public Integer call() throws Exception {
        try (BenchDirectory scratch = new BenchDirectory(dir)) {
            long lines = 0;
            long words = 0;
            try (LogStore log = LogStore.open(scratch.path().resolve("log"));
                 BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
                log.createTopic("lines", 1, TopicConfig.defaults());
                List<ProducerRecord> batch = new ArrayList<>();
                String line;
                while ((line = in.readLine()) != null) {
                    words += line.isBlank() ? 0 : line.trim().split(" +").length;
                    batch.add(new ProducerRecord("lines", 0, null, line.getBytes(StandardCharsets.UTF_8), lines++,
                            null));
                    if (batch.size() == 5000) {
                        log.append(new TopicPartition("lines", 0), batch);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    log.append(new TopicPartition("lines", 0), batch);
                }
            }
            StreamsBuilder b = new StreamsBuilder();
            b.stream("lines", Consumed.with(Serdes.String(), Serdes.String()))
                    .flatMapValues(l -> Arrays.asList(l.split(" ")))
                    .groupBy((k, w) -> w, Grouped.with("words", Serdes.String(), Serdes.String()))
                    .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(1)))
                    .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("per-second")
                            .withRetention(Duration.ofDays(30)));
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "windowed-bench");
            props.put(StreamsConfig.DATA_DIR_CONFIG, scratch.path().toString());
            long t0 = System.nanoTime();
            try (EddyStreams app = new EddyStreams(b.build(), props)) {
                app.start();
                app.awaitCommittedOffset(new TopicPartition("lines", 0), lines, Duration.ofHours(1));
                double secs = (System.nanoTime() - t0) / 1e9;
                ReadOnlyWindowStore<String, Long> store = app.store(StoreQueryParameters.fromNameAndType("per-second",
                        QueryableStoreTypes.windowStore()));
                long counted = 0;
                try (KeyValueIterator<Windowed<String>, Long> it = store.all()) {
                    while (it.hasNext()) {
                        counted += it.next().value;
                    }
                }
                if (counted != words) {
                    throw new IllegalStateException("window counts sum to " + counted + ", expected " + words);
                }
                System.out.printf("%d lines, %d words in %.2f s%n", lines, words, secs);
                new Results("windowed-count").put("records_per_s", Math.round(lines / secs))
                        .put("words_per_s", Math.round(words / secs)).print();
            }
        }
        return 0;
    }
}

package io.eddy.streams.test;

import io.eddy.log.CleanupPolicy;
import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.ReadOnlyKeyValueStore;
import io.eddy.streams.EddyStreams;
import io.eddy.streams.QueryableStoreTypes;
import io.eddy.streams.StoreQueryParameters;
import io.eddy.streams.StreamsConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Child-JVM app for the crash tests ({@code <dataDir> <partitions> [guarantee]}): runs the word count over
 * {@code <dataDir>} until every input partition is
 * committed to its end, then writes the final counts to {@code <dataDir>/counts.txt} and exits 0. Meant to be killed
 * with SIGKILL at any moment and started again.
 */
public final class CrashingWordCountMain {
    private CrashingWordCountMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int partitions = Integer.parseInt(args[1]);
        String guarantee = args.length > 2 ? args[2] : StreamsConfig.AT_LEAST_ONCE;
        // "churn": tiny segments and compaction every 50 ms, so kills also land in segment rolls and compaction
        boolean churn = args.length > 3 && args[3].equals("churn");
        List<Long> ends = new ArrayList<>();
        try (LogStore log = LogStore.openReadOnly(dataDir.resolve("log"))) {
            for (int p = 0; p < partitions; p++) {
                ends.add(log.endOffset(new TopicPartition("text", p)));
            }
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "crash-wordcount");
        props.put(StreamsConfig.DATA_DIR_CONFIG, dataDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        LogStoreOptions options = LogStoreOptions.defaults();
        if (churn) {
            options = options.withCleanupInterval(Duration.ofMillis(50));
        }
        try (LogStore log = LogStore.open(dataDir.resolve("log"), options);
             EddyStreams app = new EddyStreams(WordCountTopologies.wordCount(true), new StreamsConfig(props), log)) {
            if (churn) {
                log.createTopicIfAbsent("crash-wordcount-counts-changelog", partitions, TopicConfig.builder()
                        .cleanupPolicy(CleanupPolicy.COMPACT).segmentBytes(16 * 1024).minCleanableDirtyRatio(0.01)
                        .build());
            }
            app.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (app.state() != EddyStreams.State.RUNNING) {
                if (System.nanoTime() > deadline || app.state() == EddyStreams.State.ERROR) {
                    throw new IllegalStateException("app did not reach RUNNING: " + app.state());
                }
                Thread.sleep(10);
            }
            for (int p = 0; p < partitions; p++) {
                app.awaitCommittedOffset(new TopicPartition("text", p), ends.get(p), Duration.ofMinutes(5));
            }
            ReadOnlyKeyValueStore<String, Long> store = app.store(StoreQueryParameters.fromNameAndType("counts",
                    QueryableStoreTypes.keyValueStore()));
            StringBuilder sb = new StringBuilder();
            try (KeyValueIterator<String, Long> it = store.all()) {
                it.forEachRemaining(kv -> sb.append(kv.key).append('\t').append(kv.value).append('\n'));
            }
            Path tmp = dataDir.resolve("counts.txt.tmp");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, dataDir.resolve("counts.txt"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        System.exit(0);
    }
}

package io.eddy.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.ReadOnlyKeyValueStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EddyStreamsIntegrationTest {
    @TempDir
    Path dir;

    private static final int LINES = 3000;

    /** Writes LINES seeded lines into a 4-partition input topic; returns the expected word counts. */
    static Map<String, Long> writeInput(Path dataDir, long seed) {
        Map<String, Long> expected = new HashMap<>();
        Random rnd = new Random(seed);
        try (LogStore log = LogStore.open(dataDir.resolve("log"))) {
            log.createTopicIfAbsent(WordCountApp.INPUT, 4, TopicConfig.defaults());
            log.createTopicIfAbsent(WordCountApp.OUTPUT, 4, TopicConfig.defaults());
            for (int p = 0; p < 4; p++) {
                List<ProducerRecord> batch = new ArrayList<>();
                for (int i = 0; i < LINES / 4; i++) {
                    StringBuilder line = new StringBuilder();
                    for (int w = 0; w < 5; w++) {
                        String word = "w" + rnd.nextInt(200);
                        expected.merge(word, 1L, Long::sum);
                        line.append(word).append(' ');
                    }
                    batch.add(new ProducerRecord(WordCountApp.INPUT, p, null,
                            line.toString().getBytes(StandardCharsets.UTF_8), i, null));
                }
                log.append(new TopicPartition(WordCountApp.INPUT, p), batch);
            }
        }
        return expected;
    }

    static Properties props(Path dataDir, int threads, boolean throughLog) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "wordcount");
        p.put(StreamsConfig.DATA_DIR_CONFIG, dataDir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        p.put(StreamsConfig.REPARTITION_THROUGH_LOG_CONFIG, throughLog);
        return p;
    }

    /** Runs the app until every input partition is committed to its end; returns the final counts from IQ. */
    static Map<String, Long> runToEnd(Path dataDir, int threads, boolean throughLog) throws Exception {
        try (EddyStreams app = new EddyStreams(WordCountApp.topology(), props(dataDir, threads, throughLog))) {
            app.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == EddyStreams.State.RUNNING);
            for (int p = 0; p < 4; p++) {
                app.awaitCommittedOffset(new TopicPartition(WordCountApp.INPUT, p), LINES / 4, Duration.ofSeconds(60));
            }
            if (throughLog) {
                // the downstream tasks read the repartition topic from the log: wait for its committed end too
                for (int p = 0; p < 4; p++) {
                    TopicPartition tp = new TopicPartition("wordcount-words-repartition", p);
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        Long at = app.committedOffsets().get(tp);
                        return at != null && at >= repartitionEnd(dataDir, tp);
                    });
                }
            }
            ReadOnlyKeyValueStore<String, Long> store = app.store(StoreQueryParameters.fromNameAndType(
                    WordCountApp.STORE, QueryableStoreTypes.keyValueStore()));
            Map<String, Long> counts = new HashMap<>();
            try (KeyValueIterator<String, Long> it = store.all()) {
                it.forEachRemaining(kv -> counts.put(kv.key, kv.value));
            }
            return counts;
        }
    }

    private static long repartitionEnd(Path dataDir, TopicPartition tp) {
        try (LogStore log = LogStore.openReadOnly(dataDir.resolve("log"))) {
            return log.endOffset(tp);
        }
    }

    @Test
    void countsEveryWordOnceWithOneThread() throws Exception {
        Map<String, Long> expected = writeInput(dir, 1);
        assertThat(runToEnd(dir, 1, false)).isEqualTo(expected);
    }

    @Test
    void twoThreadsReachTheSameCountsAsOne() throws Exception {
        Map<String, Long> expected = writeInput(dir.resolve("a"), 2);
        writeInput(dir.resolve("b"), 2);
        assertThat(runToEnd(dir.resolve("a"), 1, false)).isEqualTo(expected);
        assertThat(runToEnd(dir.resolve("b"), 2, false)).isEqualTo(expected);
    }

    @Test
    void repartitionThroughTheLogGivesTheSameCountsAsInMemory() throws Exception {
        Map<String, Long> expected = writeInput(dir, 3);
        assertThat(runToEnd(dir, 2, true)).isEqualTo(expected);
    }

    @Test
    void stateIsRestoredFromTheChangelogAfterLocalStateIsDeleted() throws Exception {
        Map<String, Long> expected = writeInput(dir, 4);
        assertThat(runToEnd(dir, 1, false)).isEqualTo(expected);
        new EddyStreams(WordCountApp.topology(), props(dir, 1, false)).cleanUp();
        assertThat(dir.resolve("state").resolve("wordcount")).doesNotExist();
        assertThat(runToEnd(dir, 1, false)).isEqualTo(expected);
    }

    @Test
    void interactiveQueriesReadWhileProcessingContinues() throws Exception {
        Map<String, Long> expected = writeInput(dir, 5);
        try (EddyStreams app = new EddyStreams(WordCountApp.topology(), props(dir, 2, false))) {
            app.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == EddyStreams.State.RUNNING);
            ReadOnlyKeyValueStore<String, Long> store = app.store(StoreQueryParameters.fromNameAndType(
                    WordCountApp.STORE, QueryableStoreTypes.keyValueStore()));
            String word = expected.keySet().iterator().next();
            long last = 0;
            // counts only ever grow while the app processes; the final value is exact
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Long v = store.get(word);
                return v != null && v.equals(expected.get(word));
            });
            for (int i = 0; i < 50; i++) {
                Long v = store.get(word);
                assertThat(v).isNotNull().isGreaterThanOrEqualTo(last);
                last = v;
            }
            assertThat(app.metrics().get("records-processed-total").longValue()).isGreaterThan(0);
        }
    }
}

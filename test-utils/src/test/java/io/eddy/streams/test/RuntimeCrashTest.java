package io.eddy.streams.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a stateful app with a repartition with SIGKILL at random moments and checks nothing is lost. */
class RuntimeCrashTest {
    @TempDir
    Path dir;

    private static final int PARTITIONS = 3;

    @Test
    void atLeastOnceSurvivesRepeatedSigkillWithoutLosingAnyInputRecord() throws Exception {
        Map<String, Long> expected = writeInput();
        CrashHarness harness = killAndRecover("at_least_once", "steady");
        System.out.printf("at-least-once crash test: seed %d, %d kills%n", harness.seed(), harness.kills());
        Map<String, Long> counts = readCounts();
        assertThat(counts.keySet()).as("seed %d", harness.seed()).isEqualTo(expected.keySet());
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            assertThat(counts.get(e.getKey())).as("count of %s (seed %d, %d kills)", e.getKey(), harness.seed(),
                    harness.kills()).isGreaterThanOrEqualTo(e.getValue());
        }
    }

    @Test
    void exactlyOnceSurvivesRepeatedSigkillWithExactCountsAndNoDuplicateUpdate() throws Exception {
        exactlyOnceCrash("steady");
    }

    @Test
    void exactlyOnceSurvivesSigkillDuringSegmentRollsAndCompaction() throws Exception {
        exactlyOnceCrash("churn");
    }

    private void exactlyOnceCrash(String mode) throws Exception {
        Map<String, Long> expected = writeInput();
        CrashHarness harness = killAndRecover("exactly_once", mode);
        System.out.printf("exactly-once crash test (%s): seed %d, %d kills%n", mode, harness.seed(), harness.kills());
        assertThat(readCounts()).as("final counts (seed %d, %d kills)", harness.seed(), harness.kills())
                .isEqualTo(expected);
        // the counts changelog, read committed, must step each word 1, 2, 3, ... with no update repeated or lost
        Map<String, Long> last = new HashMap<>();
        try (LogStore log = LogStore.openReadOnly(dir.resolve("log"))) {
            for (int p = 0; p < PARTITIONS; p++) {
                TopicPartition tp = new TopicPartition("crash-wordcount-counts-changelog", p);
                long offset = log.startOffset(tp);
                while (true) {
                    var batch = log.read(tp, offset, 10_000, io.eddy.log.IsolationLevel.READ_COMMITTED);
                    if (batch.isEmpty()) {
                        break;
                    }
                    for (var r : batch) {
                        String word = new String(r.key(), StandardCharsets.UTF_8);
                        long value = java.nio.ByteBuffer.wrap(r.value()).getLong();
                        long previous = last.getOrDefault(word, 0L);
                        if (mode.equals("churn")) {
                            // compaction removes superseded updates: what is left must still only go up
                            assertThat(value).as("update of %s after %d (seed %d)", word, previous, harness.seed())
                                    .isGreaterThan(previous);
                        } else {
                            assertThat(value).as("update of %s after %d (seed %d)", word, previous, harness.seed())
                                    .isEqualTo(previous + 1);
                        }
                        last.put(word, value);
                    }
                    offset = batch.get(batch.size() - 1).offset() + 1;
                }
            }
        }
        assertThat(last).isEqualTo(expected);
    }

    private Map<String, Long> writeInput() {
        int partitions = PARTITIONS;
        Map<String, Long> expected = new HashMap<>();
        Random rnd = new Random(7);
        try (LogStore log = LogStore.open(dir.resolve("log"))) {
            log.createTopic("text", partitions, TopicConfig.defaults());
            log.createTopic("word-counts", partitions, TopicConfig.defaults());
            for (int p = 0; p < partitions; p++) {
                List<ProducerRecord> batch = new ArrayList<>();
                for (int i = 0; i < Integer.getInteger("crash.lines.per.partition", 40_000); i++) {
                    StringBuilder line = new StringBuilder();
                    for (int w = 0; w < 8; w++) {
                        String word = "w" + rnd.nextInt(500);
                        expected.merge(word, 1L, Long::sum);
                        line.append(word).append(' ');
                    }
                    batch.add(new ProducerRecord("text", p, null, line.toString().getBytes(StandardCharsets.UTF_8),
                            i, null));
                    if (batch.size() == 1000) {
                        log.append(new TopicPartition("text", p), batch);
                        batch.clear();
                    }
                }
            }
        }
        return expected;
    }

    private CrashHarness killAndRecover(String guarantee, String mode) throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        CrashHarness harness = CrashHarness.builder(CrashingWordCountMain.class.getName(), dir)
                .args(dir.toString(), Integer.toString(PARTITIONS), guarantee, mode).seed(seed).build();
        int finishedEarly = harness.runAndKill(Integer.getInteger("crash.kills", 6), 200, 1500);
        assertThat(harness.kills()).as("kills (seed %d, %d runs finished before their kill)", seed, finishedEarly)
                .isGreaterThan(0);
        int exit = harness.runToCompletion(180_000);
        assertThat(exit).as("final clean run, seed %d; its output ends with:%n%s", seed, harness.lastLogTail(40))
                .isZero();
        return harness;
    }

    private Map<String, Long> readCounts() throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("counts.txt"))) {
            String[] kv = line.split("\t");
            counts.put(kv[0], Long.parseLong(kv[1]));
        }
        return counts;
    }
}

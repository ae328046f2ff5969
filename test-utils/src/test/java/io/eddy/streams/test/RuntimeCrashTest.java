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

    @Test
    void atLeastOnceSurvivesRepeatedSigkillWithoutLosingAnyInputRecord() throws Exception {
        int partitions = 3;
        Map<String, Long> expected = new HashMap<>();
        Random rnd = new Random(7);
        try (LogStore log = LogStore.open(dir.resolve("log"))) {
            log.createTopic("text", partitions, TopicConfig.defaults());
            log.createTopic("word-counts", partitions, TopicConfig.defaults());
            for (int p = 0; p < partitions; p++) {
                List<ProducerRecord> batch = new ArrayList<>();
                for (int i = 0; i < 20_000; i++) {
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
        long seed = Long.getLong("crash.seed", System.nanoTime());
        CrashHarness harness = CrashHarness.builder(CrashingWordCountMain.class.getName(), dir)
                .args(dir.toString(), Integer.toString(partitions)).seed(seed).build();
        int finishedEarly = harness.runAndKill(Integer.getInteger("crash.kills", 6), 300, 2500);
        assertThat(harness.kills()).as("kills (seed %d, %d runs finished before their kill)", seed, finishedEarly)
                .isGreaterThan(0);
        assertThat(harness.runToCompletion(180_000)).as("final clean run, seed %d", seed).isZero();
        Map<String, Long> counts = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("counts.txt"))) {
            String[] kv = line.split("\t");
            counts.put(kv[0], Long.parseLong(kv[1]));
        }
        assertThat(counts.keySet()).as("seed %d", seed).isEqualTo(expected.keySet());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long expectedTotal = expected.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("crash test: seed %d, %d kills, %d words counted for %d written%n", seed, harness.kills(),
                total, expectedTotal);
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            assertThat(counts.get(e.getKey())).as("count of %s (seed %d, %d kills)", e.getKey(), seed, harness.kills())
                    .isGreaterThanOrEqualTo(e.getValue());
        }
    }
}

package io.eddy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.streams.test.CrashHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the wordcount example in a child JVM, kills it with SIGKILL at random moments (during ingestion, processing
 * or commit), runs it again on the same file and data directory each time, and checks that the final counts of an
 * exactly-once run equal a clean count of the file: no line skipped or repeated, no update doubled.
 */
class WordCountCrashTest {
    @TempDir
    Path dir;

    @Test
    void rerunAfterSigkillCountsEveryLineExactlyOnceUnderExactlyOnce() throws Exception {
        Path input = dir.resolve("input.txt");
        Random rnd = new Random(5);
        List<String> lines = new ArrayList<>();
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < 60_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 8; w++) {
                String word = "w" + rnd.nextInt(300);
                sb.append(word).append(' ');
                expected.merge(word, 1L, Long::sum);
            }
            lines.add(sb.toString().trim());
        }
        Files.write(input, lines);
        Path data = dir.resolve("data");
        Path output = dir.resolve("counts.tsv");
        long seed = Long.getLong("crash.seed", System.nanoTime());
        CrashHarness harness = CrashHarness.builder(Main.class.getName(), dir)
                .args("wordcount", "--input", input.toString(), "--data-dir", data.toString(), "--guarantee",
                        "exactly_once", "--partitions", "3", "--threads", "2", "--output", output.toString())
                .seed(seed).build();
        harness.runAndKill(Integer.getInteger("crash.kills", 5), 200, 2500);
        assertThat(harness.runToCompletion(180_000)).as("final run (seed %d)", seed).isZero();
        Map<String, Long> counts = new TreeMap<>();
        for (String line : Files.readAllLines(output)) {
            String[] kv = line.split("\t");
            counts.put(kv[0], Long.parseLong(kv[1]));
        }
        assertThat(counts).as("counts after %d kills (seed %d)", harness.kills(), seed).isEqualTo(expected);
    }
}

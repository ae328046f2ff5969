package io.eddy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WordCountCommandTest {
    @TempDir
    Path dir;

    private static Map<String, Long> expectedCounts(Path file) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            for (String w : WordCountTopology.words(line)) {
                m.merge(w, 1L, Long::sum);
            }
        }
        return m;
    }

    private static Map<String, Long> readOutput(Path file) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] kv = line.split("\t");
            m.put(kv[0], Long.parseLong(kv[1]));
        }
        return m;
    }

    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new Main()).execute(args);
            assertThat(code).isZero();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void countsTheBundledSampleAndPrintsTheTopWords() throws Exception {
        Path sample = Path.of("data/sample.txt");
        Path output = dir.resolve("counts.tsv");
        String printed = run("wordcount", "--input", sample.toString(), "--data-dir", dir.resolve("data").toString(),
                "--top", "3", "--output", output.toString(), "--partitions", "3", "--threads", "2");
        Map<String, Long> expected = expectedCounts(sample);
        assertThat(readOutput(output)).isEqualTo(expected);
        assertThat(printed).contains("top 3:").containsPattern("\\d+\\s+the\\n");
        assertThat(Files.readAllLines(output)).isSorted();
    }

    @Test
    void rerunOnTheSameDataDirectoryCountsOnlyNewLines() throws Exception {
        Path input = dir.resolve("in.txt");
        Files.write(input, List.of("a b", "b c"));
        Path data = dir.resolve("data");
        Path output = dir.resolve("out.tsv");
        run("wordcount", "--input", input.toString(), "--data-dir", data.toString(), "--output", output.toString());
        assertThat(readOutput(output)).isEqualTo(Map.of("a", 1L, "b", 2L, "c", 1L));
        Files.write(input, List.of("a b", "b c", "c c"));
        run("wordcount", "--input", input.toString(), "--data-dir", data.toString(), "--output", output.toString());
        assertThat(readOutput(output)).isEqualTo(Map.of("a", 1L, "b", 2L, "c", 3L));
    }

    @Test
    void countsLinesReadFromStandardInput() throws Exception {
        java.io.InputStream old = System.in;
        System.setIn(new java.io.ByteArrayInputStream("x y\ny z\n".getBytes(StandardCharsets.UTF_8)));
        Path output = dir.resolve("stdin.tsv");
        try {
            run("wordcount", "--input", "-", "--data-dir", dir.resolve("data").toString(), "--output",
                    output.toString());
        } finally {
            System.setIn(old);
        }
        assertThat(readOutput(output)).isEqualTo(Map.of("x", 1L, "y", 2L, "z", 1L));
    }
}

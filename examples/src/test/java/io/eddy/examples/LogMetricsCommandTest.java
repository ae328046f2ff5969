package io.eddy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LogMetricsCommandTest {
    private static final String TITLE = "log lines per level per minute";

    @TempDir
    Path dir;

    /** minute → (level | "total" | "errors%" → cell), straight from the files' complete lines. */
    private static Map<String, Map<String, String>> expected(Path... files) throws Exception {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (Path f : files) {
            String text = Files.readString(f);
            String complete = text.substring(0, text.lastIndexOf('\n') + 1); // a partial last line is not read yet
            for (String line : complete.split("\n")) {
                String[] parts = line.split(" ", 3);
                if (parts.length < 2 || !parts[0].matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")) {
                    continue;
                }
                String minute = parts[0].substring(0, 16) + "Z";
                counts.computeIfAbsent(minute, m -> new TreeMap<>()).merge(parts[1], 1L, Long::sum);
            }
        }
        Map<String, Map<String, String>> table = new TreeMap<>();
        counts.forEach((minute, byLevel) -> {
            Map<String, String> row = new TreeMap<>();
            long total = byLevel.values().stream().mapToLong(Long::longValue).sum();
            byLevel.forEach((level, n) -> row.put(level, Long.toString(n)));
            row.put("total", Long.toString(total));
            row.put("errors%", String.format(Locale.ROOT, "%.1f%%", 100.0 * byLevel.getOrDefault("ERROR", 0L) / total));
            table.put(minute, row);
        });
        return table;
    }

    private static Map<String, Map<String, String>> printed(String output) {
        Map<String, Map<String, String>> table = new TreeMap<>();
        ExampleRunner.table(output, TITLE).forEach((minute, row) -> {
            Map<String, String> nonZero = new TreeMap<>(row);
            nonZero.values().removeIf("0"::equals);
            table.put(minute, nonZero);
        });
        return table;
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void countsLinesPerLevelAndErrorRatePerMinuteOverSeveralFiles() throws Exception {
        Path app = Files.copy(Path.of("data/app.log"), dir.resolve("app.log"));
        Path worker = dir.resolve("worker.log");
        // overlaps app.log in time, so its lines arrive up to minutes behind the newest line already counted
        Files.writeString(worker, """
                2026-11-23T10:03:10Z ERROR job 17 failed: connection reset
                2026-11-23T10:03:40Z INFO job 18 done
                not a log line
                2026-11-23T10:04:02Z ERROR job 19 failed: timeout
                2026-11-23T10:11:00Z WARN queue depth 900
                """);

        String output = ExampleRunner.run("log-metrics", app.toString(), worker.toString(),
                "--data-dir", dir.resolve("data").toString());

        assertThat(output).contains("514 new lines from 2 file(s)"); // 509 + 5, the unparseable one included
        Map<String, Map<String, String>> expected = expected(app, worker);
        assertThat(expected).hasSize(11);
        assertThat(printed(output)).isEqualTo(expected);
    }

    @Test
    void rerunCountsOnlyLinesAddedSinceAndWaitsForAPartialLastLine() throws Exception {
        Path log = dir.resolve("svc.log");
        Files.writeString(log, "2026-11-23T10:00:01Z INFO up\n2026-11-23T10:00:30Z ERROR boom\n");
        String data = dir.resolve("data").toString();
        ExampleRunner.run("log-metrics", log.toString(), "--data-dir", data);

        append(log, "2026-11-23T10:00:59Z INFO ok\n2026-11-23T10:01:00Z ERROR again\n2026-11-23T10:01:0");
        String second = ExampleRunner.run("log-metrics", log.toString(), "--data-dir", data);
        assertThat(second).contains("2 new lines from 1 file(s)");
        assertThat(printed(second)).isEqualTo(expected(log)).isEqualTo(Map.of(
                "2026-11-23T10:00Z", Map.of("INFO", "2", "ERROR", "1", "total", "3", "errors%", "33.3%"),
                "2026-11-23T10:01Z", Map.of("ERROR", "1", "total", "1", "errors%", "100.0%")));

        append(log, "2Z WARN slow\n");
        String third = ExampleRunner.run("log-metrics", log.toString(), "--data-dir", data);
        assertThat(third).contains("1 new lines from 1 file(s)");
        assertThat(printed(third)).isEqualTo(expected(log));
        assertThat(printed(third).get("2026-11-23T10:01Z")).containsEntry("WARN", "1").containsEntry("total", "2");
    }

    @Test
    void followPrintsTheTableAgainWhenLinesAreAppended() throws Exception {
        Path log = dir.resolve("live.log");
        Files.writeString(log, "2026-11-23T10:00:01Z INFO up\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        Thread follower = new Thread(() -> new CommandLine(new Main()).execute("log-metrics", log.toString(),
                "--follow", "--data-dir", dir.resolve("data").toString()), "log-metrics-follow");
        try {
            follower.start();
            awaitOutput(out, "1 new lines");
            append(log, "2026-11-23T10:00:02Z ERROR down\n2026-11-23T10:01:00Z ERROR still down\n");
            awaitOutput(out, "2 new lines");
        } finally {
            follower.interrupt();
            follower.join(10_000);
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertThat(follower.isAlive()).isFalse();
        assertThat(printed(printed.substring(printed.indexOf("2 new lines")))).isEqualTo(expected(log));
    }

    private static void awaitOutput(ByteArrayOutputStream out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!tablePrintedAfter(out.toString(StandardCharsets.UTF_8), text)) {
            assertThat(System.nanoTime()).as("waiting for '%s' and its table in:%n%s", text, out).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** @return whether {@code text} was printed and the table after it is complete (ends with an empty line) */
    private static boolean tablePrintedAfter(String printed, String text) {
        int at = printed.indexOf(text);
        return at >= 0 && printed.indexOf("\n\n", at) >= 0;
    }
}

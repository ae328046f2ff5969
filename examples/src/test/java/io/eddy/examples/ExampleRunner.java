package io.eddy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs an example through picocli as {@code java -jar eddy-examples.jar ...} would, and parses its tables. */
final class ExampleRunner {
    private ExampleRunner() {
    }

    /** @return what the command printed; fails the test unless it exits with 0 */
    static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new Main()).execute(args);
        } finally {
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertThat(code).as("exit code of %s; printed:%n%s", String.join(" ", args), printed).isZero();
        return printed;
    }

    /**
     * Parses a whitespace-separated table: the first line after {@code title} is the header, then rows until an empty
     * line or the end.
     *
     * @return first column → (header → cell), rows in printed order
     */
    static Map<String, Map<String, String>> table(String printed, String title) {
        List<String> lines = printed.lines().toList();
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith(title)).reduce((a, b) -> b).orElseThrow(
                () -> new AssertionError("no table titled '" + title + "' in:\n" + printed)));
        String[] header = lines.get(at + 1).trim().split("\\s+");
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (int i = at + 2; i < lines.size() && !lines.get(i).isBlank(); i++) {
            List<String> cells = new ArrayList<>(List.of(lines.get(i).trim().split("\\s+")));
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 1; c < header.length && c < cells.size(); c++) {
                row.put(header[c], cells.get(c));
            }
            rows.put(cells.get(0), row);
        }
        return rows;
    }
}

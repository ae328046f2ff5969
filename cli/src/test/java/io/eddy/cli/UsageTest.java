package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Help on every command; bad usage gives exit code 64 and one line on stderr. */
class UsageTest {
    @TempDir
    Path data;

    /** @return the argument path of every command, e.g. [topics, create] */
    private static List<List<String>> allCommands() {
        CommandLine root = Main.commandLine(Console.of(new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), new ByteArrayOutputStream()));
        List<List<String>> out = new ArrayList<>();
        collect(root, new ArrayList<>(), out);
        return out;
    }

    private static void collect(CommandLine cmd, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        for (Map.Entry<String, CommandLine> sub : cmd.getSubcommands().entrySet()) {
            if (!sub.getKey().equals("help")) {
                List<String> p = new ArrayList<>(path);
                p.add(sub.getKey());
                collect(sub.getValue(), p, out);
            }
        }
    }

    @Test
    void everyCommandHasHelpAndEveryLeafTakesDataDir() {
        List<List<String>> commands = allCommands();
        assertThat(commands).contains(List.of("topics", "list"), List.of("topics", "describe"),
                List.of("topics", "create"), List.of("topics", "delete"), List.of("produce"), List.of("consume"),
                List.of("groups"), List.of("dump"), List.of("reset"));
        for (List<String> command : commands) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            Cli.Result r = Cli.runExactly(new ByteArrayInputStream(new byte[0]), args.toArray(new String[0]));
            assertThat(r.exitCode()).as(args.toString()).isZero();
            assertThat(r.stdout()).as(args.toString()).startsWith("Usage: " + String.join(" ",
                    prepend("eddy", command)));
            boolean leaf = !command.isEmpty() && !command.equals(List.of("topics"));
            if (leaf) {
                assertThat(r.stdout()).as(args.toString()).contains("--data-dir=DIR").contains("--verbose");
            }
        }
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "nope",
        "topics",
        "topics frobnicate",
        "topics create",
        "topics create x --partitions many",
        "topics create x --partitions 0",
        "topics describe a b",
        "produce",
        "produce --topic t --key-separator=",
        "consume --topic t --format xml",
        "consume --topic t --from-time yesterday",
        "consume --topic t --offset -1",
        "consume --topic t --from-beginning --offset 3",
        "consume --topic t --no-such-option",
        "groups extra",
        "dump",
        "reset --application-id a",
    })
    void badUsageExitsWith64AndOneLine(String commandLine) {
        List<String> args = new ArrayList<>(commandLine.isEmpty() ? List.of() : List.of(commandLine.split(" ")));
        args.add("--data-dir");
        args.add(data.toString());
        if (commandLine.isEmpty() || commandLine.equals("topics")) {
            args.subList(args.size() - 2, args.size()).clear(); // groups take no --data-dir
        }

        Cli.Result r = Cli.runExactly(new ByteArrayInputStream(new byte[0]), args.toArray(new String[0]));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr().lines()).as(r.toString()).singleElement().asString()
                .startsWith("eddy").contains(": ").endsWith(" --help')")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void versionIsPrinted() {
        Cli.Result r = Cli.runExactly(new ByteArrayInputStream(new byte[0]), "--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("eddy ");
    }
}

package io.eddy.cli;

import io.eddy.log.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Beside an app holding the log (another JVM): writing commands are refused, reading commands work. */
class RunningAppTest {
    @TempDir
    static Path data;

    private static ChildJvm app;

    @BeforeAll
    static void startApp() throws Exception {
        app = ChildJvm.start(data, RunningAppMain.class, data.resolve("log").toString());
        app.awaitLine("OPEN", Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopApp() throws InterruptedException {
        app.close();
    }

    private Cli cli() {
        return new Cli(data);
    }

    @Test
    void writingCommandsAreRefusedWithOneClearLine() {
        String inUse = "the log in " + data + " is in use by a running app; stop it first\n";
        List<List<String>> writers = List.of(
                List.of("produce", "--topic", "input"),
                List.of("topics", "create", "new", "--partitions", "1"),
                List.of("topics", "delete", "input"),
                List.of("reset", "--application-id", "app", "--to-earliest"));
        for (List<String> command : writers) {
            Cli.Result r = cli().runWithInput("x\n".getBytes(StandardCharsets.UTF_8), command.toArray(new String[0]));
            String name = "eddy " + (command.get(0).equals("topics") ? "topics " + command.get(1) : command.get(0));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.FAILED);
            assertThat(r.stderr()).isEqualTo(name + ": " + inUse);
        }
        assertThat(cli().run("consume", "--topic", "input", "--from-beginning").lines())
                .as("nothing was appended").containsExactly("first", "second");
        assertThat(cli().run("topics", "list").lines()).doesNotContain("new").contains("input");
    }

    @Test
    void readingCommandsWorkBesideTheApp() {
        Cli.Result consumed = cli().run("consume", "--topic", "input", "--from-beginning");
        assertThat(consumed.exitCode()).as(consumed.toString()).isZero();
        assertThat(consumed.lines()).containsExactly("first", "second");

        assertThat(cli().run("topics", "list").lines()).contains("input", "app-store-changelog");
        assertThat(cli().run("topics", "describe", "input").exitCode()).isZero();
        assertThat(cli().run("groups").lines()).anySatisfy(l -> assertThat(l.trim().split("\\s+"))
                .containsExactly("app", "input", "0", "1", "2", "1"));
        assertThat(cli().run("dump", "--topic", "input").exitCode()).isZero();
        Cli.Result dryRun = cli().run("reset", "--application-id", "app", "--to-earliest", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.stdout()).contains("delete topic app-store-changelog");
    }

    @Test
    void verboseShowsTheStackTraceInstead() {
        Cli.Result r = cli().run("topics", "delete", "input", "--verbose");

        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(r.stderr()).contains("CommandFailedException").contains("LogLockedException")
                .contains("\tat io.eddy.");
    }
}

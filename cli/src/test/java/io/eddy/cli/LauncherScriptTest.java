package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.LogStore;
import io.eddy.log.TopicConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real launcher, {@code bin/eddy}, as a process. The launcher normally runs {@code cli/target/eddy-cli.jar},
 * but this test runs in the test phase, before the package phase builds that jar, so it points the launcher at this
 * JVM's class path through {@code EDDY_CLI_CLASSPATH}: what it checks is the script itself (locating the repository,
 * passing arguments through, exit codes and streams of a real JVM exit).
 */
class LauncherScriptTest {
    private static final Path LAUNCHER = Path.of("").toAbsolutePath().getParent().resolve("bin").resolve("eddy");

    @TempDir
    Path data;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run eddy(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        Path out = data.resolve("launcher.out");
        Path err = data.resolve("launcher.err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("EDDY_CLI_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("bin/eddy finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void launcherRunsTheToolWithArgumentsAndExitCodesPassedThrough() throws Exception {
        assertThat(LAUNCHER).isExecutable();
        try (LogStore log = LogStore.open(data.resolve("log"))) {
            log.createTopic("launched", 1, TopicConfig.defaults());
        }

        Run help = eddy("--help");
        assertThat(help.exitCode()).as(help.stderr()).isZero();
        assertThat(help.stdout()).startsWith("Usage: eddy ").contains("topics", "consume", "reset");

        Run list = eddy("topics", "list", "--data-dir", data.toString());
        assertThat(list.exitCode()).as(list.stderr()).isZero();
        assertThat(list.stdout()).isEqualTo("__consumer_offsets\nlaunched\n");

        Run bad = eddy("topics", "list", "--no-such-option");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.stderr()).isEqualTo("eddy topics list: Unknown option: '--no-such-option'"
                + " (see 'eddy topics list --help')\n");
    }
}

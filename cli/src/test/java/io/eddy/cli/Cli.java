package io.eddy.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code eddy} commands in this JVM through {@link Main#run}, capturing stdout and stderr. */
final class Cli {
    private final Path dataDir;

    /** @param dataDir passed as {@code --data-dir} to every command */
    Cli(Path dataDir) {
        this.dataDir = dataDir;
    }

    /**
     * The outcome of one command.
     *
     * @param exitCode its exit code
     * @param stdoutBytes what it wrote to stdout
     * @param stderr what it wrote to stderr
     */
    record Result(int exitCode, byte[] stdoutBytes, String stderr) {
        String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }

        List<String> lines() {
            return stdout().lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout() + "--- stderr\n" + stderr;
        }
    }

    /** Runs a command with {@code --data-dir} appended and empty stdin. */
    Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    /** Runs a command with {@code --data-dir} appended, feeding {@code stdin}. */
    Result runWithInput(byte[] stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(dataDir.toString());
        return runExactly(new ByteArrayInputStream(stdin), all.toArray(new String[0]));
    }

    /** Runs exactly these arguments. */
    static Result runExactly(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(Console.of(stdin, out, err), args);
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}

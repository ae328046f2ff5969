package io.eddy.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command takes: where the data lives, and how much to say when something fails. */
final class CommonOptions {
    /** The runtime's default {@code data.dir}. */
    static final String DEFAULT_DATA_DIR = "eddy-data";

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = DEFAULT_DATA_DIR,
            description = "The app's data directory; the log is DIR/log, local state DIR/state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--verbose", description = "Print stack traces of failures and the log's own messages.")
    boolean verbose;

    /** @return the log directory inside the data directory, where the runtime keeps its log */
    Path logDir() {
        return dataDir.resolve("log");
    }
}

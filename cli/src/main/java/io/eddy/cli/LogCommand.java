package io.eddy.cli;

import io.eddy.log.LogLockedException;
import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command working on the log of a data directory: opens it read-only, or for writing when it must change it. */
abstract class LogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    final Console console() {
        return ((EddyCommand) spec.root().userObject()).console();
    }

    final PrintWriter out() {
        return console().text();
    }

    final PrintWriter err() {
        return console().err();
    }

    final boolean verbose() {
        return common != null && common.verbose;
    }

    /**
     * Opens the log read-only: changes no file, and works beside a running app.
     *
     * @throws CommandFailedException if the data directory holds no log
     */
    final LogStore openReadOnly() {
        requireLog();
        return LogStore.openReadOnly(common.logDir());
    }

    /**
     * Opens the log for writing, without background maintenance (retention and compaction stay the app's business).
     *
     * @param createIfMissing whether to create a log in a data directory that holds none
     * @throws CommandFailedException if an app (or another writer) holds the log, or there is no log to open
     */
    final LogStore openForWriting(boolean createIfMissing) {
        if (!createIfMissing) {
            requireLog();
        }
        try {
            return LogStore.open(common.logDir(), LogStoreOptions.defaults().withBackgroundMaintenance(false));
        } catch (LogLockedException e) {
            throw new CommandFailedException("the log in " + common.dataDir + " is in use by a running app; stop it"
                    + " first", e);
        }
    }

    private void requireLog() {
        Path dir = common.logDir();
        if (!Files.isDirectory(dir)) {
            throw new CommandFailedException("no Eddy log in " + common.dataDir + " (" + dir + " does not exist);"
                    + " pass --data-dir");
        }
    }
}

package io.eddy.log;

import java.nio.file.Path;

/**
 * Child-JVM main for {@link DirectoryLockTest}: tries to open the log in {@code args[0]} for writing and prints
 * {@code LOCKED <message>} or {@code OPENED}, then exits.
 */
public final class TryOpenWriterMain {
    private TryOpenWriterMain() {
    }

    public static void main(String[] args) {
        try (LogStore log = LogStore.open(Path.of(args[0]),
                LogStoreOptions.defaults().withBackgroundMaintenance(false))) {
            System.out.println("OPENED " + log.directory());
        } catch (LogLockedException e) {
            System.out.println("LOCKED " + e.getMessage());
        }
        System.out.flush();
    }
}

package io.eddy.log;

import java.nio.file.Path;
import java.util.List;

/**
 * Child-JVM main for {@link DirectoryLockTest}: opens the log in {@code args[0]} for writing, appends one record to
 * topic {@code held}, prints {@code OPEN}, and holds the log until killed.
 */
public final class LockHoldingWriterMain {
    private LockHoldingWriterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LogStore log = LogStore.open(Path.of(args[0]),
                LogStoreOptions.defaults().withBackgroundMaintenance(false));
        log.createTopicIfAbsent("held", 1, TopicConfig.defaults());
        log.append(new TopicPartition("held", 0), List.of(TestRecords.record("held", "k", "written-by-child")));
        System.out.println("OPEN");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

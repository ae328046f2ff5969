package io.eddy.log;

import static io.eddy.log.TestRecords.readAll;
import static io.eddy.log.TestRecords.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The single-writer lock of a log directory, within one JVM and across processes. */
class DirectoryLockTest {
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private static LogStoreOptions quiet() {
        return LogStoreOptions.defaults().withBackgroundMaintenance(false);
    }

    @Test
    void writerInAnotherProcessLocksTheDirectoryUntilItIsKilled() throws Exception {
        Path dir = tmp.resolve("log");
        try (ChildJvm child = ChildJvm.start(tmp, LockHoldingWriterMain.class, dir.toString())) {
            child.awaitLine("OPEN", CHILD_TIMEOUT);

            assertThatThrownBy(() -> LogStore.open(dir, quiet()))
                    .isInstanceOf(LogLockedException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString());

            child.kill(); // SIGKILL: no close, no unlock; the OS drops the lock with the process
        }
        try (LogStore log = LogStore.open(dir, quiet())) {
            assertThat(values(readAll(log, new TopicPartition("held", 0)))).containsExactly("written-by-child");
        }
    }

    @Test
    void secondOpenInTheSameProcessFailsClearlyAndTheFirstKeepsWorking() {
        Path dir = tmp.resolve("log");
        try (LogStore first = LogStore.open(dir, quiet())) {
            first.createTopic("t", 1, TopicConfig.defaults());

            assertThatThrownBy(() -> LogStore.open(dir, quiet()))
                    .isInstanceOf(LogLockedException.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString());

            first.append(new TopicPartition("t", 0), java.util.List.of(TestRecords.record("t", "k", "v")));
            assertThat(first.endOffset(new TopicPartition("t", 0))).isEqualTo(1);
        }
        try (LogStore reopened = LogStore.open(dir, quiet())) {
            assertThat(reopened.endOffset(new TopicPartition("t", 0))).isEqualTo(1);
        }
    }

    /** Guards a bug: the failed second open closed its channel on .lock, which drops the process's POSIX lock. */
    @Test
    void failedSecondOpenInTheSameProcessDoesNotReleaseTheLockForOtherProcesses() throws Exception {
        Path dir = tmp.resolve("log");
        try (LogStore first = LogStore.open(dir, quiet())) {
            assertThatThrownBy(() -> LogStore.open(dir, quiet())).isInstanceOf(LogLockedException.class);

            try (ChildJvm child = ChildJvm.start(tmp, TryOpenWriterMain.class, dir.toString())) {
                assertThat(child.awaitLine("", CHILD_TIMEOUT)).startsWith("LOCKED").contains(dir.toString());
                assertThat(child.awaitExit(CHILD_TIMEOUT)).isZero();
            }
            assertThat(first.listTopics()).contains(LogStore.CONSUMER_OFFSETS_TOPIC);
        }
    }

    @Test
    void closingTheWriterReleasesTheLockForAnotherProcess() throws Exception {
        Path dir = tmp.resolve("log");
        LogStore.open(dir, quiet()).close();
        try (ChildJvm child = ChildJvm.start(tmp, TryOpenWriterMain.class, dir.toString())) {
            assertThat(child.awaitLine("", CHILD_TIMEOUT)).startsWith("OPENED");
        }
    }

    @Test
    void readOnlyOpenSucceedsBesideTheWriterInTheSameProcess() {
        Path dir = tmp.resolve("log");
        try (LogStore writer = LogStore.open(dir, quiet());
             LogStore reader = LogStore.openReadOnly(dir, quiet())) {
            assertThat(reader.isReadOnly()).isTrue();
            assertThat(writer.isReadOnly()).isFalse();
        }
    }
}

package io.eddy.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.internal.DefaultLogStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed with SIGKILL in the middle of a transaction: on reopen, a transaction without a commit decision is
 * aborted everywhere, one with a decision is completed everywhere, and committed transactions are never half-visible.
 */
class TransactionCrashTest {
    private static final int ROUNDS = 3;

    @TempDir
    Path tmp;

    private static List<String> expectedCommitted(int partition, int rounds) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < 3; i++) {
                out.add(r + ":" + partition + ":" + i);
            }
        }
        return out;
    }

    private void killWriterAt(Path dir, String mode, String line) throws Exception {
        try (ChildJvm writer = ChildJvm.start(tmp, TransactionalWriterMain.class, dir.toString(), mode,
                Integer.toString(ROUNDS))) {
            writer.awaitLine(line, Duration.ofSeconds(30));
            writer.kill();
        }
    }

    @Test
    void aTransactionOpenWhenTheWriterIsKilledIsAbortedOnReopen() throws Exception {
        Path dir = tmp.resolve("log");
        killWriterAt(dir, "open", "OPEN");
        try (LogStore view = LogStore.openReadOnly(dir)) {
            TopicPartition x0 = new TopicPartition("x", 0);
            assertThat(view.lastStableOffset(x0)).as("read-only, before recovery: open transaction holds the LSO")
                    .isLessThan(view.endOffset(x0));
            assertThat(TransactionTest.readValues(view, x0, IsolationLevel.READ_COMMITTED))
                    .isEqualTo(expectedCommitted(0, ROUNDS));
        }
        try (LogStore log = LogStore.open(dir, LogStoreOptions.defaults().withBackgroundMaintenance(false))) {
            assertThat(((DefaultLogStore) log).recoveryReports()).anyMatch(r -> r.contains("aborted"));
            for (int p = 0; p < 3; p++) {
                TopicPartition tp = new TopicPartition("x", p);
                assertThat(TransactionTest.readValues(log, tp, IsolationLevel.READ_COMMITTED))
                        .isEqualTo(expectedCommitted(p, ROUNDS));
                assertThat(TransactionTest.readValues(log, tp, IsolationLevel.READ_UNCOMMITTED))
                        .endsWith("open:" + p);
                assertThat(log.lastStableOffset(tp)).isEqualTo(log.endOffset(tp));
            }
            assertThat(log.committedOffset("g", new TopicPartition("in", 0))).hasValue(OffsetAndMetadata.of(ROUNDS));
        }
    }

    @Test
    void aTransactionDecidedWhenTheWriterIsKilledBetweenMarkersIsCompletedOnReopen() throws Exception {
        Path dir = tmp.resolve("log");
        killWriterAt(dir, "between-markers", "MARKER");
        try (LogStore log = LogStore.open(dir, LogStoreOptions.defaults().withBackgroundMaintenance(false))) {
            assertThat(((DefaultLogStore) log).recoveryReports()).anyMatch(r -> r.contains("committed"));
            for (int p = 0; p < 3; p++) {
                TopicPartition tp = new TopicPartition("x", p);
                List<String> expected = expectedCommitted(p, ROUNDS);
                expected.add("decided:" + p);
                assertThat(TransactionTest.readValues(log, tp, IsolationLevel.READ_COMMITTED)).isEqualTo(expected);
                assertThat(log.lastStableOffset(tp)).isEqualTo(log.endOffset(tp));
            }
            assertThat(log.committedOffset("g", new TopicPartition("in", 0)))
                    .hasValue(OffsetAndMetadata.of(ROUNDS + 1));
            try (TransactionalProducer again = log.transactionalProducer("writer")) {
                again.beginTransaction();
                again.send(new ProducerRecord("x", 0, null, TestRecords.bytes("after"), -1, null));
                again.commitTransaction();
            }
        }
        try (LogStore log = LogStore.open(dir, LogStoreOptions.defaults().withBackgroundMaintenance(false))) {
            assertThat(((DefaultLogStore) log).recoveryReports()).as("nothing left to recover").isEmpty();
            assertThat(TransactionTest.readValues(log, new TopicPartition("x", 0), IsolationLevel.READ_COMMITTED))
                    .endsWith("decided:0", "after");
        }
    }
}

package io.eddy.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.IsolationLevel;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.log.TransactionalProducer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulated crashes at every step of a commit: the files are copied while the log is open (as a kill -9 leaves them)
 * before the decision, at the decision, after each marker and after the commit returned. Each copy, reopened, shows
 * the transaction in every partition and its offsets, or nowhere — never half of it.
 */
class TransactionRecoveryTest {
    private static final TopicPartition IN = new TopicPartition("in", 0);
    private static final int PARTITIONS = 4;

    @TempDir
    Path tmp;

    private static LogStoreOptions options() {
        return LogStoreOptions.defaults().withBackgroundMaintenance(false);
    }

    private static ProducerRecord to(int partition, String value) {
        return new ProducerRecord("x", partition, null, value.getBytes(StandardCharsets.UTF_8), -1, null);
    }

    private static List<String> committedValues(LogStore log, TopicPartition tp) {
        List<String> out = new ArrayList<>();
        long offset = log.startOffset(tp);
        while (true) {
            List<LogRecord> got = log.read(tp, offset, 1000, IsolationLevel.READ_COMMITTED);
            if (got.isEmpty()) {
                return out;
            }
            got.forEach(r -> out.add(new String(r.value(), StandardCharsets.UTF_8)));
            offset = got.get(got.size() - 1).offset() + 1;
        }
    }

    @Test
    void aCrashAtAnyStepOfACommitLeavesTheTransactionWhollyCommittedOrWhollyAborted() {
        Path live = tmp.resolve("live");
        List<Path> beforeDecision = new ArrayList<>();
        List<Path> afterDecision = new ArrayList<>();
        try (DefaultLogStore log = (DefaultLogStore) LogStore.open(live, options())) {
            log.createTopic("x", PARTITIONS, TopicConfig.defaults());
            log.createTopic("in", 1, TopicConfig.defaults());
            try (TransactionalProducer tx = log.transactionalProducer("t")) {
                tx.beginTransaction();
                tx.send(to(0, "first"));
                tx.commitTransaction();

                tx.beginTransaction();
                for (int p = 0; p < PARTITIONS; p++) {
                    tx.send(to(p, "second-" + p));
                }
                tx.sendOffsetsToTransaction(Map.of(IN, OffsetAndMetadata.of(42)), "g");
                tx.flush();
                beforeDecision.add(copy(live, "flushed"));
                int[] step = {0};
                log.transactionCoordinator().setStepListener((s, tp) ->
                        afterDecision.add(copy(live, s + "-" + step[0]++)));
                tx.commitTransaction();
                log.transactionCoordinator().setStepListener((s, tp) -> { });
                afterDecision.add(copy(live, "returned"));
                log.append(new TopicPartition("x", 0), List.of(new ProducerRecord("x", 0, null,
                        "plain".getBytes(StandardCharsets.UTF_8), -1, null)));
            }
        }
        assertThat(afterDecision).as("DECIDED, %d markers, returned", PARTITIONS + 1).hasSize(PARTITIONS + 3);
        for (Path copy : beforeDecision) {
            try (DefaultLogStore log = (DefaultLogStore) LogStore.open(copy, options())) {
                assertThat(log.recoveryReports()).as(copy.toString()).anyMatch(r -> r.contains("aborted"));
                for (int p = 0; p < PARTITIONS; p++) {
                    TopicPartition tp = new TopicPartition("x", p);
                    assertThat(committedValues(log, tp)).as(copy + " " + tp)
                            .isEqualTo(p == 0 ? List.of("first") : List.of());
                    assertThat(log.lastStableOffset(tp)).isEqualTo(log.endOffset(tp));
                }
                assertThat(log.committedOffset("g", IN)).as(copy.toString()).isEqualTo(Optional.empty());
            }
        }
        for (Path copy : afterDecision) {
            try (DefaultLogStore log = (DefaultLogStore) LogStore.open(copy, options())) {
                for (int p = 0; p < PARTITIONS; p++) {
                    TopicPartition tp = new TopicPartition("x", p);
                    assertThat(committedValues(log, tp)).as(copy + " " + tp)
                            .isEqualTo(p == 0 ? List.of("first", "second-0") : List.of("second-" + p));
                    assertThat(log.lastStableOffset(tp)).isEqualTo(log.endOffset(tp));
                }
                assertThat(log.committedOffset("g", IN)).as(copy.toString()).hasValue(OffsetAndMetadata.of(42));
            }
            try (DefaultLogStore log = (DefaultLogStore) LogStore.open(copy, options())) {
                assertThat(log.recoveryReports()).as("recovery is done once: " + copy).isEmpty();
            }
        }
    }

    private Path copy(Path live, String name) {
        Path to = tmp.resolve(name);
        SegmentFiles.copyTree(live, to);
        return to;
    }
}

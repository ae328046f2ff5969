package io.eddy.log;

import static io.eddy.log.TestRecords.record;
import static io.eddy.log.TestRecords.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions through the public API: atomic multi-partition commit and abort with offsets, read-committed order and
 * the last stable offset with interleaved writers, fencing, reopen and read-only views.
 */
class TransactionTest {
    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final TopicPartition B0 = new TopicPartition("b", 0);
    private static final TopicPartition IN = new TopicPartition("in", 0);

    @TempDir
    Path dir;

    private LogStore open() {
        LogStore log = LogStore.open(dir, LogStoreOptions.defaults().withBackgroundMaintenance(false));
        log.createTopicIfAbsent("a", 2, TopicConfig.defaults());
        log.createTopicIfAbsent("b", 1, TopicConfig.defaults());
        log.createTopicIfAbsent("in", 1, TopicConfig.defaults());
        return log;
    }

    private static ProducerRecord to(TopicPartition tp, String value) {
        return new ProducerRecord(tp.topic(), tp.partition(), null, TestRecords.bytes(value), -1, null);
    }

    /** Every record from the start up to where {@code isolation} lets a reader go. */
    static List<String> readValues(LogStore log, TopicPartition tp, IsolationLevel isolation) {
        List<String> out = new ArrayList<>();
        long offset = log.startOffset(tp);
        while (true) {
            List<LogRecord> got = log.read(tp, offset, 1000, isolation);
            if (got.isEmpty()) {
                return out;
            }
            out.addAll(values(got));
            offset = got.get(got.size() - 1).offset() + 1;
        }
    }

    private static List<String> committed(LogStore log, TopicPartition tp) {
        return readValues(log, tp, IsolationLevel.READ_COMMITTED);
    }

    private static List<String> uncommitted(LogStore log, TopicPartition tp) {
        return readValues(log, tp, IsolationLevel.READ_UNCOMMITTED);
    }

    @Test
    void aCommittedTransactionBecomesVisibleInEveryPartitionTogether() {
        try (LogStore log = open(); TransactionalProducer tx = log.transactionalProducer("app-0")) {
            log.append(A0, List.of(record("a", null, "plain-before")));
            tx.beginTransaction();
            tx.send(to(A0, "t1"));
            tx.send(to(A1, "t2"));
            CompletableFuture<RecordMetadata> last = tx.send(to(B0, "t3"));
            tx.send(to(A0, "t4"));
            tx.flush();
            log.append(A0, List.of(record("a", null, "plain-during")));
            assertThat(committed(log, A0)).as("before commit").containsExactly("plain-before");
            assertThat(committed(log, B0)).isEmpty();
            assertThat(uncommitted(log, A0)).containsExactly("plain-before", "t1", "t4", "plain-during");
            assertThat(log.lastStableOffset(A0)).isEqualTo(1);
            assertThat(log.lastStableOffset(B0)).isZero();

            tx.commitTransaction();

            assertThat(last).isCompleted();
            assertThat(last.join().offset()).isZero();
            assertThat(committed(log, A0)).containsExactly("plain-before", "t1", "t4", "plain-during");
            assertThat(committed(log, A1)).containsExactly("t2");
            assertThat(committed(log, B0)).containsExactly("t3");
            assertThat(log.lastStableOffset(A0)).isEqualTo(log.endOffset(A0)).as("the marker counts").isEqualTo(5);
        }
        try (LogStore log = open()) {
            assertThat(committed(log, A0)).containsExactly("plain-before", "t1", "t4", "plain-during");
            assertThat(committed(log, B0)).containsExactly("t3");
        }
    }

    @Test
    void anAbortedTransactionIsNeverVisibleAtReadCommittedButIsAtReadUncommitted() {
        try (LogStore log = open(); TransactionalProducer tx = log.transactionalProducer("app-0")) {
            tx.beginTransaction();
            tx.send(to(A0, "x1"));
            tx.send(to(B0, "x2"));
            tx.sendOffsetsToTransaction(Map.of(IN, OffsetAndMetadata.of(7)), "g");
            tx.flush();
            log.append(A0, List.of(record("a", null, "plain")));
            tx.abortTransaction();
            log.append(A0, List.of(record("a", null, "plain-after")));

            assertThat(committed(log, A0)).containsExactly("plain", "plain-after");
            assertThat(committed(log, B0)).isEmpty();
            assertThat(uncommitted(log, A0)).containsExactly("x1", "plain", "plain-after");
            assertThat(uncommitted(log, B0)).containsExactly("x2");
            assertThat(log.committedOffset("g", IN)).isEmpty();
            assertThat(log.lastStableOffset(B0)).isEqualTo(log.endOffset(B0));

            tx.beginTransaction(); // the producer is usable again
            tx.send(to(B0, "y"));
            tx.commitTransaction();
            assertThat(committed(log, B0)).containsExactly("y");
        }
        try (LogStore log = open()) {
            assertThat(committed(log, A0)).containsExactly("plain", "plain-after");
            assertThat(committed(log, B0)).containsExactly("y");
            assertThat(log.committedOffset("g", IN)).isEmpty();
        }
    }

    @Test
    void offsetsSentToATransactionAreCommittedOnlyWithIt() {
        try (LogStore log = open(); TransactionalProducer tx = log.transactionalProducer("app-0")) {
            log.commitOffsets("g", Map.of(IN, OffsetAndMetadata.of(3)));
            tx.beginTransaction();
            tx.send(to(A0, "out"));
            tx.sendOffsetsToTransaction(Map.of(IN, new OffsetAndMetadata(10, "m")), "g");
            assertThat(log.committedOffset("g", IN)).as("before commit").hasValue(OffsetAndMetadata.of(3));
            tx.commitTransaction();
            assertThat(log.committedOffset("g", IN)).hasValue(new OffsetAndMetadata(10, "m"));
            log.commitOffsets("g", Map.of(IN, OffsetAndMetadata.of(12)));
            assertThat(log.committedOffset("g", IN)).hasValue(OffsetAndMetadata.of(12));
        }
        try (LogStore log = open()) {
            assertThat(log.committedOffset("g", IN)).hasValue(OffsetAndMetadata.of(12));
            try (LogConsumer c = log.consumer(ConsumerConfig.of("g"))) {
                c.assign(List.of(IN));
                assertThat(c.position(IN)).isEqualTo(12);
            }
        }
    }

    @Test
    void readCommittedKeepsOffsetOrderAndStopsAtTheEarliestOpenTransaction() {
        try (LogStore log = open();
             TransactionalProducer t1 = log.transactionalProducer("t1");
             TransactionalProducer t2 = log.transactionalProducer("t2");
             LogConsumer consumer = log.consumer(ConsumerConfig.of(null)
                     .withIsolationLevel(IsolationLevel.READ_COMMITTED))) {
            consumer.assign(List.of(A0));
            log.append(A0, List.of(record("a", null, "p0")));
            t1.beginTransaction();
            t2.beginTransaction();
            t1.send(to(A0, "t1-a"));
            t1.commitTransaction(); // batches are appended at commit: put t2's first batch after t1's
            t1.beginTransaction();
            t2.send(to(A0, "t2-a"));
            t2.commitTransaction();
            t2.beginTransaction();
            t2.send(to(A0, "t2-b"));
            t2.commitTransaction();
            t1.send(to(A0, "t1-b"));
            t1.send(to(A1, "t1-other"));
            t1.flush(); // t1 is now open in a-0 from here: readers stop in front of t1-b
            t2.beginTransaction();
            t2.send(to(A0, "t2-c"));
            log.append(A0, List.of(record("a", null, "p1")));

            assertThat(values(pollUntil(consumer, 4))).containsExactly("p0", "t1-a", "t2-a", "t2-b");
            assertThat(consumer.poll(Duration.ofMillis(50))).as("p1 is after t1-b, which is open").isEmpty();

            t2.commitTransaction(); // t2-c lands after p1, still behind t1-b
            assertThat(consumer.poll(Duration.ofMillis(50))).isEmpty();
            t1.abortTransaction();
            assertThat(values(pollUntil(consumer, 2))).containsExactly("p1", "t2-c");
            assertThat(committed(log, A0)).containsExactly("p0", "t1-a", "t2-a", "t2-b", "p1", "t2-c");
            assertThat(uncommitted(log, A0)).containsExactly("p0", "t1-a", "t2-a", "t2-b", "t1-b", "p1", "t2-c");
            assertThat(committed(log, A1)).isEmpty();
        }
    }

    @Test
    void theLastStableOffsetHoldsReadersInFrontOfAnOpenTransactionUntilItIsDecided() {
        try (LogStore log = open();
             TransactionalProducer slow = log.transactionalProducer("slow", new ProducerConfig(1024, Duration.ZERO));
             TransactionalProducer fast = log.transactionalProducer("fast");
             LogConsumer consumer = log.consumer(ConsumerConfig.of(null)
                     .withIsolationLevel(IsolationLevel.READ_COMMITTED))) {
            consumer.assign(List.of(A0));
            log.append(A0, List.of(record("a", null, "p0")));
            slow.beginTransaction();
            for (int i = 0; i < 20; i++) {
                slow.send(to(A0, "slow-" + i + "-" + "x".repeat(100))); // 1 KiB batches: appended while open
            }
            slow.flush();
            long slowFirst = 1;
            assertThat(log.lastStableOffset(A0)).isEqualTo(slowFirst);
            fast.beginTransaction();
            fast.send(to(A0, "fast"));
            fast.commitTransaction();
            log.append(A0, List.of(record("a", null, "p1")));
            assertThat(log.lastStableOffset(A0)).as("a later commit does not move it").isEqualTo(slowFirst);
            assertThat(values(pollUntil(consumer, 1))).containsExactly("p0");
            assertThat(consumer.poll(Duration.ofMillis(50))).as("blocked behind 'slow'").isEmpty();
            assertThat(consumer.position(A0)).isEqualTo(slowFirst);
            assertThat(consumer.endOffsets(List.of(A0))).containsEntry(A0, slowFirst);

            slow.commitTransaction();
            List<String> rest = values(pollUntil(consumer, 22));
            assertThat(rest).hasSize(22);
            assertThat(rest.get(0)).startsWith("slow-0-");
            assertThat(rest.subList(rest.size() - 3, rest.size()).get(0)).startsWith("slow-19-");
            assertThat(rest.subList(rest.size() - 2, rest.size())).containsExactly("fast", "p1");
        }
    }

    @Test
    void aNewProducerWithTheSameIdFencesTheOldOneAndAbortsItsTransaction() {
        try (LogStore log = open()) {
            TransactionalProducer zombie = log.transactionalProducer("task-1", new ProducerConfig(1024, Duration.ZERO));
            zombie.beginTransaction();
            zombie.send(to(A0, "zombie-" + "z".repeat(1100))); // a full batch: appended now
            assertThat(log.lastStableOffset(A0)).isZero();

            TransactionalProducer fresh = log.transactionalProducer("task-1");
            assertThat(fresh.epoch()).isEqualTo((short) (zombie.epoch() + 1));
            assertThat(log.lastStableOffset(A0)).as("the zombie's transaction was aborted")
                    .isEqualTo(log.endOffset(A0));
            assertThatThrownBy(() -> zombie.send(to(A0, "late")))
                    .isInstanceOf(ProducerFencedException.class)
                    .hasMessageContaining("'task-1'")
                    .hasMessageContaining("epoch " + zombie.epoch())
                    .hasMessageContaining("epoch " + fresh.epoch());
            assertThatThrownBy(zombie::commitTransaction).isInstanceOf(ProducerFencedException.class);
            zombie.close();

            fresh.beginTransaction();
            fresh.send(to(A0, "fresh"));
            fresh.commitTransaction();
            assertThat(committed(log, A0)).containsExactly("fresh");
            fresh.close();
        }
        try (LogStore log = open(); TransactionalProducer again = log.transactionalProducer("task-1")) {
            assertThat(again.epoch()).as("the epoch is persisted").isEqualTo((short) 2);
        }
    }

    @Test
    void sendAllAddsRecordsInOrderAcrossBatchesAndCommitsOrAbortsThemWithTheRest() {
        try (LogStore log = open();
             TransactionalProducer tx = log.transactionalProducer("bulk", new ProducerConfig(1024, Duration.ZERO))) {
            tx.beginTransaction();
            tx.send(to(A0, "single-1"));
            List<ProducerRecord> bulk = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                bulk.add(to(A0, "bulk-" + i + "-" + "x".repeat(60))); // spans several 1 KiB batches
            }
            tx.sendAll(A0, bulk);
            CompletableFuture<RecordMetadata> last = tx.send(to(A0, "single-2"));
            tx.sendAll(B0, List.of(to(B0, "b")));
            tx.commitTransaction();
            List<String> expected = new ArrayList<>(List.of("single-1"));
            bulk.forEach(r -> expected.add(new String(r.value(), java.nio.charset.StandardCharsets.UTF_8)));
            expected.add("single-2");
            assertThat(committed(log, A0)).containsExactlyElementsOf(expected);
            assertThat(committed(log, B0)).containsExactly("b");
            assertThat(last.join().offset()).as("send's future counts the bulk records before it").isEqualTo(51);

            tx.beginTransaction();
            tx.sendAll(A1, List.of(to(A1, "aborted-1"), to(A1, "aborted-2")));
            tx.abortTransaction();
            assertThat(committed(log, A1)).isEmpty();
        }
    }

    @Test
    void sendAllRejectsTheWholeListWhenOneRecordIsTooLargeOrNoTransactionIsOpen() {
        try (LogStore log = LogStore.open(dir, LogStoreOptions.defaults().withBackgroundMaintenance(false))) {
            log.createTopic("small", 1, TopicConfig.builder().maxMessageBytes(200).build());
            TopicPartition small = new TopicPartition("small", 0);
            try (TransactionalProducer tx = log.transactionalProducer("bulk")) {
                assertThatThrownBy(() -> tx.sendAll(small, List.of(to(small, "v"))))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no transaction is open");
                tx.beginTransaction();
                assertThatThrownBy(() -> tx.sendAll(small, List.of(to(small, "fits"), to(small, "y".repeat(500)))))
                        .isInstanceOf(RecordTooLargeException.class).hasMessageContaining("small-0");
                tx.sendAll(small, List.of(to(small, "ok")));
                tx.commitTransaction();
            }
            assertThat(committed(log, small)).containsExactly("ok");
        }
    }

    @Test
    void misuseFailsWithAClearMessage() {
        try (LogStore log = open(); TransactionalProducer tx = log.transactionalProducer("m")) {
            assertThatThrownBy(() -> tx.send(to(A0, "v"))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no transaction is open");
            assertThatThrownBy(tx::commitTransaction).isInstanceOf(IllegalStateException.class);
            tx.beginTransaction();
            assertThatThrownBy(tx::beginTransaction).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open");
            assertThatThrownBy(() -> log.transactionalProducer("")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void closingTheLogAbortsOpenTransactions() {
        try (LogStore log = open()) {
            TransactionalProducer tx = log.transactionalProducer("c", new ProducerConfig(1024, Duration.ZERO));
            tx.beginTransaction();
            tx.send(to(A0, "open-" + "o".repeat(1100)));
            log.append(A0, List.of(record("a", null, "plain")));
        }
        try (LogStore log = open()) {
            assertThat(committed(log, A0)).containsExactly("plain");
            assertThat(log.lastStableOffset(A0)).isEqualTo(log.endOffset(A0));
        }
    }

    @Test
    void aReadOnlyViewHonoursReadCommittedFromTheMarkersOnDisk() {
        try (LogStore log = open();
             TransactionalProducer tx = log.transactionalProducer("ro", new ProducerConfig(1024, Duration.ZERO))) {
            log.append(A0, List.of(record("a", null, "p0")));
            tx.beginTransaction();
            tx.send(to(A0, "aborted-" + "a".repeat(1100)));
            tx.abortTransaction();
            tx.beginTransaction();
            tx.send(to(A0, "c-" + "c".repeat(1100)));
            try (LogStore view = LogStore.openReadOnly(dir)) {
                assertThat(view.lastStableOffset(A0)).isEqualTo(log.lastStableOffset(A0)).isEqualTo(3);
                assertThat(committed(view, A0)).containsExactly("p0");
                tx.send(to(B0, "b"));
                tx.commitTransaction();
                List<String> seen = committed(view, A0);
                assertThat(seen).hasSize(2);
                assertThat(seen.get(1)).startsWith("c-");
                assertThat(committed(view, B0)).containsExactly("b");
                assertThat(view.lastStableOffset(A0)).isEqualTo(view.endOffset(A0));
                try (LogConsumer c = view.consumer(ConsumerConfig.of(null)
                        .withIsolationLevel(IsolationLevel.READ_COMMITTED))) {
                    c.assign(List.of(A0));
                    assertThat(values(pollUntil(c, 2)).get(0)).isEqualTo("p0");
                }
            }
        }
    }

    static List<LogRecord> pollUntil(LogConsumer consumer, int expected) {
        List<LogRecord> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (out.size() < expected && System.nanoTime() < deadline) {
            out.addAll(consumer.poll(Duration.ofMillis(100)));
        }
        assertThat(out).as("polled records").hasSize(expected);
        return out;
    }
}

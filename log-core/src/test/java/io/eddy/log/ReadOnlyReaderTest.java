package io.eddy.log;

import static io.eddy.log.TestRecords.readAll;
import static io.eddy.log.TestRecords.record;
import static io.eddy.log.TestRecords.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read-only open beside a writer in another process: sees its growth, whole batches only, and changes nothing. */
class ReadOnlyReaderTest {
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);
    private static final int ROUNDS = 50;
    private static final int BATCH = 10;

    @TempDir
    Path tmp;

    @Test
    void readOnlyConsumerFollowsAWriterInAnotherProcessSeeingOnlyWholeBatchesInOrder() throws Exception {
        Path dir = tmp.resolve("log");
        try (ChildJvm writer = ChildJvm.start(tmp, SteadyAppenderMain.class, dir.toString(),
                Integer.toString(ROUNDS), Integer.toString(BATCH), "30")) {
            writer.awaitLine("READY", CHILD_TIMEOUT);
            try (LogStore reader = LogStore.openReadOnly(dir);
                 LogConsumer consumer = reader.consumer(ConsumerConfig.of(null))) {
                consumer.subscribe(List.of("feed"));
                Map<Integer, Integer> received = new HashMap<>();
                int nonEmptyPolls = 0;
                long deadline = System.nanoTime() + CHILD_TIMEOUT.toNanos();
                while (total(received) < 2 * ROUNDS * BATCH && System.nanoTime() < deadline) {
                    List<LogRecord> got = consumer.poll(Duration.ofSeconds(1));
                    if (!got.isEmpty()) {
                        nonEmptyPolls++;
                    }
                    for (LogRecord r : got) {
                        int seen = received.merge(r.partition(), 1, Integer::sum) - 1;
                        assertThat(r.offset()).as("offset of record #%d of partition %d", seen, r.partition())
                                .isEqualTo(seen);
                        assertThat(string(r.value())).startsWith((seen / BATCH) + ":" + (seen % BATCH) + ":");
                    }
                    for (int p = 0; p < 2; p++) {
                        TopicPartition tp = new TopicPartition("feed", p);
                        assertThat(received.getOrDefault(p, 0) % BATCH).as("records of %s: whole batches only", tp)
                                .isZero();
                        assertThat(reader.endOffset(tp) % BATCH).as("end offset of %s", tp).isZero();
                    }
                }
                assertThat(received).containsEntry(0, ROUNDS * BATCH).containsEntry(1, ROUNDS * BATCH);
                assertThat(nonEmptyPolls).as("polls that returned records while the writer wrote").isGreaterThan(1);

                writer.awaitLine("DONE", CHILD_TIMEOUT);
                assertThat(writer.awaitExit(CHILD_TIMEOUT)).isZero();

                // nothing new: the poll waits out its timeout sleeping, not spinning
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long cpuBefore = threads.getCurrentThreadCpuTime();
                assertThat(consumer.poll(Duration.ofMillis(600))).isEmpty();
                long cpuNanos = threads.getCurrentThreadCpuTime() - cpuBefore;
                assertThat(Duration.ofNanos(cpuNanos)).isLessThan(Duration.ofMillis(300));
            }
        }
    }

    private static int total(Map<Integer, Integer> received) {
        return received.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void readOnlyOpenBesideALiveWriterProcessRefusesEveryWrite() throws Exception {
        Path dir = tmp.resolve("log");
        try (ChildJvm writer = ChildJvm.start(tmp, LockHoldingWriterMain.class, dir.toString())) {
            writer.awaitLine("OPEN", CHILD_TIMEOUT);
            try (LogStore reader = LogStore.openReadOnly(dir)) {
                TopicPartition tp = new TopicPartition("held", 0);
                assertThat(TestRecords.values(readAll(reader, tp))).containsExactly("written-by-child");
                assertReadOnly(reader, tp);
            }
        }
    }

    private static void assertReadOnly(LogStore reader, TopicPartition tp) {
        assertThat(reader.isReadOnly()).isTrue();
        String dir = reader.directory().toString();
        assertThatThrownBy(() -> reader.createTopic("new", 1, TopicConfig.defaults()))
                .isInstanceOf(ReadOnlyLogException.class).hasMessageContaining(dir);
        assertThatThrownBy(() -> reader.createTopicIfAbsent("new", 1, TopicConfig.defaults()))
                .isInstanceOf(ReadOnlyLogException.class);
        assertThatThrownBy(() -> reader.append(tp, List.of(record(tp.topic(), "k", "v"))))
                .isInstanceOf(ReadOnlyLogException.class);
        assertThatThrownBy(() -> reader.deleteTopic(tp.topic())).isInstanceOf(ReadOnlyLogException.class);
        assertThatThrownBy(() -> reader.commitOffsets("g", Map.of(tp, OffsetAndMetadata.of(0))))
                .isInstanceOf(ReadOnlyLogException.class);
        assertThatThrownBy(() -> reader.deleteGroupOffsets("g")).isInstanceOf(ReadOnlyLogException.class);
        assertThatThrownBy(reader::producer).isInstanceOf(ReadOnlyLogException.class);
        assertThatThrownBy(reader::runMaintenance).isInstanceOf(ReadOnlyLogException.class);
        try (LogConsumer consumer = reader.consumer(ConsumerConfig.of("g"))) {
            consumer.assign(List.of(tp));
            assertThatThrownBy(consumer::commitSync).isInstanceOf(ReadOnlyLogException.class);
        }
        assertThat(reader.endOffset(tp)).isEqualTo(reader.endOffset(tp));
    }

    @Test
    void readOnlyOpenCreatesModifiesAndRepairsNothing() throws IOException {
        Path dir = tmp.resolve("log");
        TopicPartition tp0 = new TopicPartition("t", 0);
        TopicPartition tp1 = new TopicPartition("t", 1);
        try (LogStore writer = LogStore.open(dir, LogStoreOptions.defaults().withBackgroundMaintenance(false))) {
            writer.createTopic("t", 2, TopicConfig.builder().segmentBytes(1024).build());
            for (int i = 0; i < 40; i++) {
                writer.append(new TopicPartition("t", i % 2), List.of(record("t", "k" + i, "v" + i, 1000 + i)));
            }
            writer.commitOffsets("g", Map.of(tp0, OffsetAndMetadata.of(5)));
        }
        // tempt the reader: no lock file, a missing index, and a torn batch at the end of partition 1
        Files.delete(dir.resolve(".lock"));
        List<Long> bases = LogFiles.segmentBases(dir, tp0);
        Files.delete(LogFiles.segmentFile(dir, tp0, bases.get(0), ".index"));
        List<Long> bases1 = LogFiles.segmentBases(dir, tp1);
        Files.write(LogFiles.segmentFile(dir, tp1, bases1.get(bases1.size() - 1), ".log"),
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 1, 2, 3}, StandardOpenOption.APPEND);
        Map<String, String> before = LogFiles.snapshot(dir);

        try (LogStore reader = LogStore.openReadOnly(dir)) {
            assertThat(readAll(reader, tp0)).hasSize(20);
            assertThat(readAll(reader, tp1)).hasSize(20);
            assertThat(reader.endOffset(tp1)).isEqualTo(20);
            assertThat(reader.offsetForTimestamp(tp0, 1010)).hasValue(5);
            assertThat(reader.listTopics()).contains("t", LogStore.CONSUMER_OFFSETS_TOPIC);
            assertThat(reader.describeTopic("t").partitionCount()).isEqualTo(2);
            assertThat(reader.committedOffset("g", tp0)).contains(OffsetAndMetadata.of(5));
            assertThat(reader.listGroups()).containsExactly("g");
            try (LogConsumer consumer = reader.consumer(ConsumerConfig.of("g"))) {
                consumer.subscribe(List.of("t"));
                List<LogRecord> polled = new ArrayList<>();
                while (polled.size() < 35) {
                    List<LogRecord> got = consumer.poll(Duration.ofSeconds(2));
                    assertThat(got).isNotEmpty();
                    polled.addAll(got);
                }
            }
            assertReadOnly(reader, tp0);
            reader.flush();
        }

        assertThat(LogFiles.snapshot(dir)).isEqualTo(before);
        assertThat(dir.resolve(".lock")).doesNotExist();
    }

    @Test
    void readOnlyOpenOfADirectoryWithoutALogFailsAndCreatesNothing() {
        Path missing = tmp.resolve("nothing-here");
        assertThatThrownBy(() -> LogStore.openReadOnly(missing))
                .isInstanceOf(LogException.class)
                .hasMessageContaining(missing.toString());
        assertThat(missing).doesNotExist();
    }

    @Test
    void readOnlyViewPicksUpTopicsAndCommitsTheWriterMakesAfterItOpened() {
        Path dir = tmp.resolve("log");
        try (LogStore writer = LogStore.open(dir, LogStoreOptions.defaults().withBackgroundMaintenance(false));
             LogStore reader = LogStore.openReadOnly(dir)) {
            assertThat(reader.topicExists("later")).isFalse();
            writer.createTopic("later", 1, TopicConfig.defaults());
            TopicPartition tp = new TopicPartition("later", 0);
            writer.append(tp, List.of(record("later", null, "a"), record("later", null, "b")));
            writer.commitOffsets("g", Map.of(tp, OffsetAndMetadata.of(1)));

            assertThat(reader.topicExists("later")).isTrue();
            assertThat(TestRecords.values(readAll(reader, tp))).containsExactly("a", "b");
            assertThat(reader.committedOffset("g", tp)).contains(OffsetAndMetadata.of(1));

            writer.deleteTopic("later");
            assertThat(reader.listTopics()).doesNotContain("later");
        }
    }
    /**
     * Guards a bug: after the writer merged compacted segments into the first one's file, the reader kept that
     * segment's old file, dropped the others, and lost the records they held.
     */
    @Test
    void readOnlyViewKeepsEveryRecordTheWriterKeepsWhileCompactionRewritesAndMergesSegments() {
        Path dir = tmp.resolve("log");
        TopicPartition tp = new TopicPartition("c", 0);
        try (LogStore writer = LogStore.open(dir, LogStoreOptions.defaults().withBackgroundMaintenance(false));
             LogStore reader = LogStore.openReadOnly(dir)) {
            writer.createTopic("c", 1, TopicConfig.builder().cleanupPolicy(CleanupPolicy.COMPACT)
                    .segmentBytes(1024).build());
            for (int i = 0; i < 200; i++) {
                writer.append(tp, List.of(record("c", "key-" + (i % 20), "value-" + i + "-" + "z".repeat(30))));
            }
            assertThat(readAll(reader, tp)).hasSize(200); // the reader now holds every segment open
            int segmentsBefore = LogFiles.segmentBases(dir, tp).size();

            ((io.eddy.log.internal.DefaultLogStore) writer).compactNow(); // removes superseded records
            assertReaderHoldsEveryRecordOf(writer, reader, tp);
            ((io.eddy.log.internal.DefaultLogStore) writer).compactNow(); // merges the now small segments
            assertThat(LogFiles.segmentBases(dir, tp).size()).as("compaction merged segments")
                    .isLessThan(segmentsBefore);
            assertReaderHoldsEveryRecordOf(writer, reader, tp);

            writer.append(tp, List.of(record("c", "key-1", "after")));
            assertReaderHoldsEveryRecordOf(writer, reader, tp);
        }
    }

    /** A reader may still see records compaction removed (it reads what it has open), never miss one kept. */
    private static void assertReaderHoldsEveryRecordOf(LogStore writer, LogStore reader, TopicPartition tp) {
        Map<Long, String> seen = new HashMap<>();
        readAll(reader, tp).forEach(r -> seen.put(r.offset(), string(r.value())));
        for (LogRecord r : readAll(writer, tp)) {
            assertThat(seen).as("reader's view").containsEntry(r.offset(), string(r.value()));
        }
        assertThat(reader.endOffset(tp)).isEqualTo(writer.endOffset(tp));
    }
}

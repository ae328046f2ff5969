package io.eddy.log;

import static io.eddy.log.TestRecords.readAll;
import static io.eddy.log.TestRecords.record;
import static io.eddy.log.TestRecords.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.log.internal.DefaultLogStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log compaction: the latest record per key survives at its original offset; the active segment is never touched. */
class CompactionTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final TopicPartition TP = new TopicPartition("c", 0);
    private static final TopicConfig COMPACTED = TopicConfig.builder()
            .cleanupPolicy(CleanupPolicy.COMPACT)
            .segmentBytes(1024)
            .indexIntervalBytes(128)
            .deleteRetention(Duration.ofHours(1))
            .build();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private DefaultLogStore open() {
        return (DefaultLogStore) LogStore.open(dir, LogStoreOptions.defaults().withClock(clock)
                .withBackgroundMaintenance(false));
    }

    /** What was appended, by offset: key and value (null for a tombstone). */
    private record Appended(String key, String value) {
    }

    private static Map<Long, Appended> appendUpdates(LogStore log, int count, int keys, String tag) {
        Map<Long, Appended> out = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = "key-" + (i % keys);
            String value = tag + "-" + i + "-" + "x".repeat(40);
            long offset = log.append(TP, List.of(record(TP.topic(), key, value)));
            out.put(offset, new Appended(key, value));
        }
        return out;
    }

    /** @return for each key, the offset of its latest record below {@code limit} */
    private static Map<String, Long> latestBelow(Map<Long, Appended> appended, long limit) {
        Map<String, Long> latest = new HashMap<>();
        appended.forEach((offset, a) -> {
            if (offset < limit) {
                latest.merge(a.key(), offset, Math::max);
            }
        });
        return latest;
    }

    private static void assertRecordsAreOriginals(List<LogRecord> records, Map<Long, Appended> appended) {
        long previous = -1;
        for (LogRecord r : records) {
            assertThat(r.offset()).isGreaterThan(previous);
            previous = r.offset();
            Appended original = appended.get(r.offset());
            assertThat(original).as("record at offset %d was appended", r.offset()).isNotNull();
            assertThat(string(r.key())).as("key at offset %d", r.offset()).isEqualTo(original.key());
            assertThat(string(r.value())).as("value at offset %d", r.offset()).isEqualTo(original.value());
        }
    }

    @Test
    void compactionKeepsExactlyTheLatestRecordPerKeyInSealedSegmentsAtItsOriginalOffset() throws IOException {
        try (DefaultLogStore log = open()) {
            log.createTopic("c", 1, COMPACTED);
            Map<Long, Appended> appended = appendUpdates(log, 300, 10, "a");
            List<Long> bases = LogFiles.segmentBases(dir, TP);
            long activeBase = bases.get(bases.size() - 1);
            assertThat(activeBase).isLessThan(300);
            byte[] activeBytes = Files.readAllBytes(LogFiles.segmentFile(dir, TP, activeBase, ".log"));

            long removed = log.compactNow();

            List<LogRecord> after = readAll(log, TP);
            assertRecordsAreOriginals(after, appended);
            Map<String, Long> latestSealed = latestBelow(appended, activeBase);
            for (LogRecord r : after) {
                if (r.offset() < activeBase) {
                    assertThat(latestSealed.get(string(r.key()))).as("offset %d is its key's latest", r.offset())
                            .isEqualTo(r.offset());
                }
            }
            assertThat(after.stream().filter(r -> r.offset() < activeBase).count()).isEqualTo(latestSealed.size());
            assertThat(after.stream().filter(r -> r.offset() >= activeBase).count()).isEqualTo(300 - activeBase);
            assertThat(removed).isEqualTo(300 - after.size()).isPositive();
            assertThat(log.startOffset(TP)).isZero();
            assertThat(log.endOffset(TP)).isEqualTo(300);
            assertThat(Files.readAllBytes(LogFiles.segmentFile(dir, TP, activeBase, ".log")))
                    .as("active segment bytes").isEqualTo(activeBytes);
            assertThat(LogFiles.segmentBases(dir, TP)).contains(activeBase);
        }
    }

    @Test
    void readsRacingRepeatedCompactionNeitherFailNorRepeatARecord() throws Exception {
        try (DefaultLogStore log = open()) {
            log.createTopic("c", 1, COMPACTED);
            appendUpdates(log, 2000, 40, "a");
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                    new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
            Thread reader = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        // small reads and one large one, each across many 1 KiB segments
                        assertIntactAndInOrder(readAll(log, TP));
                        assertIntactAndInOrder(log.read(TP, log.startOffset(TP), 100_000));
                        reads.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            reader.start();
            for (int round = 0; round < 30 && failure.get() == null; round++) {
                appendUpdates(log, 200, 40, "r" + round);
                log.compactNow();
            }
            stop.set(true);
            reader.join();
            assertThat(failure.get()).isNull();
            assertThat(reads.get()).isPositive();
        }
    }

    /** Offsets strictly increase (no record repeated) and each value belongs to its key ({@code tag-i-…}, key i % 40). */
    private static void assertIntactAndInOrder(List<LogRecord> records) {
        long previous = -1;
        for (LogRecord r : records) {
            assertThat(r.offset()).isGreaterThan(previous);
            previous = r.offset();
            String[] parts = string(r.value()).split("-");
            assertThat(string(r.key())).isEqualTo("key-" + (Integer.parseInt(parts[1]) % 40));
        }
    }

    @Test
    void everyKeysLatestValueIsReadableAfterCompaction() {
        try (DefaultLogStore log = open()) {
            log.createTopic("c", 1, COMPACTED);
            Map<Long, Appended> appended = appendUpdates(log, 300, 25, "a");
            log.compactNow();
            Map<String, String> latest = new HashMap<>();
            appended.values().forEach(a -> latest.put(a.key(), a.value()));
            Map<String, String> read = new HashMap<>();
            readAll(log, TP).forEach(r -> read.put(string(r.key()), string(r.value())));
            assertThat(read).isEqualTo(latest);
        }
    }

    @Test
    void readsAndConsumersCrossCompactedGapsFromAnyOffset() {
        try (DefaultLogStore log = open()) {
            log.createTopic("c", 1, COMPACTED);
            appendUpdates(log, 300, 5, "a");
            log.compactNow();
            List<LogRecord> kept = readAll(log, TP);
            assertThat(kept.size()).isLessThan(300);

            for (long offset = 0; offset < 300; offset++) {
                long from = offset;
                LogRecord expected = kept.stream().filter(r -> r.offset() >= from).findFirst().orElseThrow();
                List<LogRecord> got = log.read(TP, offset, 1);
                assertThat(got).as("read at %d", offset).hasSize(1);
                assertThat(got.get(0).offset()).as("read at %d", offset).isEqualTo(expected.offset());
            }

            try (LogConsumer consumer = log.consumer(ConsumerConfig.of(null).withMaxPollRecords(3))) {
                consumer.assign(List.of(TP));
                List<LogRecord> polled = new ArrayList<>();
                while (consumer.position(TP) < 300) {
                    List<LogRecord> batch = consumer.poll(Duration.ofSeconds(1));
                    assertThat(batch).as("poll at position %d", consumer.position(TP)).isNotEmpty();
                    polled.addAll(batch);
                }
                assertThat(polled).extracting(LogRecord::offset)
                        .isEqualTo(kept.stream().map(LogRecord::offset).toList());
            }
        }
    }

    @Test
    void tombstonesAreKeptWithinDeleteRetentionAndDroppedAfterIt() {
        try (DefaultLogStore log = open()) {
            log.createTopic("c", 1, COMPACTED);
            log.append(TP, List.of(record("c", "gone", "first")));
            log.append(TP, List.of(record("c", "gone", null)));
            log.append(TP, List.of(record("c", "stays", "value")));
            appendUpdates(log, 100, 100, "filler"); // distinct keys: seals the tombstone's segment

            clock.advance(Duration.ofMinutes(59));
            log.compactNow();
            Map<String, List<String>> byKey = valuesByKey(readAll(log, TP));
            assertThat(byKey.get("gone")).as("tombstone within delete.retention").containsExactly((String) null);
            assertThat(byKey.get("stays")).containsExactly("value");

            clock.advance(Duration.ofMinutes(2)); // the tombstone is now older than 1 h
            log.compactNow();
            byKey = valuesByKey(readAll(log, TP));
            assertThat(byKey).doesNotContainKey("gone");
            assertThat(byKey.get("stays")).containsExactly("value");
            assertThat(byKey).hasSize(101);
        }
    }

    @Test
    void tombstoneInTheActiveSegmentIsKeptWhateverItsAge() {
        try (DefaultLogStore log = open()) {
            log.createTopic("c", 1, COMPACTED);
            appendUpdates(log, 100, 10, "a");
            log.append(TP, List.of(record("c", "key-1", null)));
            clock.advance(Duration.ofDays(2));
            log.compactNow();
            List<LogRecord> all = readAll(log, TP);
            assertThat(all.get(all.size() - 1).offset()).isEqualTo(100);
            assertThat(all.get(all.size() - 1).value()).isNull();
        }
    }

    @Test
    void sealedSegmentsLeftEmptyByExpiredTombstonesStillReadAndReopen() {
        try (DefaultLogStore log = open()) {
            log.createTopic("c", 1, COMPACTED);
            for (int i = 0; i < 60; i++) {
                log.append(TP, List.of(record("c", "k" + i, "value-" + "y".repeat(40))));
                log.append(TP, List.of(record("c", "k" + i, null)));
            }
            log.append(TP, List.of(record("c", "last", "standing")));
            clock.advance(Duration.ofHours(2));
            log.compactNow();
        }
        List<Long> bases = LogFiles.segmentBases(dir, TP);
        long activeBase = bases.get(bases.size() - 1);
        assertThat(activeBase).isGreaterThan(100);
        try (DefaultLogStore log = open()) {
            assertThat(log.endOffset(TP)).isEqualTo(121);
            List<LogRecord> left = readAll(log, TP);
            assertThat(left).extracting(LogRecord::offset)
                    .isEqualTo(java.util.stream.LongStream.range(activeBase, 121).boxed().toList());
            assertThat(log.read(TP, 0, 1)).extracting(LogRecord::offset).containsExactly(activeBase);
            assertThat(string(left.get(left.size() - 1).value())).isEqualTo("standing");
            assertThat(log.append(TP, List.of(record("c", "next", "one")))).isEqualTo(121);
        }
    }

    private static Map<String, List<String>> valuesByKey(List<LogRecord> records) {
        Map<String, List<String>> out = new HashMap<>();
        for (LogRecord r : records) {
            out.computeIfAbsent(string(r.key()), k -> new ArrayList<>()).add(string(r.value()));
        }
        return out;
    }

    @Test
    void compactedTopicRejectsRecordsWithoutAKeyAndAppendsNothing() {
        try (DefaultLogStore log = open()) {
            log.createTopic("c", 1, COMPACTED);
            log.append(TP, List.of(record("c", "k", "v")));

            assertThatThrownBy(() -> log.append(TP, List.of(record("c", "k2", "v2"), record("c", null, "no key"))))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining("c");
            try (LogProducer producer = log.producer()) {
                assertThatThrownBy(() -> producer.send(record("c", null, "no key")))
                        .isInstanceOf(InvalidRecordException.class);
            }
            assertThat(log.endOffset(TP)).isEqualTo(1);
        }
    }

    @Test
    void compactionResultAndActiveSegmentSurviveReopenAndCompactionContinuesAfterIt() {
        Map<Long, Appended> appended;
        List<LogRecord> afterFirst;
        try (DefaultLogStore log = open()) {
            log.createTopic("c", 1, COMPACTED);
            appended = new HashMap<>(appendUpdates(log, 200, 10, "a"));
            log.compactNow();
            afterFirst = readAll(log, TP);
        }
        try (DefaultLogStore log = open()) {
            assertThat(log.endOffset(TP)).isEqualTo(200);
            List<LogRecord> reopened = readAll(log, TP);
            assertThat(reopened).extracting(LogRecord::offset)
                    .isEqualTo(afterFirst.stream().map(LogRecord::offset).toList());
            assertRecordsAreOriginals(reopened, appended);

            appended.putAll(appendUpdates(log, 200, 10, "b"));
            assertThat(log.endOffset(TP)).isEqualTo(400);
            log.compactNow();
            List<LogRecord> second = readAll(log, TP);
            assertRecordsAreOriginals(second, appended);
            List<Long> bases = LogFiles.segmentBases(dir, TP);
            long activeBase = bases.get(bases.size() - 1);
            Map<String, Long> latestSealed = latestBelow(appended, activeBase);
            assertThat(second.stream().filter(r -> r.offset() < activeBase).count()).isEqualTo(latestSealed.size());
        }
        try (DefaultLogStore log = open()) {
            assertThat(log.endOffset(TP)).isEqualTo(400);
            Map<String, String> latest = new HashMap<>();
            appended.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> latest.put(e.getValue().key(), e.getValue().value()));
            Map<String, String> read = new HashMap<>();
            readAll(log, TP).forEach(r -> read.put(string(r.key()), string(r.value())));
            assertThat(read).isEqualTo(latest);
        }
    }

    @Test
    void appendsAfterCompactionGetTheNextOffsetsAndSurviveReopen() {
        try (DefaultLogStore log = open()) {
            log.createTopic("c", 1, COMPACTED);
            appendUpdates(log, 150, 3, "a");
            log.compactNow();
            assertThat(log.append(TP, List.of(record("c", "new", "after-compaction")))).isEqualTo(150);
        }
        try (DefaultLogStore log = open()) {
            assertThat(log.endOffset(TP)).isEqualTo(151);
            List<LogRecord> all = readAll(log, TP);
            assertThat(all.get(all.size() - 1).offset()).isEqualTo(150);
            assertThat(string(all.get(all.size() - 1).value())).isEqualTo("after-compaction");
        }
    }

    @Test
    void compactAndDeletePolicyBothDeletesExpiredSegmentsAndCompactsTheRest() {
        TopicConfig both = COMPACTED.toBuilder()
                .cleanupPolicy(CleanupPolicy.COMPACT, CleanupPolicy.DELETE)
                .retention(Duration.ofHours(1))
                .build();
        try (DefaultLogStore log = open()) {
            log.createTopic("c", 1, both);
            appendUpdates(log, 100, 5, "old");
            clock.advance(Duration.ofMinutes(45));
            Map<Long, Appended> recent = appendUpdates(log, 100, 5, "recent");
            clock.advance(Duration.ofMinutes(30)); // "old" records are 75 min old, "recent" ones 30 min

            assertThat(log.runMaintenance()).isPositive();

            long start = log.startOffset(TP);
            assertThat(start).isPositive().isLessThanOrEqualTo(100);
            List<LogRecord> left = readAll(log, TP);
            assertThat(left.get(0).offset()).isGreaterThanOrEqualTo(start);
            List<Long> bases = LogFiles.segmentBases(dir, TP);
            long activeBase = bases.get(bases.size() - 1);
            Map<String, Long> perKeySealed = new HashMap<>();
            for (LogRecord r : left) {
                if (r.offset() < activeBase) {
                    assertThat(perKeySealed.put(string(r.key()), r.offset()))
                            .as("second record of %s in sealed segments", string(r.key())).isNull();
                }
            }
            // every key's latest record is among the recent ones and still there
            Map<String, Long> latest = latestBelow(recent, Long.MAX_VALUE);
            assertThat(left).extracting(LogRecord::offset).containsAll(latest.values());
            // expired by retention or superseded by a recent record of the same key
            assertThat(left).noneMatch(r -> string(r.value()).startsWith("old-"));
        }
    }
}

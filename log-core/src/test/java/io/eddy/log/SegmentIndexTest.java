package io.eddy.log;

import static io.eddy.log.TestRecords.readAll;
import static io.eddy.log.TestRecords.record;
import static io.eddy.log.TestRecords.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segment rolls by size and by time, index files rebuilt from segments, and offsetForTimestamp semantics. */
class SegmentIndexTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private LogStore open() {
        return LogStore.open(dir, LogStoreOptions.defaults().withClock(clock).withBackgroundMaintenance(false));
    }

    @Test
    void activeSegmentRollsBeforeABatchWouldOverflowTheSegmentSize() throws IOException {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.builder().segmentBytes(1024).build());
            for (int i = 0; i < 100; i++) {
                log.append(TP, List.of(record("t", null, "v".repeat(50) + i)));
            }
            List<Long> bases = LogFiles.segmentBases(dir, TP);
            assertThat(bases).hasSizeGreaterThan(5).startsWith(0L);
            assertThat(log.describeTopic("t").partitions().get(0).segmentCount()).isEqualTo(bases.size());
            for (long base : bases) {
                assertThat(Files.size(LogFiles.segmentFile(dir, TP, base, ".log"))).isLessThanOrEqualTo(1024);
            }
            // each segment starts where the previous one ended
            List<LogRecord> all = readAll(log, TP);
            for (int i = 1; i < bases.size(); i++) {
                long base = bases.get(i);
                assertThat(all.get((int) base).offset()).isEqualTo(base);
            }
            assertThat(all).hasSize(100);
        }
    }

    @Test
    void aRecordLargerThanASegmentGetsASegmentOfItsOwn() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.builder().segmentBytes(1024).build());
            log.append(TP, List.of(record("t", null, "small")));
            log.append(TP, List.of(record("t", null, "L".repeat(5000))));
            log.append(TP, List.of(record("t", null, "small again")));
            assertThat(LogFiles.segmentBases(dir, TP)).containsExactly(0L, 1L, 2L);
            assertThat(TestRecords.values(readAll(log, TP))).containsExactly("small", "L".repeat(5000), "small again");
        }
    }

    @Test
    void activeSegmentRollsOnTheFirstAppendAfterItIsOlderThanSegmentMs() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.builder().segmentRoll(Duration.ofHours(1)).build());
            log.append(TP, List.of(record("t", null, "a")));
            clock.advance(Duration.ofMinutes(59));
            log.append(TP, List.of(record("t", null, "b")));
            assertThat(LogFiles.segmentBases(dir, TP)).containsExactly(0L);

            clock.advance(Duration.ofMinutes(1));
            assertThat(LogFiles.segmentBases(dir, TP)).as("rolls happen on append only").containsExactly(0L);
            log.append(TP, List.of(record("t", null, "c")));
            assertThat(LogFiles.segmentBases(dir, TP)).containsExactly(0L, 2L);

            clock.advance(Duration.ofMinutes(30));
            log.append(TP, List.of(record("t", null, "d")));
            assertThat(LogFiles.segmentBases(dir, TP)).containsExactly(0L, 2L);
            assertThat(TestRecords.values(readAll(log, TP))).containsExactly("a", "b", "c", "d");
        }
    }

    @Test
    void anEmptyActiveSegmentDoesNotRollHowEverOld() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.builder().segmentRoll(Duration.ofHours(1)).build());
            clock.advance(Duration.ofDays(3));
            log.append(TP, List.of(record("t", null, "first")));
            assertThat(LogFiles.segmentBases(dir, TP)).containsExactly(0L);
        }
    }

    /** Appends 2000 records in batches of 1-4 over many segments with timestamps that go back and forth. */
    private static List<Long> appendWithJitteredTimestamps(LogStore log, long seed) {
        Random random = new Random(seed);
        List<Long> timestamps = new ArrayList<>();
        while (timestamps.size() < 2000) {
            List<ProducerRecord> batch = new ArrayList<>();
            int n = 1 + random.nextInt(4);
            for (int j = 0; j < n; j++) {
                long ts = T0 + timestamps.size() * 10L + random.nextInt(400) - 200;
                timestamps.add(ts);
                batch.add(record("t", "k" + timestamps.size(), "value-" + (timestamps.size() - 1), ts));
            }
            log.append(TP, batch);
        }
        return timestamps;
    }

    /** The definition: the first offset, in offset order, whose timestamp is at or after {@code t}. */
    private static OptionalLong expectedOffsetFor(List<Long> timestamps, long t) {
        for (int i = 0; i < timestamps.size(); i++) {
            if (timestamps.get(i) >= t) {
                return OptionalLong.of(i);
            }
        }
        return OptionalLong.empty();
    }

    private static void assertOffsetForTimestampMatchesDefinition(LogStore log, List<Long> timestamps) {
        long min = timestamps.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = timestamps.stream().mapToLong(Long::longValue).max().orElseThrow();
        for (long t = min - 50; t <= max + 50; t += 7) {
            assertThat(log.offsetForTimestamp(TP, t)).as("offsetForTimestamp(%d)", t)
                    .isEqualTo(expectedOffsetFor(timestamps, t));
        }
        assertThat(log.offsetForTimestamp(TP, max + 1)).isEmpty();
        assertThat(log.offsetForTimestamp(TP, Long.MIN_VALUE)).hasValue(0);
    }

    private static void assertEveryOffsetReadsBack(LogStore log, int count) {
        for (int offset = 0; offset < count; offset++) {
            List<LogRecord> got = log.read(TP, offset, 1);
            assertThat(got).as("read at %d", offset).hasSize(1);
            assertThat(got.get(0).offset()).isEqualTo(offset);
            assertThat(string(got.get(0).value())).isEqualTo("value-" + offset);
        }
    }

    @Test
    void offsetForTimestampIsTheFirstOffsetAtOrAfterTheTimestampEvenWhenTimestampsAreNotMonotonic() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            for (long ts : new long[] {100, 50, 300, 200, 150, 400}) {
                log.append(TP, List.of(record("t", null, "at-" + ts, ts)));
            }
            assertThat(log.offsetForTimestamp(TP, 0)).hasValue(0);
            assertThat(log.offsetForTimestamp(TP, 100)).hasValue(0);
            assertThat(log.offsetForTimestamp(TP, 101)).hasValue(2);
            assertThat(log.offsetForTimestamp(TP, 160)).hasValue(2);
            assertThat(log.offsetForTimestamp(TP, 300)).hasValue(2);
            assertThat(log.offsetForTimestamp(TP, 301)).hasValue(5);
            assertThat(log.offsetForTimestamp(TP, 400)).hasValue(5);
            assertThat(log.offsetForTimestamp(TP, 401)).isEmpty();
        }
    }

    @Test
    void offsetForTimestampMatchesItsDefinitionAcrossManySegmentsAndAfterReopen() {
        List<Long> timestamps;
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.builder().segmentBytes(2048).indexIntervalBytes(100).build());
            timestamps = appendWithJitteredTimestamps(log, 11);
            assertThat(LogFiles.segmentBases(dir, TP)).hasSizeGreaterThan(10);
            assertOffsetForTimestampMatchesDefinition(log, timestamps);
        }
        try (LogStore log = open()) {
            assertOffsetForTimestampMatchesDefinition(log, timestamps);
        }
    }

    @Test
    void offsetForTimestampOfAnEmptyPartitionIsEmpty() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            assertThat(log.offsetForTimestamp(TP, 0)).isEmpty();
        }
    }

    private interface IndexDamage {
        void apply(Path indexFile) throws IOException;
    }

    private void assertIndexesRebuiltAfter(IndexDamage damage) throws IOException {
        List<Long> timestamps;
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.builder().segmentBytes(2048).indexIntervalBytes(100).build());
            timestamps = appendWithJitteredTimestamps(log, 5);
        }
        List<Path> indexes;
        try (Stream<Path> files = Files.list(LogFiles.partitionDir(dir, TP))) {
            indexes = files.filter(p -> p.toString().endsWith(".index") || p.toString().endsWith(".timeindex"))
                    .toList();
        }
        assertThat(indexes).hasSizeGreaterThan(10);
        for (Path index : indexes) {
            damage.apply(index);
        }
        try (LogStore log = open()) {
            assertThat(log.endOffset(TP)).isEqualTo(timestamps.size());
            assertEveryOffsetReadsBack(log, timestamps.size());
            assertOffsetForTimestampMatchesDefinition(log, timestamps);
            assertThat(log.append(TP, List.of(record("t", null, "value-" + timestamps.size()))))
                    .isEqualTo(timestamps.size());
        }
    }

    @Test
    void deletedIndexFilesAreRebuiltFromTheSegments() throws IOException {
        assertIndexesRebuiltAfter(Files::delete);
    }

    @Test
    void indexFilesWithFlippedBytesAreRebuiltFromTheSegments() throws IOException {
        assertIndexesRebuiltAfter(index -> {
            byte[] b = Files.readAllBytes(index);
            for (int i = 16; i < b.length; i += 5) {
                b[i] ^= 0x5A;
            }
            Files.write(index, b);
        });
    }

    @Test
    void truncatedIndexFilesAreRebuiltFromTheSegments() throws IOException {
        assertIndexesRebuiltAfter(index -> {
            try (var ch = Files.newByteChannel(index, StandardOpenOption.WRITE)) {
                ch.truncate(ch.size() / 2);
            }
        });
    }

    @Test
    void indexFilesFullOfGarbageOrEmptyAreRebuiltFromTheSegments() throws IOException {
        Random random = new Random(3);
        assertIndexesRebuiltAfter(index -> {
            if (random.nextBoolean()) {
                byte[] garbage = new byte[(int) Files.size(index)];
                random.nextBytes(garbage);
                Files.write(index, garbage);
            } else {
                Files.write(index, new byte[0]);
            }
        });
    }
}

package io.eddy.log;

import static io.eddy.log.TestRecords.readAll;
import static io.eddy.log.TestRecords.record;
import static io.eddy.log.TestRecords.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time- and size-based retention under the delete policy, driven by a controlled clock and runMaintenance(). */
class RetentionTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final String VALUE = "v".repeat(100);
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private LogStore open() {
        return LogStore.open(dir, LogStoreOptions.defaults().withClock(clock).withBackgroundMaintenance(false));
    }

    private static TopicConfig retainFor(Duration retention) {
        return TopicConfig.builder().segmentBytes(1024).retention(retention).build();
    }

    private static void appendOneByOne(LogStore log, int count) {
        for (int i = 0; i < count; i++) {
            log.append(TP, List.of(record("t", null, VALUE + i)));
        }
    }

    @Test
    void segmentsWhoseNewestRecordIsPastRetentionAreDeletedAndTheLogStartMoves() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, retainFor(Duration.ofHours(1)));
            appendOneByOne(log, 40); // offsets 0..39 stamped T0
            clock.advance(Duration.ofMinutes(30));
            appendOneByOne(log, 40); // offsets 40..79 stamped T0+30m
            List<Long> before = LogFiles.segmentBases(dir, TP);
            assertThat(before).hasSizeGreaterThan(6);

            clock.advance(Duration.ofMinutes(59)); // T0+89m: T0 is past 1h, T0+30m is not
            long removed = log.runMaintenance();

            long start = log.startOffset(TP);
            List<Long> after = LogFiles.segmentBases(dir, TP);
            assertThat(removed).isEqualTo(before.size() - after.size()).isPositive();
            assertThat(after).isEqualTo(before.subList(before.size() - after.size(), before.size()));
            assertThat(start).isEqualTo(after.get(0)).isPositive().isLessThanOrEqualTo(40);
            assertThat(log.endOffset(TP)).isEqualTo(80);
            List<LogRecord> left = readAll(log, TP);
            assertThat(left.get(0).offset()).isEqualTo(start);
            assertThat(left).hasSize((int) (80 - start));
            // the first segment kept holds a record still within retention: nothing deleted too early
            assertThat(left.stream().filter(r -> r.offset() < (after.size() > 1 ? after.get(1) : 80)))
                    .anyMatch(r -> r.timestamp() >= clock.millis() - Duration.ofHours(1).toMillis());
            assertThatThrownBy(() -> log.read(TP, start - 1, 10))
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("t-0").hasMessageContaining(Long.toString(start - 1));
            assertThat(log.describeTopic("t").partitions().get(0).startOffset()).isEqualTo(start);
        }
        try (LogStore log = open()) {
            assertThat(log.startOffset(TP)).isPositive();
            assertThat(readAll(log, TP)).hasSize((int) (80 - log.startOffset(TP)));
        }
    }

    @Test
    void nothingIsDeletedWhileTheNewestRecordOfASegmentIsWithinRetention() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, retainFor(Duration.ofHours(1)));
            appendOneByOne(log, 40);
            clock.advance(Duration.ofMinutes(59));
            assertThat(log.runMaintenance()).isZero();
            assertThat(log.startOffset(TP)).isZero();
        }
    }

    @Test
    void theActiveSegmentIsNeverDeletedEvenWhenEverythingExpired() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, retainFor(Duration.ofHours(1)));
            appendOneByOne(log, 30);
            List<Long> bases = LogFiles.segmentBases(dir, TP);
            long activeBase = bases.get(bases.size() - 1);
            assertThat(activeBase).isPositive().isLessThan(30);

            clock.advance(Duration.ofDays(2));
            log.runMaintenance();

            assertThat(LogFiles.segmentBases(dir, TP)).containsExactly(activeBase);
            assertThat(log.startOffset(TP)).isEqualTo(activeBase);
            assertThat(readAll(log, TP)).extracting(LogRecord::offset).first().isEqualTo(activeBase);
            assertThat(readAll(log, TP)).hasSize((int) (30 - activeBase));
            log.append(TP, List.of(record("t", null, "after")));
            assertThat(log.endOffset(TP)).isEqualTo(31);
        }
    }

    @Test
    void recordsWithOldExplicitTimestampsExpireOnTheFirstMaintenance() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, retainFor(Duration.ofHours(1)));
            for (int i = 0; i < 30; i++) {
                log.append(TP, List.of(record("t", null, VALUE, T0 - Duration.ofHours(2).toMillis())));
            }
            log.append(TP, List.of(record("t", null, "fresh", T0)));
            assertThat(log.runMaintenance()).isPositive();
            assertThat(log.startOffset(TP)).isPositive();
        }
    }

    @Test
    void unlimitedRetentionKeepsEverything() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.builder().segmentBytes(1024).build());
            appendOneByOne(log, 40);
            clock.advance(Duration.ofDays(3650));
            assertThat(log.runMaintenance()).isZero();
            assertThat(log.startOffset(TP)).isZero();
            assertThat(readAll(log, TP)).hasSize(40);
        }
    }

    @Test
    void consumerPositionedBelowTheNewLogStartResetsToTheStartUnderEarliest() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, retainFor(Duration.ofHours(1)));
            appendOneByOne(log, 40);
            try (LogConsumer consumer = log.consumer(ConsumerConfig.of(null).withMaxPollRecords(3))) {
                consumer.assign(List.of(TP));
                assertThat(consumer.poll(Duration.ofSeconds(1))).extracting(LogRecord::offset)
                        .containsExactly(0L, 1L, 2L);

                clock.advance(Duration.ofDays(1));
                log.runMaintenance();
                long start = log.startOffset(TP);
                assertThat(start).isGreaterThan(3);

                List<LogRecord> next = consumer.poll(Duration.ofSeconds(1));
                assertThat(next).isNotEmpty();
                assertThat(next.get(0).offset()).isEqualTo(start);
                assertThat(string(next.get(0).value())).isEqualTo(VALUE + start);
            }
        }
    }

    @Test
    void consumerPositionedBelowTheNewLogStartFailsWithOffsetOutOfRangeUnderResetNone() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, retainFor(Duration.ofHours(1)));
            appendOneByOne(log, 40);
            log.commitOffsets("g", Map.of(TP, OffsetAndMetadata.of(2)));
            try (LogConsumer consumer = log.consumer(ConsumerConfig.of("g")
                    .withAutoOffsetReset(ConsumerConfig.OffsetReset.NONE))) {
                consumer.assign(List.of(TP));
                assertThat(consumer.position(TP)).isEqualTo(2);

                clock.advance(Duration.ofDays(1));
                log.runMaintenance();

                assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(100)))
                        .isInstanceOf(OffsetOutOfRangeException.class)
                        .hasMessageContaining("t-0")
                        .hasMessageContaining("2");
            }
        }
    }

    @Test
    void sizeRetentionDeletesOldestSegmentsUntilDroppingAnotherWouldGoBelowTheLimit() throws Exception {
        long limit = 3000;
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.builder().segmentBytes(1024).retentionBytes(limit).build());
            appendOneByOne(log, 100);
            long sizeBefore = log.describeTopic("t").partitions().get(0).sizeInBytes();
            assertThat(sizeBefore).isGreaterThan(3 * limit);

            assertThat(log.runMaintenance()).isPositive();

            TopicDescription.PartitionInfo info = log.describeTopic("t").partitions().get(0);
            List<Long> bases = LogFiles.segmentBases(dir, TP);
            long firstSegmentBytes = Files.size(LogFiles.segmentFile(dir, TP, bases.get(0), ".log")) - 16;
            assertThat(info.sizeInBytes()).isGreaterThanOrEqualTo(limit);
            assertThat(info.sizeInBytes() - firstSegmentBytes).isLessThan(limit);
            assertThat(info.startOffset()).isEqualTo(bases.get(0)).isPositive();
            assertThat(info.endOffset()).isEqualTo(100);
            assertThat(readAll(log, TP)).extracting(r -> string(r.value()))
                    .first().isEqualTo(VALUE + info.startOffset());
            // a second pass has nothing left to do
            assertThat(log.runMaintenance()).isZero();
        }
    }

    @Test
    void sizeRetentionNeverDeletesTheActiveSegment() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.builder().segmentBytes(1024).retentionBytes(0).build());
            appendOneByOne(log, 30);
            log.runMaintenance();
            List<Long> bases = LogFiles.segmentBases(dir, TP);
            assertThat(bases).hasSize(1);
            assertThat(log.startOffset(TP)).isEqualTo(bases.get(0));
            assertThat(readAll(log, TP)).isNotEmpty();
        }
    }

    @Test
    void backgroundMaintenanceAppliesRetentionWithoutAnExplicitCall() {
        try (LogStore log = LogStore.open(dir, LogStoreOptions.defaults().withClock(clock)
                .withCleanupInterval(Duration.ofMillis(20)))) {
            log.createTopic("t", 1, retainFor(Duration.ofHours(1)));
            appendOneByOne(log, 40);
            clock.advance(Duration.ofDays(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> log.startOffset(TP) > 0);
        }
    }
}

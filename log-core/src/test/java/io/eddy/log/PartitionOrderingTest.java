package io.eddy.log;

import static io.eddy.log.TestRecords.bytes;
import static io.eddy.log.TestRecords.readAll;
import static io.eddy.log.TestRecords.record;
import static io.eddy.log.TestRecords.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-partition order: offsets assigned in append order, contiguous, read back in offset order. */
class PartitionOrderingTest {
    private static final int PARTITIONS = 16;

    @TempDir
    Path dir;

    private static LogStoreOptions quiet() {
        return LogStoreOptions.defaults().withBackgroundMaintenance(false);
    }

    @Test
    void offsetsAreContiguousFromZeroAndRecordsReadBackInAppendOrderAcrossManyPartitionsAndSegments() {
        TopicConfig smallSegments = TopicConfig.builder().segmentBytes(2048).indexIntervalBytes(128).build();
        Random random = new Random(42);
        Map<Integer, List<String>> appended = new HashMap<>();
        try (LogStore log = LogStore.open(dir, quiet())) {
            log.createTopic("t", PARTITIONS, smallSegments);
            for (int i = 0; i < 3000; i++) {
                int p = random.nextInt(PARTITIONS);
                int batch = 1 + random.nextInt(5);
                List<ProducerRecord> records = new ArrayList<>();
                List<String> expected = appended.computeIfAbsent(p, x -> new ArrayList<>());
                for (int j = 0; j < batch; j++) {
                    String v = "p" + p + "-" + (expected.size() + j);
                    records.add(record("t", "k" + i, v));
                }
                long base = log.append(new TopicPartition("t", p), records);
                assertThat(base).as("base offset of batch %d on partition %d", i, p).isEqualTo(expected.size());
                for (ProducerRecord r : records) {
                    expected.add(string(r.value()));
                }
            }
            assertPartitionsHold(log, appended);
        }
        try (LogStore log = LogStore.open(dir, quiet())) {
            assertThat(log.describeTopic("t").partitions().get(0).segmentCount()).isGreaterThan(1);
            assertPartitionsHold(log, appended);
        }
    }

    private static void assertPartitionsHold(LogStore log, Map<Integer, List<String>> appended) {
        for (int p = 0; p < PARTITIONS; p++) {
            TopicPartition tp = new TopicPartition("t", p);
            List<String> expected = appended.getOrDefault(p, List.of());
            List<LogRecord> all = readAll(log, tp);
            assertThat(log.startOffset(tp)).isZero();
            assertThat(log.endOffset(tp)).isEqualTo(expected.size());
            for (int i = 0; i < all.size(); i++) {
                assertThat(all.get(i).offset()).as("offset at position %d of %s", i, tp).isEqualTo(i);
                assertThat(all.get(i).partition()).isEqualTo(p);
                assertThat(all.get(i).topic()).isEqualTo("t");
            }
            assertThat(TestRecords.values(all)).as("values of %s", tp).isEqualTo(expected);
        }
    }

    @Test
    void readingFromAnyOffsetReturnsThatOffsetFirstAndThenConsecutiveOffsets() {
        try (LogStore log = LogStore.open(dir, quiet())) {
            log.createTopic("t", 1, TopicConfig.builder().segmentBytes(1024).indexIntervalBytes(64).build());
            TopicPartition tp = new TopicPartition("t", 0);
            for (int i = 0; i < 500; i++) {
                log.append(tp, List.of(record("t", null, "v" + i), record("t", null, "w" + i)));
            }
            for (long offset = 0; offset < 1000; offset += 37) {
                List<LogRecord> got = log.read(tp, offset, 5);
                assertThat(got).hasSizeBetween(1, 5);
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i).offset()).isEqualTo(offset + i);
                    assertThat(string(got.get(i).value()))
                            .isEqualTo(((offset + i) % 2 == 0 ? "v" : "w") + (offset + i) / 2);
                }
            }
        }
    }

    @Test
    void keyedRecordsLandOnTheDefaultPartitionersPartition() {
        try (LogStore log = LogStore.open(dir, quiet())) {
            log.createTopic("t", PARTITIONS, TopicConfig.defaults());
            List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            try (LogProducer producer = log.producer(new ProducerConfig(4096, Duration.ofMillis(1)))) {
                for (int i = 0; i < 2000; i++) {
                    String key = "customer-" + i;
                    keys.add(key);
                    futures.add(producer.send(record("t", key, "order-" + i)));
                }
                producer.flush();
            }
            for (int i = 0; i < keys.size(); i++) {
                byte[] key = bytes(keys.get(i));
                assertThat(futures.get(i).join().partition())
                        .as("partition of key %s", keys.get(i))
                        .isEqualTo(PartitionerTest.referencePartition(key, PARTITIONS))
                        .isEqualTo(DefaultPartitioner.partition(key, PARTITIONS));
            }
            int total = 0;
            for (int p = 0; p < PARTITIONS; p++) {
                for (LogRecord r : readAll(log, new TopicPartition("t", p))) {
                    assertThat(PartitionerTest.referencePartition(r.key(), PARTITIONS))
                            .as("stored partition of key %s", string(r.key())).isEqualTo(p);
                    total++;
                }
            }
            assertThat(total).isEqualTo(keys.size());
        }
    }

    @Test
    void recordsOfOneKeyKeepTheirSendOrderInTheirPartition() {
        try (LogStore log = LogStore.open(dir, quiet())) {
            log.createTopic("t", 8, TopicConfig.defaults());
            try (LogProducer producer = log.producer()) {
                for (int i = 0; i < 1000; i++) {
                    producer.send(record("t", "key-" + (i % 10), Integer.toString(i)));
                }
            }
            for (int p = 0; p < 8; p++) {
                Map<String, Integer> lastSeen = new HashMap<>();
                for (LogRecord r : readAll(log, new TopicPartition("t", p))) {
                    int seq = Integer.parseInt(string(r.value()));
                    Integer prev = lastSeen.put(string(r.key()), seq);
                    if (prev != null) {
                        assertThat(seq).as("order within key %s", string(r.key())).isGreaterThan(prev);
                    }
                }
            }
        }
    }
    /** Guards a bug: a poll's record limit counted other partitions' records and skipped or lost records. */
    @Test
    void consumerPollingSeveralPartitionsUnderARecordLimitReturnsEveryRecordOnceInOrder() {
        try (LogStore log = LogStore.open(dir, quiet())) {
            log.createTopic("t", 3, TopicConfig.defaults());
            for (int p = 0; p < 3; p++) {
                for (int i = 0; i < 10; i++) {
                    log.append(new TopicPartition("t", p), List.of(record("t", null, p + ":" + i),
                            record("t", null, p + ":" + i + "b")));
                }
            }
            try (LogConsumer consumer = log.consumer(ConsumerConfig.of(null).withMaxPollRecords(7))) {
                consumer.subscribe(List.of("t"));
                Map<Integer, List<Long>> offsets = new HashMap<>();
                int total = 0;
                for (int polls = 0; polls < 100 && total < 60; polls++) {
                    List<LogRecord> got = consumer.poll(Duration.ofMillis(100));
                    assertThat(got.size()).isLessThanOrEqualTo(7);
                    for (LogRecord r : got) {
                        offsets.computeIfAbsent(r.partition(), x -> new ArrayList<>()).add(r.offset());
                        total++;
                    }
                }
                for (int p = 0; p < 3; p++) {
                    assertThat(offsets.get(p)).as("offsets polled from partition %d", p)
                            .isEqualTo(java.util.stream.LongStream.range(0, 20).boxed().toList());
                    assertThat(consumer.position(new TopicPartition("t", p))).isEqualTo(20);
                }
            }
        }
    }
}

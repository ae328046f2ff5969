package io.eddy.log;

import static io.eddy.log.TestRecords.bytes;
import static io.eddy.log.TestRecords.readAll;
import static io.eddy.log.TestRecords.record;
import static io.eddy.log.TestRecords.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batching producer: where records land, when futures complete, flush and linger. */
class ProducerTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private LogStore open() {
        return LogStore.open(dir, LogStoreOptions.defaults().withClock(clock).withBackgroundMaintenance(false));
    }

    @Test
    void futuresCompleteWithThePartitionOffsetAndTimestampWhereEachRecordWasStored() {
        try (LogStore log = open()) {
            log.createTopic("t", 4, TopicConfig.defaults());
            List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
            try (LogProducer producer = log.producer(new ProducerConfig(2048, Duration.ofMillis(1)))) {
                for (int i = 0; i < 500; i++) {
                    ProducerRecord r = switch (i % 3) {
                        case 0 -> new ProducerRecord("t", i % 4, null, bytes("explicit-" + i), -1, null);
                        case 1 -> record("t", "key-" + i, "keyed-" + i);
                        default -> new ProducerRecord("t", null, null, bytes("unkeyed-" + i), T0 - i, null);
                    };
                    futures.add(producer.send(r));
                }
                producer.flush();
                for (int i = 0; i < futures.size(); i++) {
                    assertThat(futures.get(i)).as("future %d after flush", i).isDone();
                    RecordMetadata md = futures.get(i).join();
                    assertThat(md.topic()).isEqualTo("t");
                    List<LogRecord> stored = log.read(new TopicPartition("t", md.partition()), md.offset(), 1);
                    assertThat(stored).hasSize(1);
                    assertThat(stored.get(0).offset()).isEqualTo(md.offset());
                    assertThat(string(stored.get(0).value())).endsWith("-" + i);
                    assertThat(stored.get(0).timestamp()).isEqualTo(md.timestamp());
                    if (i % 3 == 0) {
                        assertThat(md.partition()).isEqualTo(i % 4);
                        assertThat(md.timestamp()).isEqualTo(T0);
                    } else if (i % 3 == 1) {
                        assertThat(md.partition()).isEqualTo(PartitionerTest.referencePartition(bytes("key-" + i), 4));
                    } else {
                        assertThat(md.timestamp()).isEqualTo(T0 - i);
                    }
                }
            }
        }
    }

    @Test
    void flushAppendsEveryQueuedRecordBeforeReturning() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            TopicPartition tp = new TopicPartition("t", 0);
            // a huge batch and a long linger: nothing but flush appends these
            try (LogProducer producer = log.producer(new ProducerConfig(1 << 20, Duration.ofHours(1)))) {
                List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    futures.add(producer.send(record("t", null, "v" + i)));
                }
                assertThat(log.endOffset(tp)).isZero();
                assertThat(futures).noneMatch(CompletableFuture::isDone);

                producer.flush();

                assertThat(log.endOffset(tp)).isEqualTo(10);
                assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
                assertThat(futures).extracting(f -> f.join().offset())
                        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            }
        }
    }

    @Test
    void lingerAppendsAPartialBatchWithoutFlush() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            TopicPartition tp = new TopicPartition("t", 0);
            try (LogProducer producer = log.producer(new ProducerConfig(1 << 20, Duration.ofMillis(20)))) {
                CompletableFuture<RecordMetadata> first = producer.send(record("t", null, "a"));
                CompletableFuture<RecordMetadata> second = producer.send(record("t", null, "b"));

                await().atMost(Duration.ofSeconds(10)).until(() -> log.endOffset(tp) == 2);
                await().atMost(Duration.ofSeconds(10)).until(() -> first.isDone() && second.isDone());
                assertThat(first.join().offset()).isZero();
                assertThat(second.join().offset()).isEqualTo(1);
                assertThat(TestRecords.values(readAll(log, tp))).containsExactly("a", "b");
            }
        }
    }

    @Test
    void aFullBatchIsAppendedBySendWithoutWaitingForLingerOrFlush() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            TopicPartition tp = new TopicPartition("t", 0);
            try (LogProducer producer = log.producer(new ProducerConfig(1024, Duration.ofHours(1)))) {
                CompletableFuture<RecordMetadata> f = null;
                for (int i = 0; i < 20; i++) {
                    f = producer.send(record("t", null, "x".repeat(100)));
                }
                // handed to the producer's I/O thread at once: no flush, and the linger is an hour
                await().atMost(Duration.ofSeconds(10)).until(() -> log.endOffset(tp) > 0);
                assertThat(f).isNotNull();
            }
        }
    }

    @Test
    void manyThreadsSendingTinyBatchesWithAShortLingerKeepEachThreadsOrder() throws Exception {
        // tiny batches and a linger of 0 make senders wait for the I/O thread while it hands over lingering batches
        try (LogStore log = LogStore.open(dir)) {
            log.createTopic("t", 1, TopicConfig.defaults());
            TopicPartition tp = new TopicPartition("t", 0);
            int threads = 4;
            int perThread = 3000;
            List<CompletableFuture<RecordMetadata>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
            try (LogProducer producer = log.producer(new ProducerConfig(1024, Duration.ZERO))) {
                List<Thread> senders = new ArrayList<>();
                List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    Thread th = new Thread(() -> {
                        try {
                            for (int i = 0; i < perThread; i++) {
                                futures.add(producer.send(record("t", null, id + ":" + i)));
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    });
                    senders.add(th);
                    th.start();
                }
                for (Thread th : senders) {
                    th.join();
                }
                producer.flush();
                assertThat(failures).isEmpty();
            }
            assertThat(futures).hasSize(threads * perThread).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
            int[] next = new int[threads];
            for (LogRecord r : readAll(log, tp)) {
                String[] parts = string(r.value()).split(":");
                int id = Integer.parseInt(parts[0]);
                assertThat(Integer.parseInt(parts[1])).as("next record of sender %d", id).isEqualTo(next[id]);
                next[id]++;
            }
            assertThat(next).containsOnly(perThread);
        }
    }

    @Test
    void aCallbackOnTheProducersThreadMaySendAndFlush() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            TopicPartition tp = new TopicPartition("t", 0);
            try (LogProducer producer = log.producer(new ProducerConfig(1024, Duration.ofHours(1)))) {
                CompletableFuture<Void> chained = new CompletableFuture<>();
                producer.send(record("t", null, "first")).thenRun(() -> {
                    try {
                        for (int i = 0; i < 50; i++) { // fills 1 KiB batches: waits on the thread running this callback
                            producer.send(record("t", null, "x".repeat(300)));
                        }
                        producer.flush();
                        chained.complete(null);
                    } catch (RuntimeException e) {
                        chained.completeExceptionally(e);
                    }
                });
                producer.flush();
                assertThat(chained).succeedsWithin(Duration.ofSeconds(10));
            }
            assertThat(log.endOffset(tp)).isEqualTo(51);
        }
    }

    @Test
    void recordsWithoutKeyOrPartitionAreSpreadEvenlyOverAllPartitions() {
        int partitions = 5;
        try (LogStore log = open()) {
            log.createTopic("t", partitions, TopicConfig.defaults());
            try (LogProducer producer = log.producer()) {
                for (int i = 0; i < 500; i++) {
                    producer.send(record("t", null, "v" + i));
                }
            }
            for (int p = 0; p < partitions; p++) {
                assertThat(log.endOffset(new TopicPartition("t", p))).as("records on partition %d", p)
                        .isEqualTo(100);
            }
        }
    }

    @Test
    void closeFlushesQueuedRecordsAndLaterSendsFail() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            LogProducer producer = log.producer(new ProducerConfig(1 << 20, Duration.ofHours(1)));
            CompletableFuture<RecordMetadata> queued = producer.send(record("t", null, "queued"));
            producer.close();
            assertThat(queued).isDone();
            assertThat(log.endOffset(new TopicPartition("t", 0))).isEqualTo(1);
            assertThatThrownBy(() -> producer.send(record("t", null, "late")))
                    .isInstanceOf(LogClosedException.class);
            producer.close(); // idempotent
        }
    }

    @Test
    void closingTheStoreAppendsWhatItsProducersStillHeld() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            LogProducer producer = log.producer(new ProducerConfig(1 << 20, Duration.ofHours(1)));
            producer.send(record("t", null, "pending"));
        }
        try (LogStore log = open()) {
            assertThat(TestRecords.values(readAll(log, new TopicPartition("t", 0)))).containsExactly("pending");
        }
    }

    @Test
    void sendingToAnUnknownTopicOrPartitionFailsImmediately() {
        try (LogStore log = open()) {
            log.createTopic("t", 2, TopicConfig.defaults());
            try (LogProducer producer = log.producer()) {
                assertThatThrownBy(() -> producer.send(record("missing", "k", "v")))
                        .isInstanceOf(UnknownTopicException.class).hasMessageContaining("missing");
                assertThatThrownBy(() -> producer.send(new ProducerRecord("t", 2, null, bytes("v"), -1, null)))
                        .isInstanceOf(UnknownPartitionException.class).hasMessageContaining("2");
                assertThatThrownBy(() -> producer.send(new ProducerRecord("t", -1, null, bytes("v"), -1, null)))
                        .isInstanceOf(UnknownPartitionException.class).hasMessageContaining("-1");
            }
        }
    }
}

package io.eddy.log;

import static io.eddy.log.TestRecords.record;
import static io.eddy.log.TestRecords.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Producers and consumers on many threads of one process; poll wake-ups. */
class ConcurrencyTest {
    private static final int PARTITIONS = 6;
    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = 3000;

    @TempDir
    Path dir;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private LogStore open() {
        return LogStore.open(dir, LogStoreOptions.defaults().withBackgroundMaintenance(false));
    }

    /** Value "producer:seq"; producer {@code p} sends its record {@code seq} to partition {@code (p + seq) % PARTITIONS}. */
    private static int partitionOf(int producer, int seq) {
        return (producer + seq) % PARTITIONS;
    }

    @Test
    void concurrentProducersAndConsumersSeeEveryRecordExactlyOnceInPerProducerOrder() throws Exception {
        try (LogStore log = open()) {
            log.createTopic("t", PARTITIONS, TopicConfig.builder().segmentBytes(16 * 1024).build());
            List<Future<?>> producers = new ArrayList<>();
            try (LogProducer shared = log.producer(new ProducerConfig(2048, Duration.ofMillis(1)))) {
                for (int p = 0; p < PRODUCERS; p++) {
                    int producer = p;
                    producers.add(threads.submit(() -> {
                        for (int seq = 0; seq < PER_PRODUCER; seq++) {
                            int partition = partitionOf(producer, seq);
                            String value = producer + ":" + seq;
                            if (producer % 2 == 0) {
                                shared.send(new ProducerRecord("t", partition, null, value.getBytes(), -1, null));
                            } else {
                                log.append(new TopicPartition("t", partition), List.of(record("t", null, value)));
                            }
                        }
                        return null;
                    }));
                }
                // two consumers, each owning half of the partitions, polling while the producers write
                List<Future<Map<Integer, List<String>>>> consumers = new ArrayList<>();
                for (int c = 0; c < 2; c++) {
                    List<TopicPartition> owned = new ArrayList<>();
                    for (int p = c; p < PARTITIONS; p += 2) {
                        owned.add(new TopicPartition("t", p));
                    }
                    consumers.add(threads.submit(() -> consumeUntil(log, owned, PRODUCERS * PER_PRODUCER / 2)));
                }
                for (Future<?> f : producers) {
                    f.get(60, TimeUnit.SECONDS);
                }
                shared.flush();

                Map<Integer, List<String>> byPartition = new HashMap<>();
                for (Future<Map<Integer, List<String>>> f : consumers) {
                    byPartition.putAll(f.get(60, TimeUnit.SECONDS));
                }
                assertExactlyOnceInProducerOrder(byPartition);
            }
        }
    }

    private static Map<Integer, List<String>> consumeUntil(LogStore log, List<TopicPartition> owned, int expected) {
        Map<Integer, List<String>> out = new HashMap<>();
        int seen = 0;
        try (LogConsumer consumer = log.consumer(ConsumerConfig.of(null).withMaxPollRecords(500))) {
            consumer.assign(owned);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (seen < expected && System.nanoTime() < deadline) {
                for (LogRecord r : consumer.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(string(r.value()));
                    seen++;
                }
            }
        }
        return out;
    }

    private static void assertExactlyOnceInProducerOrder(Map<Integer, List<String>> byPartition) {
        int total = 0;
        for (int partition = 0; partition < PARTITIONS; partition++) {
            int[] next = new int[PRODUCERS];
            for (int p = 0; p < PRODUCERS; p++) {
                next[p] = Math.floorMod(partition - p, PARTITIONS); // first seq producer p sends to this partition
            }
            for (String v : byPartition.getOrDefault(partition, List.of())) {
                int producer = Integer.parseInt(v.substring(0, v.indexOf(':')));
                int seq = Integer.parseInt(v.substring(v.indexOf(':') + 1));
                assertThat(seq).as("partition %d, producer %d: next record in order", partition, producer)
                        .isEqualTo(next[producer]);
                next[producer] += PARTITIONS;
                total++;
            }
            for (int p = 0; p < PRODUCERS; p++) {
                assertThat(next[p]).as("partition %d got all of producer %d", partition, p)
                        .isGreaterThanOrEqualTo(PER_PRODUCER);
            }
        }
        assertThat(total).isEqualTo(PRODUCERS * PER_PRODUCER);
    }

    @Test
    void concurrentAppendsToOnePartitionGetDistinctContiguousOffsets() throws Exception {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.builder().segmentBytes(4096).build());
            TopicPartition tp = new TopicPartition("t", 0);
            List<Future<List<Long>>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(threads.submit(() -> {
                    List<Long> bases = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        bases.add(log.append(tp, List.of(record("t", null, writer + ":" + i),
                                record("t", null, writer + ":" + i + "b"))));
                    }
                    return bases;
                }));
            }
            List<Long> allBases = new ArrayList<>();
            for (Future<List<Long>> f : writers) {
                allBases.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(allBases).doesNotHaveDuplicates().allMatch(b -> b % 2 == 0);
            assertThat(log.endOffset(tp)).isEqualTo(4000);
            List<LogRecord> all = TestRecords.readAll(log, tp);
            for (int i = 0; i < all.size(); i += 2) {
                assertThat(string(all.get(i + 1).value())).isEqualTo(string(all.get(i).value()) + "b");
            }
        }
    }

    @Test
    void pollBlockedOnAnEmptyPartitionReturnsSoonAfterAnAppend() throws Exception {
        try (LogStore log = open()) {
            log.createTopic("t", 2, TopicConfig.defaults());
            try (LogConsumer consumer = log.consumer(ConsumerConfig.of(null))) {
                consumer.subscribe(List.of("t"));
                AtomicReference<Thread> pollingThread = new AtomicReference<>();
                CompletableFuture<List<LogRecord>> polled = CompletableFuture.supplyAsync(() -> {
                    pollingThread.set(Thread.currentThread());
                    return consumer.poll(Duration.ofSeconds(10));
                }, threads);
                awaitBlocked(pollingThread);

                log.append(new TopicPartition("t", 1), List.of(record("t", null, "wake")));

                // poll's own timeout is 10 s; returning well before it proves the append woke it
                await().atMost(Duration.ofSeconds(5)).until(polled::isDone);
                assertThat(polled.get()).extracting(r -> string(r.value())).containsExactly("wake");
            }
        }
    }

    @Test
    void wakeupMakesABlockedPollThrowWakeupException() throws Exception {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            try (LogConsumer consumer = log.consumer(ConsumerConfig.of(null))) {
                consumer.subscribe(List.of("t"));
                AtomicReference<Thread> pollingThread = new AtomicReference<>();
                CompletableFuture<List<LogRecord>> polled = CompletableFuture.supplyAsync(() -> {
                    pollingThread.set(Thread.currentThread());
                    return consumer.poll(Duration.ofSeconds(10));
                }, threads);
                awaitBlocked(pollingThread);

                consumer.wakeup();

                await().atMost(Duration.ofSeconds(5)).until(polled::isDone);
                assertThatThrownBy(polled::join).hasCauseInstanceOf(WakeupException.class);
                // the wake-up is consumed: the consumer works normally afterwards
                log.append(new TopicPartition("t", 0), List.of(record("t", null, "after")));
                assertThat(consumer.poll(Duration.ofSeconds(5))).hasSize(1);
            }
        }
    }

    @Test
    void wakeupBeforePollMakesTheNextPollThrowOnce() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            log.append(new TopicPartition("t", 0), List.of(record("t", null, "x")));
            try (LogConsumer consumer = log.consumer(ConsumerConfig.of(null))) {
                consumer.subscribe(List.of("t"));
                consumer.wakeup();
                assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(WakeupException.class);
                assertThat(consumer.poll(Duration.ofSeconds(1))).hasSize(1);
            }
        }
    }

    /** Waits until the thread sits in a timed wait: the only one in poll is the wait for an append. */
    private static void awaitBlocked(AtomicReference<Thread> thread) {
        await().atMost(Duration.ofSeconds(5)).until(() -> thread.get() != null
                && thread.get().getState() == Thread.State.TIMED_WAITING);
    }
}

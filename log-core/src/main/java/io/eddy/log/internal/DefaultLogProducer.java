package io.eddy.log.internal;

import io.eddy.log.DefaultPartitioner;
import io.eddy.log.LogClosedException;
import io.eddy.log.LogProducer;
import io.eddy.log.ProducerConfig;
import io.eddy.log.ProducerRecord;
import io.eddy.log.RecordMetadata;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.log.UnknownPartitionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches records per partition: a sender encodes straight into its partition's open batch; the batch is appended
 * by the sending thread once it reaches the batch size, by a background thread once it has lingered, or on flush.
 */
final class DefaultLogProducer implements LogProducer {
    private final DefaultLogStore store;
    private final ProducerConfig config;
    private final Map<TopicPartition, PendingBatch> pending = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();
    private final Thread lingerThread;
    private volatile boolean closed;

    DefaultLogProducer(DefaultLogStore store, ProducerConfig config) {
        this.store = store;
        this.config = config;
        this.lingerThread = new Thread(this::lingerLoop, "eddy-producer-linger");
        lingerThread.setDaemon(true);
        lingerThread.start();
    }

    /** A partition's open batch and the futures of its records. Guarded by its own monitor. */
    private static final class PendingBatch {
        final TopicPartition tp;
        final RecordBatchBuilder builder;
        CompletableFuture<RecordMetadata>[] futures;
        long[] timestamps;
        int count;
        long openedAtNanos;

        @SuppressWarnings("unchecked")
        PendingBatch(TopicPartition tp, int capacity) {
            this.tp = tp;
            this.builder = new RecordBatchBuilder(capacity);
            this.futures = new CompletableFuture[64];
            this.timestamps = new long[64];
        }

        void add(CompletableFuture<RecordMetadata> f, long ts) {
            if (count == futures.length) {
                futures = Arrays.copyOf(futures, count * 2);
                timestamps = Arrays.copyOf(timestamps, count * 2);
            }
            futures[count] = f;
            timestamps[count++] = ts;
        }
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord record) {
        if (closed) {
            throw new LogClosedException("producer is closed");
        }
        TopicPartition tp = choosePartition(store, record, roundRobin);
        TopicConfig tc = store.topic(record.topic()).config();
        DefaultLogStore.validateRecord(tp, tc, record.key(), record.value(), record.headers());
        long ts = record.timestamp() < 0 ? store.options().clock().millis() : record.timestamp();
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        PendingBatch batch = pending.computeIfAbsent(tp, k -> new PendingBatch(k, config.batchBytes() + 1024));
        synchronized (batch) {
            if (batch.count == 0) {
                batch.openedAtNanos = System.nanoTime();
            }
            batch.builder.append(ts, record.key(), record.value(), record.headers());
            batch.add(future, ts);
            if (batch.builder.sizeInBytes() >= config.batchBytes()) {
                drain(batch);
            }
        }
        return future;
    }

    /**
     * @return the record's explicit partition, else Kafka's default partition of its key, else the next round-robin
     *     partition of its topic
     * @throws UnknownPartitionException if the explicit partition does not exist
     */
    static TopicPartition choosePartition(DefaultLogStore store, ProducerRecord record,
                                          Map<String, AtomicInteger> roundRobin) {
        TopicLog topic = store.topic(record.topic());
        int partition;
        if (record.partition() != null) {
            partition = record.partition();
            if (partition < 0 || partition >= topic.partitionCount()) {
                throw new UnknownPartitionException("partition " + partition + " does not exist in topic '"
                        + record.topic() + "', which has " + topic.partitionCount() + " partition(s)");
            }
        } else if (record.key() != null) {
            partition = DefaultPartitioner.partition(record.key(), topic.partitionCount());
        } else {
            AtomicInteger rr = roundRobin.computeIfAbsent(record.topic(), t -> new AtomicInteger());
            partition = (rr.getAndIncrement() & 0x7fffffff) % topic.partitionCount();
        }
        return topic.partition(partition).topicPartition();
    }

    /** Appends the batch and completes its futures; caller holds the batch's monitor. */
    private void drain(PendingBatch batch) {
        if (batch.count == 0) {
            return;
        }
        int n = batch.count;
        CompletableFuture<RecordMetadata>[] futures = batch.futures;
        try {
            long base = store.append(batch.tp, batch.builder);
            for (int i = 0; i < n; i++) {
                futures[i].complete(new RecordMetadata(batch.tp.topic(), batch.tp.partition(), base + i,
                        batch.timestamps[i]));
            }
        } catch (RuntimeException e) {
            for (int i = 0; i < n; i++) {
                futures[i].completeExceptionally(e);
            }
        } finally {
            Arrays.fill(futures, 0, n, null);
            batch.count = 0;
            batch.builder.reset();
        }
    }

    private void lingerLoop() {
        long lingerNanos = Math.max(config.linger().toNanos(), 100_000);
        while (!closed) {
            // park, not sleep/interrupt: an interrupt during an append would close the segment's file channel
            java.util.concurrent.locks.LockSupport.parkNanos(lingerNanos);
            long now = System.nanoTime();
            for (PendingBatch b : pending.values()) {
                synchronized (b) {
                    if (b.count > 0 && now - b.openedAtNanos >= config.linger().toNanos()) {
                        drainQuietly(b);
                    }
                }
            }
        }
    }

    private void drainQuietly(PendingBatch b) {
        if (store.isClosed()) {
            LogClosedException e = new LogClosedException("log store closed before the batch for " + b.tp
                    + " was appended");
            for (int i = 0; i < b.count; i++) {
                b.futures[i].completeExceptionally(e);
            }
            b.count = 0;
            b.builder.reset();
            return;
        }
        drain(b);
    }

    @Override
    public void flush() {
        List<PendingBatch> batches = new ArrayList<>(pending.values());
        for (PendingBatch b : batches) {
            synchronized (b) {
                drainQuietly(b);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        java.util.concurrent.locks.LockSupport.unpark(lingerThread);
        try {
            lingerThread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.removeClient(this);
    }
}

package io.eddy.log.internal;

import io.eddy.log.DefaultPartitioner;
import io.eddy.log.LogClosedException;
import io.eddy.log.LogException;
import io.eddy.log.LogProducer;
import io.eddy.log.ProducerConfig;
import io.eddy.log.ProducerRecord;
import io.eddy.log.RecordMetadata;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.log.UnknownPartitionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches records per partition. A sender encodes straight into its partition's open batch; a full batch (or one
 * that lingered, or any on flush) is handed to the producer's I/O thread, which checksums and appends it while senders
 * fill the partition's next batch, so encoding and the write to the file overlap. The thread appends each partition's
 * batches oldest first, so they land in the order they were filled.
 */
final class DefaultLogProducer implements LogProducer {
    private final DefaultLogStore store;
    private final ProducerConfig config;
    private final Map<TopicPartition, PendingBatch> pending = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<PendingBatch> handedOver = new LinkedBlockingQueue<>();
    private final Thread ioThread;
    private volatile boolean closed;
    private volatile boolean stopping;

    DefaultLogProducer(DefaultLogStore store, ProducerConfig config) {
        this.store = store;
        this.config = config;
        this.ioThread = new Thread(this::ioLoop, "eddy-producer-io");
        ioThread.setDaemon(true);
        ioThread.start();
    }

    /** Records encoded into one batch buffer, with their futures. */
    private static final class Chunk {
        final RecordBatchBuilder builder;
        CompletableFuture<RecordMetadata>[] futures;
        long[] timestamps;
        int count;
        long openedAtNanos;

        @SuppressWarnings("unchecked")
        Chunk(int capacity) {
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

        void reset() {
            Arrays.fill(futures, 0, count, null);
            count = 0;
            builder.reset();
        }
    }

    /**
     * A partition's open chunk, which senders fill, and the chunks handed to the I/O thread, oldest first (a few may
     * wait, so that neither the senders nor the I/O thread wait for the other at every batch). Guarded by its own
     * monitor, which is notified whenever the I/O thread is done with a chunk.
     */
    private static final class PendingBatch {
        final TopicPartition tp;
        Chunk open;
        final ArrayDeque<Chunk> inFlight = new ArrayDeque<>(MAX_IN_FLIGHT);
        /** Chunks appended whose futures the I/O thread is still completing (flush waits for those too). */
        int completing;
        private final ArrayDeque<Chunk> spares = new ArrayDeque<>(MAX_IN_FLIGHT);
        private final int capacity;

        PendingBatch(TopicPartition tp, int capacity) {
            this.tp = tp;
            this.capacity = capacity;
            this.open = new Chunk(capacity);
        }

        Chunk takeSpare() {
            Chunk c = spares.pollFirst();
            return c != null ? c : new Chunk(capacity);
        }

        void giveBack(Chunk c) {
            c.reset();
            if (spares.size() < MAX_IN_FLIGHT) {
                spares.addLast(c);
            }
        }
    }

    /** Chunks per partition the I/O thread may hold before a sender waits. */
    private static final int MAX_IN_FLIGHT = 8;
    /** A sender waiting for room is woken once the I/O thread holds this many chunks of its partition or fewer. */
    private static final int RESUME_AT = 2;

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
            Chunk c = batch.open;
            if (c.count == 0) {
                c.openedAtNanos = System.nanoTime();
            }
            c.builder.append(ts, record.key(), record.value(), record.headers());
            c.add(future, ts);
            if (c.builder.sizeInBytes() >= config.batchBytes()) {
                handOver(batch, true);
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

    /**
     * Hands the partition's open chunk to the I/O thread and opens a fresh one; caller holds the batch's monitor.
     * When the I/O thread already holds {@link #MAX_IN_FLIGHT} chunks of the partition, waits for it to finish one
     * with {@code wait}, else does nothing (the linger check, run by the I/O thread).
     */
    private void handOver(PendingBatch batch, boolean wait) {
        while (true) {
            if (batch.open.count == 0) {
                return; // nothing to hand over, or the linger check handed it over while this sender waited
            }
            if (batch.inFlight.size() < MAX_IN_FLIGHT) {
                break;
            }
            if (!wait) {
                return;
            }
            awaitGiveBack(batch);
        }
        batch.open.builder.prepareChecksum(); // the costly part of sealing, on the sender's thread
        batch.inFlight.addLast(batch.open);
        batch.open = batch.takeSpare();
        handedOver.add(batch);
    }

    /** Waits until the I/O thread is done with the batch's oldest chunk; on the I/O thread, appends it inline. */
    private void awaitGiveBack(PendingBatch batch) {
        if (Thread.currentThread() == ioThread) {
            append(batch); // a send or flush from a callback: the I/O thread would wait on itself
            return;
        }
        try {
            batch.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogException("interrupted while waiting to append to " + batch.tp, e);
        }
    }

    /**
     * The I/O thread: appends handed-over chunks in order and completes their futures; between them, hands over
     * batches that lingered. It is never interrupted (an interrupt during an append would close the segment's file
     * channel); close wakes it with {@link #stopping} and an empty wake-up.
     */
    private void ioLoop() {
        long lingerNanos = Math.max(config.linger().toNanos(), 100_000);
        long nextLingerCheck = System.nanoTime() + lingerNanos;
        while (true) {
            PendingBatch batch;
            try {
                batch = handedOver.poll(Math.max(0, nextLingerCheck - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                batch = null; // not expected: keep serving until close
            }
            if (batch != null && batch != WAKE_UP) {
                append(batch);
            }
            long now = System.nanoTime();
            if (now - nextLingerCheck >= 0) {
                for (PendingBatch b : pending.values()) {
                    synchronized (b) {
                        if (b.open.count > 0 && now - b.open.openedAtNanos >= config.linger().toNanos()) {
                            handOver(b, false);
                        }
                    }
                }
                nextLingerCheck = now + lingerNanos;
            }
            if (stopping && handedOver.isEmpty()) {
                return;
            }
        }
    }

    private static final PendingBatch WAKE_UP = new PendingBatch(new TopicPartition("-", 0), 0);

    /**
     * Appends the batch's in-flight chunk outside its monitor, takes it back from the I/O thread, then completes its
     * futures (so a callback may send again without waiting on itself), then keeps the chunk for reuse.
     */
    private void append(PendingBatch batch) {
        Chunk c;
        synchronized (batch) {
            c = batch.inFlight.peekFirst();
        }
        if (c == null) {
            return; // already appended inline by the I/O thread itself (see awaitGiveBack)
        }
        long base = -1;
        RuntimeException failure = null;
        try {
            if (store.isClosed()) {
                throw new LogClosedException("log store closed before the batch for " + batch.tp + " was appended");
            }
            base = store.append(batch.tp, c.builder);
        } catch (RuntimeException e) {
            failure = e;
        }
        synchronized (batch) {
            batch.inFlight.pollFirst();
            batch.completing++;
            // wake a waiting sender only once the queue ran low: it then refills several chunks in one go, instead
            // of being woken (a futex wake each) for every chunk
            if (batch.inFlight.size() <= RESUME_AT) {
                batch.notifyAll();
            }
        }
        for (int i = 0, n = c.count; i < n; i++) {
            if (failure == null) {
                c.futures[i].complete(new RecordMetadata(batch.tp.topic(), batch.tp.partition(), base + i,
                        c.timestamps[i]));
            } else {
                c.futures[i].completeExceptionally(failure);
            }
        }
        synchronized (batch) {
            batch.completing--;
            batch.giveBack(c);
            batch.notifyAll();
        }
    }

    @Override
    public void flush() {
        List<PendingBatch> batches = new ArrayList<>(pending.values());
        for (PendingBatch b : batches) {
            synchronized (b) {
                handOver(b, true);
                // until appended and their futures completed (a flush from a callback cannot wait for the
                // completion running it)
                while (!b.inFlight.isEmpty() || (b.completing > 0 && Thread.currentThread() != ioThread)) {
                    awaitGiveBack(b);
                }
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
        stopping = true;
        handedOver.add(WAKE_UP);
        try {
            ioThread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.removeClient(this);
    }
}

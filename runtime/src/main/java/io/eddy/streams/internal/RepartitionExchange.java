package io.eddy.streams.internal;

import io.eddy.streams.errors.StreamsException;
import io.eddy.streams.processor.api.Record;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands records crossing a repartition boundary from upstream tasks to downstream tasks in memory instead of through
 * the log: one queue per (repartition topic, partition), drained by the task that reads that partition. Counts the
 * records in flight so a commit can wait until none is left (the consistent cut). Thread-safe.
 */
final class RepartitionExchange {
    private final Map<String, ExchangeQueue[]> queues = new HashMap<>();
    private final AtomicLong inFlight = new AtomicLong();

    /**
     * One partition's queue, with a hook waking the thread that owns the reading task. Records sent by the owner
     * thread itself go to a plain deque (no atomics); records from other threads go to a concurrent queue.
     */
    static final class ExchangeQueue {
        final String topic;
        final int partition;
        final Queue<StampedRecord> records = new ConcurrentLinkedQueue<>();
        final java.util.ArrayDeque<StampedRecord> local = new java.util.ArrayDeque<>();
        volatile Thread owner;
        volatile Runnable wakeOwner = () -> { };

        /** @return the next record, local ones first; only the owner (or the committing thread at a cut) calls it */
        StampedRecord poll() {
            StampedRecord r = local.pollFirst();
            return r != null ? r : records.poll();
        }

        ExchangeQueue(String topic, int partition) {
            this.topic = topic;
            this.partition = partition;
        }
    }

    void register(String topic, int partitions) {
        ExchangeQueue[] qs = new ExchangeQueue[partitions];
        for (int i = 0; i < partitions; i++) {
            qs[i] = new ExchangeQueue(topic, i);
        }
        queues.put(topic, qs);
    }

    boolean handles(String topic) {
        return queues.containsKey(topic);
    }

    ExchangeQueue queue(String topic, int partition) {
        ExchangeQueue[] qs = queues.get(topic);
        if (qs == null || partition >= qs.length) {
            throw new StreamsException("no in-memory exchange for " + topic + "-" + partition);
        }
        return qs[partition];
    }

    /**
     * @return the topic's queues, one per partition, for a sender that looks them up once
     * @throws StreamsException if the topic has no in-memory exchange
     */
    ExchangeQueue[] queues(String topic) {
        ExchangeQueue[] qs = queues.get(topic);
        if (qs == null) {
            throw new StreamsException("no in-memory exchange for " + topic);
        }
        return qs;
    }

    void send(String topic, int partition, Record<Object, Object> record) {
        send(queue(topic, partition), record);
    }

    void send(ExchangeQueue q, Record<Object, Object> record) {
        inFlight.incrementAndGet();
        StampedRecord r = new StampedRecord(record.key(), record.value(), record.timestamp(),
                record.headers().isEmpty() ? record.headers() : record.headers().copy(), q.topic, q.partition, -1);
        if (Thread.currentThread() == q.owner) {
            q.local.addLast(r);
        } else {
            q.records.add(r);
            q.wakeOwner.run();
        }
    }

    /** Called by the reading task for records it took from a queue (in batches, at the latest when it ran dry). */
    void consumed(int n) {
        inFlight.addAndGet(-n);
    }

    long inFlight() {
        return inFlight.get();
    }

    /** Drops everything in flight (the app rolls back to its last commit). */
    void clear() {
        for (ExchangeQueue[] qs : queues.values()) {
            for (ExchangeQueue q : qs) {
                q.records.clear();
                q.local.clear();
            }
        }
        inFlight.set(0);
    }
}

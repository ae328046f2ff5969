package io.eddy.streams.internal;

import java.util.ArrayDeque;

/** The buffered, deserialized records of one input partition of a task, in offset order. Thread-confined. */
final class RecordQueue {
    final String topic;
    final int partition;
    final SourceNodeRuntime source;
    private final ArrayDeque<StampedRecord> records = new ArrayDeque<>();
    private final RepartitionExchange.ExchangeQueue exchange;
    private final RepartitionExchange exchangeOwner;
    /**
     * Exchange records taken for processing and not yet reported to the exchange's in-flight count: reported in one
     * update whenever this queue runs dry (a commit drains every queue dry before it checks the count), instead of an
     * atomic update per record.
     */
    private int unreportedConsumed;
    /** Largest timestamp extracted in this partition, passed to timestamp extractors. */
    long partitionTime = -1;
    /** Offset after the last record taken from this queue for processing; -1 before any. */
    volatile long processedUpTo = -1;
    /** True when the log holds no more for this partition than what was fetched (no reason to wait for it). */
    boolean caughtUp = true;

    RecordQueue(String topic, int partition, SourceNodeRuntime source) {
        this(topic, partition, source, null, null);
    }

    RecordQueue(String topic, int partition, SourceNodeRuntime source, RepartitionExchange.ExchangeQueue exchange,
                RepartitionExchange exchangeOwner) {
        this.topic = topic;
        this.partition = partition;
        this.source = source;
        this.exchange = exchange;
        this.exchangeOwner = exchangeOwner;
    }

    boolean fromExchange() {
        return exchange != null;
    }

    void add(StampedRecord r) {
        records.addLast(r);
    }

    /** @return the head record, pulling from the in-memory exchange first if this is an exchange partition */
    StampedRecord peek() {
        if (records.isEmpty() && exchange != null) {
            reportConsumed();
            StampedRecord r;
            int n = 0;
            while (n < 1000 && (r = exchange.poll()) != null) {
                records.addLast(r);
                n++;
            }
        }
        return records.peekFirst();
    }

    StampedRecord poll() {
        StampedRecord r = records.pollFirst();
        if (r != null && exchange != null) {
            unreportedConsumed++;
        }
        return r;
    }

    int size() {
        return records.size();
    }

    boolean isEmpty() {
        return peek() == null;
    }

    void clear() {
        records.clear();
        if (exchange != null) {
            reportConsumed();
        }
    }

    private void reportConsumed() {
        if (unreportedConsumed > 0) {
            exchangeOwner.consumed(unreportedConsumed);
            unreportedConsumed = 0;
        }
    }
}

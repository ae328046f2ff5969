package io.eddy.log.internal;

import io.eddy.log.LogClosedException;
import io.eddy.log.LogException;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.ProducerConfig;
import io.eddy.log.ProducerFencedException;
import io.eddy.log.ProducerRecord;
import io.eddy.log.RecordMetadata;
import io.eddy.log.TopicPartition;
import io.eddy.log.TransactionalProducer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches a transaction's records per partition, appending a batch once full and the rest at commit; see
 * {@link TransactionalProducer} and {@link TransactionCoordinator} for the protocol. Every method holds the
 * transactional id's {@link TransactionCoordinator.Entry} monitor.
 */
final class DefaultTransactionalProducer implements TransactionalProducer {
    private enum State { READY, IN_TRANSACTION, FAILED, CLOSED }

    private final DefaultLogStore store;
    private final TransactionCoordinator coordinator;
    private final TransactionCoordinator.Entry entry;
    private final ProducerConfig config;
    private final long producerId;
    private final short epoch;
    private final Map<String, AtomicInteger> roundRobin = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Pending> pending = new LinkedHashMap<>();
    private final Set<PartitionLog> touched = new LinkedHashSet<>();
    private State state = State.READY;
    private int sequence;

    /** A partition's open batch, and the futures of its records sent one at a time. */
    private static final class Pending {
        final PartitionLog log;
        final RecordBatchBuilder builder;
        /** Records in the open batch. */
        int count;
        final List<Waiter> waiters = new ArrayList<>();

        Pending(PartitionLog log, int capacity) {
            this.log = log;
            this.builder = new RecordBatchBuilder(capacity);
        }
    }

    /** The future of the record at {@code index} in its partition's open batch. */
    private record Waiter(int index, long timestamp, CompletableFuture<RecordMetadata> future) {
    }

    DefaultTransactionalProducer(DefaultLogStore store, TransactionCoordinator coordinator,
                                 TransactionCoordinator.Entry entry, ProducerConfig config) {
        this.store = store;
        this.coordinator = coordinator;
        this.entry = entry;
        this.config = config;
        synchronized (entry) {
            this.producerId = entry.producerId;
            this.epoch = entry.epoch;
        }
    }

    @Override
    public String transactionalId() {
        return entry.transactionalId;
    }

    @Override
    public short epoch() {
        return epoch;
    }

    private void checkUsable(State required) {
        if (state == State.CLOSED) {
            throw new LogClosedException("transactional producer '" + entry.transactionalId + "' is closed");
        }
        if (state == State.FAILED) {
            throw new LogException("transactional producer '" + entry.transactionalId + "' failed while completing"
                    + " a transaction; close it (recovery completes the transaction when the log is reopened)");
        }
        TransactionCoordinator.checkEpoch(entry, producerId, epoch);
        if (required != null && state != required) {
            throw new IllegalStateException("transactional producer '" + entry.transactionalId + "': "
                    + (required == State.READY ? "a transaction is already open" : "no transaction is open")
                    + "; call " + (required == State.READY ? "commitTransaction or abortTransaction" : "beginTransaction")
                    + " first");
        }
    }

    @Override
    public void beginTransaction() {
        synchronized (entry) {
            checkUsable(State.READY);
            state = State.IN_TRANSACTION;
        }
    }

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord record) {
        synchronized (entry) {
            checkUsable(State.IN_TRANSACTION);
            TopicPartition tp = DefaultLogProducer.choosePartition(store, record, roundRobin);
            PartitionLog log = store.partition(tp);
            DefaultLogStore.validateRecord(tp, log.config(), record.key(), record.value(), record.headers());
            long ts = record.timestamp() < 0 ? store.options().clock().millis() : record.timestamp();
            Pending p = pending.computeIfAbsent(tp, k -> new Pending(log, config.batchBytes() + 1024));
            p.builder.append(ts, record.key(), record.value(), record.headers());
            CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
            p.waiters.add(new Waiter(p.count++, ts, future));
            if (p.builder.sizeInBytes() >= config.batchBytes()) {
                drain(tp, p);
            }
            return future;
        }
    }

    @Override
    public void sendAll(TopicPartition tp, List<ProducerRecord> records) {
        synchronized (entry) {
            checkUsable(State.IN_TRANSACTION);
            PartitionLog log = store.partition(tp);
            io.eddy.log.TopicConfig tc = log.config();
            for (int i = 0, n = records.size(); i < n; i++) {
                ProducerRecord r = records.get(i);
                DefaultLogStore.validateRecord(tp, tc, r.key(), r.value(), r.headers());
            }
            Pending p = pending.computeIfAbsent(tp, k -> new Pending(log, config.batchBytes() + 1024));
            long now = -1;
            for (int i = 0, n = records.size(); i < n; i++) {
                ProducerRecord r = records.get(i);
                long ts = r.timestamp();
                if (ts < 0) {
                    ts = now < 0 ? (now = store.options().clock().millis()) : now;
                }
                p.builder.append(ts, r.key(), r.value(), r.headers());
                p.count++;
                if (p.builder.sizeInBytes() >= config.batchBytes()) {
                    drain(tp, p);
                }
            }
        }
    }

    /** Appends a partition's pending batch as part of the transaction. */
    private void drain(TopicPartition tp, Pending p) {
        if (p.builder.isEmpty()) {
            return;
        }
        p.builder.setProducer(producerId, epoch, sequence, true);
        touched.add(p.log);
        try {
            long base = p.log.append(p.builder);
            for (Waiter w : p.waiters) {
                w.future().complete(new RecordMetadata(tp.topic(), tp.partition(), base + w.index(), w.timestamp()));
            }
        } catch (RuntimeException e) {
            p.waiters.forEach(w -> w.future().completeExceptionally(e));
            throw e;
        } finally {
            p.waiters.clear();
            p.count = 0;
            p.builder.reset();
        }
    }

    @Override
    public void flush() {
        synchronized (entry) {
            checkUsable(State.IN_TRANSACTION);
            pending.forEach(this::drain);
        }
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, String groupId) {
        synchronized (entry) {
            checkUsable(State.IN_TRANSACTION);
            if (groupId == null || groupId.isEmpty()) {
                throw new IllegalArgumentException("consumer group id must not be empty");
            }
            if (offsets.isEmpty()) {
                return;
            }
            for (TopicPartition tp : offsets.keySet()) {
                store.partition(tp);
            }
            RecordBatchBuilder b = store.groupOffsetStore().encode(groupId, offsets, store.options().clock().millis());
            b.setProducer(producerId, epoch, sequence, true);
            PartitionLog log = store.groupOffsetStore().log();
            touched.add(log);
            log.append(b);
        }
    }

    @Override
    public void commitTransaction() {
        synchronized (entry) {
            checkUsable(State.IN_TRANSACTION);
            try {
                pending.forEach(this::drain);
            } catch (RuntimeException e) {
                abortQuietly(e);
                throw e;
            }
            state = State.FAILED; // until the decision and markers are written
            coordinator.commit(entry, sequence, touched);
            boolean offsets = touched.contains(store.groupOffsetStore().log());
            finish();
            if (offsets) {
                store.groupOffsetStore().catchUp();
            }
        }
    }

    @Override
    public void abortTransaction() {
        synchronized (entry) {
            checkUsable(State.IN_TRANSACTION);
            abortLocked();
        }
    }

    private void abortLocked() {
        LogException aborted = new LogException("transaction " + sequence + " of '" + entry.transactionalId
                + "' was aborted before the record was appended");
        for (Pending p : pending.values()) {
            p.waiters.forEach(w -> w.future().completeExceptionally(aborted));
            p.waiters.clear();
            p.count = 0;
            p.builder.reset();
        }
        state = State.FAILED;
        coordinator.abort(entry, sequence, touched);
        finish();
    }

    private void abortQuietly(RuntimeException cause) {
        try {
            abortLocked();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private void finish() {
        touched.clear();
        sequence++;
        state = State.READY;
    }

    @Override
    public void close() {
        synchronized (entry) {
            if (state == State.CLOSED) {
                return;
            }
            try {
                if (state == State.IN_TRANSACTION) {
                    TransactionCoordinator.checkEpoch(entry, producerId, epoch);
                    abortLocked();
                }
            } catch (ProducerFencedException e) {
                // the newer producer already aborted our transaction
            } finally {
                state = State.CLOSED;
                store.removeClient(this);
            }
        }
    }
}

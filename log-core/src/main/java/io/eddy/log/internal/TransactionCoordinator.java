package io.eddy.log.internal;

import io.eddy.log.LogException;
import io.eddy.log.LogRecord;
import io.eddy.log.ProducerFencedException;
import io.eddy.log.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides transactions and keeps their state durable in {@code __transaction_state} (see
 * {@link TransactionStateRecord}); writes the markers; fences zombies; and, on open, finishes what a crash
 * interrupted. Only a writable log has one.
 *
 * <p>The commit protocol, for transaction {@code s} of producer id {@code p} at epoch {@code e}:
 * <ol>
 *   <li>its batches (carrying {@code p, e, s}) are appended and fsynced;</li>
 *   <li>{@code PREPARE_COMMIT(p, e, s, partitions)} is appended and fsynced — the commit point;</li>
 *   <li>a commit marker is appended to each partition, then {@code COMPLETE_COMMIT}.</li>
 * </ol>
 * An abort writes abort markers and {@code COMPLETE_ABORT}; it needs no decision record, since a transaction without
 * a commit decision is aborted by recovery. Recovery looks at every partition's open transactions: one whose
 * {@code (p, e, s)} matches a committed decision naming that partition gets a commit marker, any other an abort marker.
 *
 * <p>Per transactional id, every step that appends (a producer's sends and markers, fencing) runs holding that id's
 * {@link Entry} monitor, so a fenced producer can append nothing after the new epoch exists.
 */
public final class TransactionCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCoordinator.class);

    /** Test hook: where a simulated crash may stop a commit. */
    public enum Step { DECIDED, MARKER_WRITTEN }

    /** Test hook called at each {@link Step}; throwing from it or blocking in it simulates a crash at that point. */
    @FunctionalInterface
    public interface StepListener {
        void reached(Step step, TopicPartition partition);
    }

    private volatile StepListener stepListener = (step, tp) -> { };

    public void setStepListener(StepListener listener) {
        this.stepListener = listener;
    }

    /** A transactional id's durable state; its monitor serializes the id's writes. */
    static final class Entry {
        final String transactionalId;
        long producerId;
        short epoch;
        TransactionStateRecord last;

        Entry(String transactionalId) {
            this.transactionalId = transactionalId;
        }
    }

    private final Supplier<Iterable<PartitionLog>> allPartitions;
    private final java.time.Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<Long, Entry> byProducerId = new HashMap<>();
    private PartitionLog stateLog;
    private long nextProducerId;

    TransactionCoordinator(Supplier<Iterable<PartitionLog>> allPartitions, java.time.Clock clock) {
        this.allPartitions = allPartitions;
        this.clock = clock;
    }

    /** Loads the states stored in {@code log} (the one partition of {@code __transaction_state}). */
    synchronized void attach(PartitionLog log) {
        if (stateLog == log) {
            return;
        }
        stateLog = log;
        ScanBuffer scratch = new ScanBuffer(1 << 16);
        List<LogRecord> batch = new ArrayList<>();
        long offset = log.startOffset();
        while (offset < log.endOffset()) {
            batch.clear();
            long next = log.read(offset, 1 << 20, Integer.MAX_VALUE, scratch, batch);
            for (LogRecord r : batch) {
                if (r.value() == null) {
                    Entry gone = entries.remove(TransactionStateRecord.transactionalId(r.key(), r.offset()));
                    if (gone != null) {
                        byProducerId.remove(gone.producerId);
                    }
                    continue;
                }
                TransactionStateRecord s = TransactionStateRecord.parse(r.key(), r.value(), r.offset());
                Entry e = entries.computeIfAbsent(s.transactionalId(), Entry::new);
                byProducerId.remove(e.producerId);
                e.producerId = s.producerId();
                e.epoch = s.epoch();
                e.last = s;
                byProducerId.put(e.producerId, e);
                nextProducerId = Math.max(nextProducerId, s.producerId() + 1);
            }
            if (next <= offset) {
                break;
            }
            offset = next;
        }
    }

    synchronized boolean attached() {
        return stateLog != null;
    }

    /**
     * Fences every earlier producer of {@code transactionalId}: aborts its open transaction, bumps the epoch and
     * persists it (fsynced).
     *
     * @return the id's entry, holding the new producer id and epoch
     */
    Entry initProducer(String transactionalId) {
        Entry e;
        synchronized (this) {
            e = entries.computeIfAbsent(transactionalId, Entry::new);
            if (e.last == null) {
                e.producerId = nextProducerId++;
                e.epoch = -1;
                byProducerId.put(e.producerId, e);
            }
        }
        synchronized (e) {
            abortOpen(e.producerId, "fencing an earlier producer of '" + transactionalId + "'");
            if (e.epoch == Short.MAX_VALUE) {
                synchronized (this) {
                    byProducerId.remove(e.producerId);
                    e.producerId = nextProducerId++;
                    byProducerId.put(e.producerId, e);
                }
                e.epoch = 0;
            } else {
                e.epoch++;
            }
            writeState(e, new TransactionStateRecord(transactionalId, e.producerId, e.epoch, -1,
                    TransactionStateRecord.State.EMPTY, List.of(), clock.millis()), true);
        }
        return e;
    }

    /** Throws unless {@code epoch} is the entry's current epoch; caller holds the entry's monitor. */
    static void checkEpoch(Entry e, long producerId, short epoch) {
        if (e.producerId != producerId || e.epoch != epoch) {
            throw new ProducerFencedException("transactional producer '" + e.transactionalId + "' with epoch " + epoch
                    + " (producer id " + producerId + ") was fenced by a newer producer with epoch " + e.epoch
                    + " (producer id " + e.producerId + "); its transaction was aborted. Close it");
        }
    }

    /**
     * Commits transaction {@code sequence}: fsyncs its partitions, records the decision durably, writes the markers.
     * Caller holds the entry's monitor and has appended every batch.
     */
    void commit(Entry e, int sequence, Set<PartitionLog> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        List<TopicPartition> tps = new ArrayList<>();
        for (PartitionLog p : partitions) {
            p.flush();
            tps.add(p.topicPartition());
        }
        writeState(e, new TransactionStateRecord(e.transactionalId, e.producerId, e.epoch, sequence,
                TransactionStateRecord.State.PREPARE_COMMIT, tps, clock.millis()), true);
        stepListener.reached(Step.DECIDED, null);
        for (PartitionLog p : partitions) {
            p.appendMarker(TransactionMarker.Type.COMMIT, e.producerId, e.epoch, sequence);
            stepListener.reached(Step.MARKER_WRITTEN, p.topicPartition());
        }
        writeState(e, new TransactionStateRecord(e.transactionalId, e.producerId, e.epoch, sequence,
                TransactionStateRecord.State.COMPLETE_COMMIT, tps, clock.millis()), false);
    }

    /** Aborts transaction {@code sequence}; caller holds the entry's monitor. */
    void abort(Entry e, int sequence, Set<PartitionLog> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        List<TopicPartition> tps = new ArrayList<>();
        for (PartitionLog p : partitions) {
            p.appendMarker(TransactionMarker.Type.ABORT, e.producerId, e.epoch, sequence);
            tps.add(p.topicPartition());
        }
        writeState(e, new TransactionStateRecord(e.transactionalId, e.producerId, e.epoch, sequence,
                TransactionStateRecord.State.COMPLETE_ABORT, tps, clock.millis()), false);
    }

    /** Writes abort markers wherever {@code producerId} has an open transaction. */
    private void abortOpen(long producerId, String why) {
        for (PartitionLog p : allPartitions.get()) {
            TransactionIndex.OpenTransaction t = p.transactionIndex().openTransaction(producerId);
            if (t != null) {
                LOG.info("{}: aborting its open transaction in {} (from offset {})", why, p.topicPartition(),
                        t.firstOffset());
                p.appendMarker(TransactionMarker.Type.ABORT, producerId, t.epoch(), t.sequence());
                p.flush();
            }
        }
    }

    /**
     * Completes every transaction a crash left open: commits those with a durable commit decision naming the
     * partition, aborts the others, and fsyncs the markers.
     *
     * @return one line per marker written, for the log
     */
    synchronized List<String> recover() {
        List<String> report = new ArrayList<>();
        Set<Entry> rolledForward = new LinkedHashSet<>();
        for (PartitionLog p : allPartitions.get()) {
            boolean wrote = false;
            for (TransactionIndex.OpenTransaction t : p.transactionIndex().openTransactions()) {
                Entry e = byProducerId.get(t.producerId());
                TransactionStateRecord s = e == null ? null : e.last;
                boolean commit = s != null && s.state().committed() && s.producerId() == t.producerId()
                        && s.epoch() == t.epoch() && s.sequence() == t.sequence()
                        && s.partitions().contains(p.topicPartition());
                TransactionMarker.Type type = commit ? TransactionMarker.Type.COMMIT : TransactionMarker.Type.ABORT;
                p.appendMarker(type, t.producerId(), t.epoch(), t.sequence());
                wrote = true;
                if (commit) {
                    rolledForward.add(e);
                }
                report.add("recovered " + p.topicPartition() + ": " + (commit ? "committed" : "aborted")
                        + " the transaction of producer id " + t.producerId() + " (epoch " + t.epoch() + ", sequence "
                        + t.sequence() + (e == null ? "" : ", transactional id '" + e.transactionalId + "'")
                        + ") open from offset " + t.firstOffset());
            }
            if (wrote) {
                p.flush();
            }
        }
        for (Entry e : entries.values()) {
            if (e.last != null && e.last.state() == TransactionStateRecord.State.PREPARE_COMMIT) {
                rolledForward.add(e);
            }
        }
        for (Entry e : rolledForward) {
            TransactionStateRecord s = e.last;
            writeState(e, new TransactionStateRecord(s.transactionalId(), s.producerId(), s.epoch(), s.sequence(),
                    TransactionStateRecord.State.COMPLETE_COMMIT, s.partitions(), clock.millis()), true);
        }
        report.forEach(LOG::warn);
        return report;
    }

    private void writeState(Entry e, TransactionStateRecord s, boolean fsync) {
        PartitionLog log;
        synchronized (this) {
            log = stateLog;
        }
        if (log == null) {
            throw new LogException("internal error: " + io.eddy.log.LogStore.TRANSACTION_STATE_TOPIC
                    + " is not open while writing the state of '" + e.transactionalId + "'");
        }
        RecordBatchBuilder b = new RecordBatchBuilder(256);
        b.append(s.timestamp(), s.key(), s.value(), null);
        log.append(b);
        if (fsync) {
            log.flush();
        }
        e.last = s;
    }
}

package io.eddy.log.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One partition's transactions, in memory: the open transaction of each producer id (from its first batch), and the
 * aborted ones as offset ranges {@code [first batch, marker)} per producer id. Built by scanning the partition's batch
 * headers on open and kept current by appends (or, read-only, by scanning what a writer appended). Nothing of it is
 * stored on disk: the markers in the segments are the truth.
 *
 * <p>Thread-safe. A writer updates it <em>before</em> the batch is in the segment, so a reader that sees a batch (by
 * the segment's published end) also sees what the index says of it.
 */
final class TransactionIndex {
    /** A transaction with batches in this partition and no marker yet. */
    record OpenTransaction(long producerId, short epoch, int sequence, long firstOffset) {
    }

    /** How a transactional batch stands. */
    enum Status { OPEN, COMMITTED, ABORTED }

    private final Map<Long, OpenTransaction> open = new HashMap<>();
    private final Map<Long, NavigableMap<Long, Long>> aborted = new HashMap<>();
    private long indexedUpTo;

    TransactionIndex(long indexedUpTo) {
        this.indexedUpTo = indexedUpTo;
    }

    /** A transactional data batch {@code [base, last]} of {@code producerId}. */
    synchronized void onData(long producerId, short epoch, int sequence, long base, long last) {
        open.putIfAbsent(producerId, new OpenTransaction(producerId, epoch, sequence, base));
        indexedUpTo = Math.max(indexedUpTo, last + 1);
    }

    /** A marker at {@code offset} ending {@code producerId}'s open transaction, if it has one. */
    synchronized void onMarker(long producerId, TransactionMarker.Type type, long offset) {
        OpenTransaction t = open.remove(producerId);
        if (t != null && type == TransactionMarker.Type.ABORT) {
            aborted.computeIfAbsent(producerId, p -> new TreeMap<>()).put(t.firstOffset(), offset);
        }
        indexedUpTo = Math.max(indexedUpTo, offset + 1);
    }

    /** A batch that is not transactional. */
    synchronized void onOther(long last) {
        indexedUpTo = Math.max(indexedUpTo, last + 1);
    }

    /** @return the offset up to which batches were seen */
    synchronized long indexedUpTo() {
        return indexedUpTo;
    }

    /**
     * @return the first offset that may belong to an undecided transaction: the earliest open transaction's first
     *     offset, or the end of what was indexed
     */
    synchronized long firstUnstableOffset() {
        long min = indexedUpTo;
        for (OpenTransaction t : open.values()) {
            min = Math.min(min, t.firstOffset());
        }
        return min;
    }

    /** @return true if the transactional batch of {@code producerId} at {@code offset} was aborted */
    synchronized boolean isAborted(long producerId, long offset) {
        NavigableMap<Long, Long> ranges = aborted.get(producerId);
        if (ranges == null) {
            return false;
        }
        Map.Entry<Long, Long> e = ranges.floorEntry(offset);
        return e != null && offset < e.getValue();
    }

    /** @return the status of the transactional batch of {@code producerId} at {@code offset} */
    synchronized Status status(long producerId, long offset) {
        OpenTransaction t = open.get(producerId);
        if (t != null && offset >= t.firstOffset()) {
            return Status.OPEN;
        }
        return isAborted(producerId, offset) ? Status.ABORTED : Status.COMMITTED;
    }

    synchronized List<OpenTransaction> openTransactions() {
        return new ArrayList<>(open.values());
    }

    synchronized OpenTransaction openTransaction(long producerId) {
        return open.get(producerId);
    }

    /** @return an independent copy, whose answers do not change with later appends (for a compaction pass) */
    synchronized TransactionIndex snapshot() {
        TransactionIndex copy = new TransactionIndex(indexedUpTo);
        copy.open.putAll(open);
        aborted.forEach((pid, ranges) -> copy.aborted.put(pid, new TreeMap<>(ranges)));
        return copy;
    }

    /** Forgets aborted ranges that end below {@code startOffset} (their batches are gone with retention). */
    synchronized void dropBelow(long startOffset) {
        aborted.values().forEach(r -> r.values().removeIf(end -> end < startOffset));
        aborted.values().removeIf(Map::isEmpty);
    }
}

package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.InvalidStateStoreException;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.KeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Iterates the composite keys in {@code [lower, upper]} of several time segments, keeping those the filter accepts.
 *
 * <p>Two modes: for a single key, segments are read one after the other (in segment order, which for one key is time
 * order) and each segment's iterator is opened only when reached; for key ranges, every segment's iterator is opened
 * up front and their entries are merged by raw composite-key order, so results are ordered by key bytes, then time,
 * across segments.
 *
 * <p>A segment dropped by the writer while this iterator (on a query thread) reads it contributes what it had read,
 * and nothing more: its entries had expired. Not thread-safe; {@link #close} is idempotent and may race with the store
 * closing it.
 */
final class SegmentedRangeIterator implements KeyValueIterator<Bytes, byte[]> {

    private final AbstractSegmentedBytesStore owner;
    private final List<KeyValueStore<Bytes, byte[]>> segments;
    private final Bytes lower;
    private final Bytes upper;
    private final Predicate<byte[]> filter;
    private final boolean merge;
    private final boolean forward;
    private final List<KeyValueIterator<Bytes, byte[]>> opened = new ArrayList<>();
    private final List<KeyValueStore<Bytes, byte[]>> openedSegments = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private int nextSegment;
    private KeyValue<Bytes, byte[]> next;

    SegmentedRangeIterator(AbstractSegmentedBytesStore owner, List<KeyValueStore<Bytes, byte[]>> segments, Bytes lower,
            Bytes upper, Predicate<byte[]> filter, boolean merge, boolean forward) {
        this.owner = owner;
        this.segments = segments;
        this.lower = lower;
        this.upper = upper;
        this.filter = filter;
        this.merge = merge;
        this.forward = forward;
        if (merge) {
            for (KeyValueStore<Bytes, byte[]> segment : segments) {
                openNext(segment);
            }
        }
    }

    private void openNext(KeyValueStore<Bytes, byte[]> segment) {
        KeyValueIterator<Bytes, byte[]> iterator;
        try {
            iterator = forward ? segment.range(lower, upper) : segment.reverseRange(lower, upper);
        } catch (InvalidStateStoreException e) {
            if (segment.isOpen() || !owner.isOpen()) {
                throw e;
            }
            iterator = KeyValueIterators.empty(); // dropped concurrently: it held expired entries only
        }
        opened.add(iterator);
        openedSegments.add(segment);
    }

    private boolean segmentHasNext(int index) {
        try {
            return opened.get(index).hasNext();
        } catch (InvalidStateStoreException e) {
            if (openedSegments.get(index).isOpen() || !owner.isOpen()) {
                throw e;
            }
            return false;
        }
    }

    @Override
    public boolean hasNext() {
        if (closed.get()) {
            throw new InvalidStateStoreException("Iterator of store '" + owner.name() + "' is closed");
        }
        while (next == null) {
            KeyValue<Bytes, byte[]> candidate = merge ? nextMerged() : nextConcatenated();
            if (candidate == null) {
                return false;
            }
            if (filter.test(candidate.key.get())) {
                next = candidate;
            }
        }
        return true;
    }

    private KeyValue<Bytes, byte[]> nextConcatenated() {
        while (true) {
            int current = opened.size() - 1;
            if (current >= 0 && segmentHasNext(current)) {
                return opened.get(current).next();
            }
            if (nextSegment >= segments.size()) {
                return null;
            }
            if (current >= 0) {
                opened.get(current).close();
            }
            openNext(segments.get(nextSegment++));
        }
    }

    private KeyValue<Bytes, byte[]> nextMerged() {
        int best = -1;
        Bytes bestKey = null;
        for (int i = 0; i < opened.size(); i++) {
            if (!segmentHasNext(i)) {
                continue;
            }
            Bytes key = opened.get(i).peekNextKey();
            if (best < 0 || (forward ? key.compareTo(bestKey) < 0 : key.compareTo(bestKey) > 0)) {
                best = i;
                bestKey = key;
            }
        }
        return best < 0 ? null : opened.get(best).next();
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more entries in store '" + owner.name() + "'");
        }
        KeyValue<Bytes, byte[]> result = next;
        next = null;
        return result;
    }

    @Override
    public Bytes peekNextKey() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more entries in store '" + owner.name() + "'");
        }
        return next.key;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (KeyValueIterator<Bytes, byte[]> iterator : opened) {
            iterator.close();
        }
        owner.iteratorClosed(this);
    }
}

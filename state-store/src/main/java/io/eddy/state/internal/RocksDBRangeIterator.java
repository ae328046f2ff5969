package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.InvalidStateStoreException;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/**
 * Iterates a key range of a {@link RocksDBStore} forwards or backwards. The underlying RocksDB iterator reads the
 * point-in-time view of the database taken when it was created. Not thread-safe; closing is idempotent and may race
 * with the store closing it.
 */
final class RocksDBRangeIterator implements KeyValueIterator<Bytes, byte[]> {

    private final RocksDBStore store;
    private final ReadOptions readOptions;
    private final RocksIterator iterator;
    private final Bytes from;
    private final Bytes to;
    private final boolean toInclusive;
    private final boolean forward;
    private KeyValue<Bytes, byte[]> next;
    private boolean exhausted;
    private final AtomicBoolean closed = new AtomicBoolean();

    RocksDBRangeIterator(RocksDBStore store, ReadOptions readOptions, RocksIterator iterator, Bytes from, Bytes to,
            boolean toInclusive, boolean forward) {
        this.store = store;
        this.readOptions = readOptions;
        this.iterator = iterator;
        this.from = from;
        this.to = to;
        this.toInclusive = toInclusive;
        this.forward = forward;
        if (forward) {
            if (from == null) {
                iterator.seekToFirst();
            } else {
                iterator.seek(from.get());
            }
        } else if (to == null) {
            iterator.seekToLast();
        } else {
            iterator.seekForPrev(to.get());
        }
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        store.readLock().lock();
        try {
            if (closed.get()) {
                throw new InvalidStateStoreException("Iterator of store '" + store.name() + "' is closed");
            }
            if (!iterator.isValid()) {
                exhausted = true;
                return false;
            }
            Bytes key = Bytes.wrap(iterator.key());
            if (!withinBounds(key)) {
                exhausted = true;
                return false;
            }
            next = KeyValue.pair(key, iterator.value());
            if (forward) {
                iterator.next();
            } else {
                iterator.prev();
            }
            return true;
        } finally {
            store.readLock().unlock();
        }
    }

    private boolean withinBounds(Bytes key) {
        if (forward) {
            if (to == null) {
                return true;
            }
            int c = key.compareTo(to);
            return toInclusive ? c <= 0 : c < 0;
        }
        if (to != null && !toInclusive && key.compareTo(to) >= 0) {
            return false;
        }
        return from == null || key.compareTo(from) >= 0;
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more entries in store '" + store.name() + "'");
        }
        KeyValue<Bytes, byte[]> result = next;
        next = null;
        return result;
    }

    @Override
    public Bytes peekNextKey() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more entries in store '" + store.name() + "'");
        }
        return next.key;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        store.iteratorClosed(this, readOptions, iterator);
    }
}

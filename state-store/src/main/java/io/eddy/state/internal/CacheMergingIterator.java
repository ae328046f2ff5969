package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.InvalidStateStoreException;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.StateStore;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Merges a snapshot of cached entries with the store's iterator over the same query, by composite key bytes: a cached
 * entry replaces the store's entry of the same composite key, and a cached delete hides it. Yields composite keys.
 * Closing it closes the store's iterator; once the caching store is closed it throws
 * {@link InvalidStateStoreException}.
 *
 * @param <T> the key type of the store's iterator (a window start or a windowed key)
 */
final class CacheMergingIterator<T> implements KeyValueIterator<Bytes, byte[]> {

    private final StateStore owner;
    private final List<KeyValue<Bytes, byte[]>> cached;
    private final KeyValueIterator<T, byte[]> store;
    private final Function<T, Bytes> toStoreKey;
    private final boolean forward;
    private int position;
    private KeyValue<Bytes, byte[]> next;

    CacheMergingIterator(StateStore owner, List<KeyValue<Bytes, byte[]>> cached, KeyValueIterator<T, byte[]> store,
            Function<T, Bytes> toStoreKey, boolean forward) {
        this.owner = owner;
        this.cached = cached;
        this.store = store;
        this.toStoreKey = toStoreKey;
        this.forward = forward;
    }

    @Override
    public boolean hasNext() {
        if (!owner.isOpen()) {
            throw new InvalidStateStoreException("Store '" + owner.name() + "' is closed");
        }
        while (next == null) {
            boolean cacheHas = position < cached.size();
            boolean storeHas = store.hasNext();
            if (!cacheHas && !storeHas) {
                return false;
            }
            int c;
            if (!cacheHas) {
                c = 1;
            } else if (!storeHas) {
                c = -1;
            } else {
                c = cached.get(position).key.compareTo(toStoreKey.apply(store.peekNextKey()));
                c = forward ? c : -c;
            }
            if (c > 0) {
                KeyValue<T, byte[]> kv = store.next();
                next = KeyValue.pair(toStoreKey.apply(kv.key), kv.value);
            } else {
                if (c == 0) {
                    store.next();
                }
                KeyValue<Bytes, byte[]> entry = cached.get(position++);
                if (entry.value != null) {
                    next = entry;
                }
            }
        }
        return true;
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more entries");
        }
        KeyValue<Bytes, byte[]> result = next;
        next = null;
        return result;
    }

    @Override
    public Bytes peekNextKey() {
        if (!hasNext()) {
            throw new NoSuchElementException("No more entries");
        }
        return next.key;
    }

    @Override
    public void close() {
        store.close();
    }
}

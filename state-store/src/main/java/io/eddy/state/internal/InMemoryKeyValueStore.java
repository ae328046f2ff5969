package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serializer;
import io.eddy.state.BatchingStateRestoreCallback;
import io.eddy.state.InvalidStateStoreException;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A byte-level key-value store held in a {@link ConcurrentSkipListMap} ordered by unsigned key bytes. Not persistent:
 * after a restart it is rebuilt from its changelog. It is not a {@link io.eddy.state.TransactionalStore}: in
 * exactly-once mode, {@link io.eddy.state.TaskStateManager#abort()} re-creates it empty and the following restore
 * rebuilds it from the committed changelog.
 *
 * <p>Thread safety: one writer (the task) and any number of readers on other threads; readers never block the writer.
 * Iterators are weakly consistent: they never throw because of concurrent writes, always return keys in order, and may
 * or may not reflect writes made after their creation.
 */
public class InMemoryKeyValueStore implements KeyValueStore<Bytes, byte[]>, TimestampedBulkWriter,
        BatchingStateRestoreCallback {

    private final String name;
    private final ConcurrentSkipListMap<Bytes, byte[]> map = new ConcurrentSkipListMap<>();
    private volatile long size;
    private volatile boolean open;

    /** @param name the store name */
    public InMemoryKeyValueStore(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (open) {
            throw new IllegalStateException("Store '" + name + "' is already open");
        }
        open = true;
        context.register(root, this);
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public byte[] get(Bytes key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        return map.get(key);
    }

    @Override
    public void put(Bytes key, byte[] value) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        write(key, value);
    }

    private void write(Bytes key, byte[] value) {
        if (value == null) {
            if (map.remove(key) != null) {
                size--;
            }
        } else if (map.put(key, value) == null) {
            size++;
        }
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        checkOpen();
        for (KeyValue<Bytes, byte[]> entry : entries) {
            write(Objects.requireNonNull(entry.key, "key"), entry.value);
        }
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries, long[] timestamps) {
        putAll(entries);
    }

    @Override
    public byte[] delete(Bytes key) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        byte[] existing = map.remove(key);
        if (existing != null) {
            size--;
        }
        return existing;
    }

    @Override
    public void restoreAll(Collection<KeyValue<byte[], byte[]>> records) {
        for (KeyValue<byte[], byte[]> record : records) {
            write(new Bytes(record.key), record.value);
        }
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        checkOpen();
        return KeyValueIterators.isInvertedRange(name, from, to) ? KeyValueIterators.empty()
                : new MapIterator(subMap(from, to, true));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        checkOpen();
        return KeyValueIterators.isInvertedRange(name, from, to) ? KeyValueIterators.empty()
                : new MapIterator(subMap(from, to, true).descendingMap());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        checkOpen();
        return new MapIterator(map);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        checkOpen();
        return new MapIterator(map.descendingMap());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(prefixKeySerializer, "prefixKeySerializer");
        checkOpen();
        Bytes from = Bytes.wrap(prefixKeySerializer.serialize(null, prefix));
        return new MapIterator(subMap(from, from.prefixUpperBound(), false));
    }

    private NavigableMap<Bytes, byte[]> subMap(Bytes from, Bytes to, boolean toInclusive) {
        if (from == null && to == null) {
            return map;
        }
        if (from == null) {
            return map.headMap(to, toInclusive);
        }
        if (to == null) {
            return map.tailMap(from, true);
        }
        return map.subMap(from, true, to, toInclusive);
    }

    @Override
    public long approximateNumEntries() {
        checkOpen();
        return Math.max(0, size);
    }

    @Override
    public void flush() {
        // nothing is buffered
    }

    @Override
    public void close() {
        open = false;
        map.clear();
        size = 0;
    }

    private void checkOpen() {
        if (!open) {
            throw new InvalidStateStoreException("Store '" + name + "' is not open");
        }
    }

    private final class MapIterator implements KeyValueIterator<Bytes, byte[]> {
        private final Iterator<Map.Entry<Bytes, byte[]>> iterator;
        private KeyValue<Bytes, byte[]> next;

        MapIterator(NavigableMap<Bytes, byte[]> view) {
            this.iterator = view.entrySet().iterator();
        }

        @Override
        public boolean hasNext() {
            if (next == null && iterator.hasNext()) {
                Map.Entry<Bytes, byte[]> e = iterator.next();
                next = KeyValue.pair(e.getKey(), e.getValue());
            }
            return next != null;
        }

        @Override
        public KeyValue<Bytes, byte[]> next() {
            if (!hasNext()) {
                throw new NoSuchElementException("No more entries in store '" + name + "'");
            }
            KeyValue<Bytes, byte[]> result = next;
            next = null;
            return result;
        }

        @Override
        public Bytes peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException("No more entries in store '" + name + "'");
            }
            return next.key;
        }

        @Override
        public void close() {
            // holds no resources
        }
    }
}

package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValue;
import io.eddy.state.ThreadCache;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The record cache of one window or session store, keyed by composite key bytes ({@link WindowKeySchema},
 * {@link SessionKeySchema}) as in Kafka Streams' window and session caches. Entries are sized exactly (key, value and
 * {@link CachingKeyValueStore#ENTRY_OVERHEAD_BYTES}) and accounted against the thread's {@link ThreadCache}; when the
 * thread's total exceeds its budget, least recently used entries are evicted, and meeting a dirty one first writes all
 * dirty entries down (in the order they were first dirtied) through the flusher.
 *
 * <p>Thread safety: none; used only by the task's thread.
 */
final class CompositeKeyCache {

    /** One cached composite key. */
    static final class Entry {
        final Bytes storeKey;
        byte[] value;
        long timestamp;
        boolean dirty;
        int size;

        Entry(Bytes storeKey) {
            this.storeKey = storeKey;
        }
    }

    private final TreeMap<Bytes, Entry> sorted = new TreeMap<>();
    private final LinkedHashMap<Bytes, Entry> lru = new LinkedHashMap<>(64, 0.75f, true);
    private final ThreadCache threadCache;
    private final Consumer<List<Entry>> flusher;
    private List<Entry> dirty = new ArrayList<>();
    private long sizeBytes;
    private boolean flushing;

    /**
     * @param threadCache the thread's budget (registered here, unregistered by {@link #close})
     * @param flusher writes a list of dirty entries down, in order
     */
    CompositeKeyCache(ThreadCache threadCache, Consumer<List<Entry>> flusher) {
        this.threadCache = threadCache;
        this.flusher = flusher;
        threadCache.registerCache();
    }

    /** @return the entry of {@code storeKey} (marking it recently used), or null */
    Entry get(Bytes storeKey) {
        return lru.get(storeKey);
    }

    /** Caches a write (null value: a delete) as dirty, evicting if the thread is over budget. */
    void put(Bytes storeKey, byte[] value, long timestamp) {
        Entry entry = lru.get(storeKey);
        if (entry == null) {
            entry = new Entry(storeKey);
            lru.put(storeKey, entry);
            sorted.put(storeKey, entry);
        }
        entry.value = value;
        entry.timestamp = timestamp;
        int size = CachingKeyValueStore.ENTRY_OVERHEAD_BYTES + storeKey.get().length
                + (value == null ? 0 : value.length);
        int delta = size - entry.size;
        entry.size = size;
        sizeBytes += delta;
        if (!entry.dirty) {
            entry.dirty = true;
            dirty.add(entry);
        }
        if (threadCache.adjust(delta)) {
            evict();
        }
    }

    private void evict() {
        if (flushing) {
            return;
        }
        Iterator<Entry> eldest = lru.values().iterator();
        while (threadCache.overBudget() && eldest.hasNext()) {
            Entry entry = eldest.next();
            if (entry.dirty) {
                flush();
                eldest = lru.values().iterator();
                continue;
            }
            eldest.remove();
            sorted.remove(entry.storeKey);
            sizeBytes -= entry.size;
            threadCache.adjust(-entry.size);
        }
    }

    /** Writes every dirty entry down through the flusher, in the order they were first dirtied. */
    void flush() {
        if (dirty.isEmpty() || flushing) {
            return;
        }
        flushing = true;
        try {
            List<Entry> toFlush = dirty;
            dirty = new ArrayList<>();
            flusher.accept(toFlush);
            for (Entry entry : toFlush) {
                entry.dirty = false;
            }
        } finally {
            flushing = false;
        }
    }

    /**
     * @param lower the inclusive lower bound, or null
     * @param upper the inclusive upper bound, or null
     * @param filter accepts the composite keys wanted
     * @param forward ascending or descending order
     * @return a snapshot of the matching keys and values (deletes included, as null values)
     */
    List<KeyValue<Bytes, byte[]>> snapshot(Bytes lower, Bytes upper, Predicate<byte[]> filter, boolean forward) {
        NavigableMap<Bytes, Entry> view = sorted;
        if (lower != null && upper != null) {
            view = sorted.subMap(lower, true, upper, true);
        } else if (lower != null) {
            view = sorted.tailMap(lower, true);
        } else if (upper != null) {
            view = sorted.headMap(upper, true);
        }
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
        for (Entry entry : forward ? view.values() : view.descendingMap().values()) {
            if (filter.test(entry.storeKey.get())) {
                out.add(KeyValue.pair(entry.storeKey, entry.value));
            }
        }
        return out;
    }

    /** @return the number of cached entries */
    int size() {
        return lru.size();
    }

    /** @return the number of dirty entries */
    int dirtyCount() {
        return dirty.size();
    }

    /** Drops every entry without writing it and releases the budget. */
    void close() {
        threadCache.unregisterCache(sizeBytes);
        sorted.clear();
        lru.clear();
        dirty.clear();
        sizeBytes = 0;
    }
}

package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serializer;
import io.eddy.state.CacheFlushListener;
import io.eddy.state.CachedStateStore;
import io.eddy.state.InvalidStateStoreException;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.ThreadCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record cache of a key-value store (Kafka Streams' {@code CachingKeyValueStore} over its {@code ThreadCache}),
 * holding <em>typed</em> keys and values so that a read or write hit costs one hash lookup and no serialization.
 * Entries are serialized only when they are written down: on {@link #flush()}/{@link #flushCache()} (commit) and when
 * eviction meets a dirty entry. Each flush writes the dirty entries to the store below in batches of up to
 * {@value #FLUSH_CHUNK} (one RocksDB WriteBatch each, and one changelog record per key), handing each batch's entries
 * to the {@link CacheFlushListener} with their new and old values before the next batch, so downstream sees one
 * deduplicated update per key per flush.
 *
 * <p>Memory: entries are accounted against the thread's {@link ThreadCache} as estimated bytes (serialized key and
 * value length plus a fixed per-entry overhead); a new entry is charged the running average until its real size is
 * learned at its first flush. When the thread's total exceeds the budget, this cache evicts entries not used recently,
 * chosen by a clock sweep (second chance, an approximation of least-recently-used that costs a hit one flag write
 * instead of relinking a list); meeting a dirty one, it first flushes all its dirty entries. A budget of 0 turns the layer into a
 * pass-through that writes every update straight down and reports it to the listener at once.
 *
 * <p>Keys must have value-based {@code equals}/{@code hashCode} consistent with their serialized form; keys that are
 * arrays make the layer fall back to pass-through. Values handed to {@code put} and returned by {@code get} are kept
 * by reference and must not be modified afterwards.
 *
 * <p>Thread safety: the cache belongs to the task's thread (the thread that initialised the store or last wrote to
 * it). Calls from any other thread (interactive queries) bypass the cache and read only the contents already flushed to
 * the store below, never a cache mid-update. Iterators of the owning thread merge a snapshot of the cached entries in
 * range, taken at creation, with the store's iterator; entries deleted only in the cache are hidden.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public class CachingKeyValueStore<K, V> implements KeyValueStore<K, V>, CachedStateStore<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(CachingKeyValueStore.class);

    /** Estimated heap bytes of one entry besides its key and value: hash node, entry object, references. */
    static final int ENTRY_OVERHEAD_BYTES = 96;
    private static final int INITIAL_PAYLOAD_ESTIMATE = 32;

    private final SerializingKeyValueStore<K, V> store;
    private final HashMap<K, Entry<K, V>> entries = new HashMap<>(64);
    /** Every entry, in no order, for the clock sweep of {@link #evictIfNeeded}; each knows its slot. */
    @SuppressWarnings("unchecked")
    private Entry<K, V>[] ring = new Entry[64];
    private int ringSize;
    private int hand;
    private ArrayList<Entry<K, V>> dirty = new ArrayList<>();
    /** The list the last flush emptied, kept for the next one: a cache re-dirties most of its entries each interval. */
    private ArrayList<Entry<K, V>> spareDirty = new ArrayList<>();
    private TreeMap<Bytes, Entry<K, V>> sorted;
    private StateStoreContext context;
    private ThreadCache threadCache;
    private Thread owner;
    private boolean passThrough;
    private boolean registered;
    private boolean open;
    private boolean flushing;
    /** The entry the last {@link #get} returned (owner thread), for the {@link #put} that usually follows. */
    private Entry<K, V> lastRead;
    private long sizeBytes;
    private int payloadEstimate = INITIAL_PAYLOAD_ESTIMATE;
    private CacheFlushListener<K, V> listener;
    private boolean sendOldValues;

    /** @param store the typed facade over the byte store below (changelogging or innermost) */
    public CachingKeyValueStore(SerializingKeyValueStore<K, V> store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (open) {
            throw new IllegalStateException("Store '" + name() + "' is already open");
        }
        this.context = context;
        store.init(context, root);
        threadCache = context.cache();
        passThrough = threadCache == null || threadCache.maxBytes() == 0;
        if (!passThrough) {
            threadCache.registerCache();
            registered = true;
        }
        owner = Thread.currentThread();
        open = true;
    }

    /**
     * The timestamp a write of {@code value} carries to the changelog and the flush listener.
     *
     * @param value the value written (null for a delete)
     * @return the record timestamp
     */
    protected long timestampOf(V value) {
        return context.recordTimestamp();
    }

    private boolean ownerThread() {
        return Thread.currentThread() == owner;
    }

    private void checkOpen() {
        if (!open) {
            throw new InvalidStateStoreException("Store '" + name() + "' is not open");
        }
    }

    @Override
    public V get(K key) {
        Objects.requireNonNull(key, "key");
        if (passThrough || !ownerThread()) {
            return store.get(key);
        }
        Entry<K, V> entry = entries.get(key);
        if (entry != null) {
            entry.referenced = true;
            lastRead = entry;
            return entry.value;
        }
        checkOpen();
        if (key.getClass().isArray()) {
            switchToPassThrough();
            return store.get(key);
        }
        Bytes keyBytes = store.keyBytes(key);
        byte[] raw = store.bytesStore().get(keyBytes);
        V value = store.value(raw);
        entry = insert(key, keyBytes, keyBytes.get().length + (raw == null ? 0 : raw.length));
        entry.value = value;
        entry.flushedValue = value;
        entry.flushedKnown = true;
        evictIfNeeded();
        lastRead = entry.evicted ? null : entry;
        return value;
    }

    @Override
    public void put(K key, V value) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        owner = Thread.currentThread();
        if (passThrough) {
            putThrough(key, value);
            return;
        }
        // read-modify-write (an aggregation's get then put of the same key object) finds the entry without a lookup
        Entry<K, V> last = lastRead;
        Entry<K, V> entry = last != null && last.key == key && !last.evicted ? last : entries.get(key);
        boolean inserted = false;
        if (entry == null) {
            if (key.getClass().isArray()) {
                switchToPassThrough();
                putThrough(key, value);
                return;
            }
            entry = insert(key, null, payloadEstimate);
            inserted = true;
        }
        entry.value = value;
        entry.referenced = true;
        entry.timestamp = timestampOf(value);
        if (!entry.dirty) {
            entry.dirty = true;
            dirty.add(entry);
        }
        if (inserted) {
            evictIfNeeded();
        }
    }

    private void putThrough(K key, V value) {
        V old = listener != null && sendOldValues ? store.get(key) : null;
        store.put(key, value);
        if (listener != null) {
            listener.apply(key, value, old, timestampOf(value));
        }
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entriesToPut) {
        for (KeyValue<K, V> entry : entriesToPut) {
            put(entry.key, entry.value);
        }
    }

    @Override
    public V delete(K key) {
        V existing = get(key);
        put(key, null);
        return existing;
    }

    private Entry<K, V> insert(K key, Bytes keyBytes, int payloadBytes) {
        Entry<K, V> entry = new Entry<>(key);
        entry.referenced = true; // a new entry gets one pass of the hand before it can go
        entry.keyBytes = keyBytes;
        entry.size = ENTRY_OVERHEAD_BYTES + payloadBytes;
        entries.put(key, entry);
        if (ringSize == ring.length) {
            ring = Arrays.copyOf(ring, ringSize * 2);
        }
        entry.ringSlot = ringSize;
        ring[ringSize++] = entry;
        if (sorted != null) {
            if (entry.keyBytes == null) {
                entry.keyBytes = store.keyBytes(key);
            }
            sorted.put(entry.keyBytes, entry);
        }
        sizeBytes += entry.size;
        threadCache.adjust(entry.size);
        return entry;
    }

    /**
     * Evicts until the thread's budget fits: the clock hand passes over the ring, sparing (once) an entry used since it
     * last passed, flushing every dirty entry when it meets a dirty one, and evicting the first clean, unused one.
     */
    private void evictIfNeeded() {
        if (flushing || !threadCache.overBudget()) {
            return;
        }
        while (threadCache.overBudget() && ringSize > 0) {
            if (hand >= ringSize) {
                hand = 0;
            }
            Entry<K, V> candidate = ring[hand];
            if (candidate.referenced) {
                candidate.referenced = false;
                hand++;
                continue;
            }
            if (candidate.dirty) {
                flushDirty();
                continue;
            }
            evict(candidate); // the ring's last entry moves into this slot: the hand stays to look at it
        }
    }

    private void evict(Entry<K, V> entry) {
        int slot = entry.ringSlot;
        Entry<K, V> last = ring[--ringSize];
        ring[slot] = last;
        last.ringSlot = slot;
        ring[ringSize] = null;
        entries.remove(entry.key);
        entry.evicted = true;
        if (sorted != null) {
            sorted.remove(entry.keyBytes);
        }
        sizeBytes -= entry.size;
        threadCache.adjust(-entry.size);
    }

    /** @return the change in the entry's accounted size, for the caller to charge the thread cache once per flush */
    private int resize(Entry<K, V> entry, int payloadBytes) {
        int newSize = ENTRY_OVERHEAD_BYTES + payloadBytes;
        int delta = newSize - entry.size;
        entry.size = newSize;
        payloadEstimate = (payloadEstimate * 7 + payloadBytes) >>> 3;
        return delta;
    }

    /**
     * Entries a flush takes through all its steps at a time: serializing, writing below, forwarding. A chunk's
     * entries are still in the CPU cache for the later steps, which walking all dirty entries step by step (tens of
     * thousands, scattered over the heap) was not.
     */
    public static final int FLUSH_CHUNK = 1024;

    private void flushDirty() {
        if (dirty.isEmpty() || flushing) {
            return;
        }
        flushing = true;
        ArrayList<Entry<K, V>> toFlush = dirty;
        dirty = spareDirty != null ? spareDirty : new ArrayList<>(toFlush.size());
        spareDirty = null;
        int from = 0;
        long sizeDelta = 0;
        try {
            for (int size = toFlush.size(); from < size; from += FLUSH_CHUNK) {
                sizeDelta += flushChunk(toFlush, from, Math.min(size, from + FLUSH_CHUNK));
            }
            toFlush.clear();
            spareDirty = toFlush;
        } catch (RuntimeException e) {
            // what was not written stays dirty and listed, for a later flush (if the task survives this)
            for (int i = from; i < toFlush.size(); i++) {
                if (toFlush.get(i).dirty) {
                    dirty.add(toFlush.get(i));
                }
            }
            throw e;
        } finally {
            if (sizeDelta != 0) {
                sizeBytes += sizeDelta;
                threadCache.adjust(sizeDelta);
            }
            flushing = false;
        }
    }

    /**
     * Writes the dirty entries among {@code toFlush[from, to)} below in one batch, marks them clean, then hands each
     * to the listener with its new and old value.
     *
     * @return the change in the entries' accounted size
     */
    @SuppressWarnings("unchecked")
    private long flushChunk(ArrayList<Entry<K, V>> toFlush, int from, int to) {
        List<KeyValue<Bytes, byte[]>> batch = new ArrayList<>(to - from);
        long[] timestamps = new long[to - from];
        Object[] flushed = new Object[to - from];
        boolean fetchOld = listener != null && sendOldValues;
        int n = 0;
        long sizeDelta = 0;
        for (int i = from; i < to; i++) {
            Entry<K, V> entry = toFlush.get(i);
            if (!entry.dirty) {
                continue;
            }
            if (entry.keyBytes == null) {
                entry.keyBytes = store.keyBytes(entry.key);
            }
            if (fetchOld && !entry.flushedKnown) {
                entry.flushedValue = store.value(store.bytesStore().get(entry.keyBytes));
                entry.flushedKnown = true;
            }
            byte[] valueBytes = store.valueBytes(entry.value);
            batch.add(KeyValue.pair(entry.keyBytes, valueBytes));
            timestamps[n] = entry.timestamp;
            flushed[n++] = entry;
            sizeDelta += resize(entry, entry.keyBytes.get().length + (valueBytes == null ? 0 : valueBytes.length));
        }
        if (n == 0) {
            return sizeDelta;
        }
        KeyValueStore<Bytes, byte[]> below = store.bytesStore();
        if (below instanceof TimestampedBulkWriter bulk) {
            bulk.putAll(batch, n == timestamps.length ? timestamps : Arrays.copyOf(timestamps, n));
        } else {
            below.putAll(batch);
        }
        // values as written: a listener may write to this store again, changing an entry before its turn comes
        Object[] newValues = new Object[n];
        Object[] oldValues = new Object[n];
        for (int i = 0; i < n; i++) {
            Entry<K, V> entry = (Entry<K, V>) flushed[i];
            newValues[i] = entry.value;
            oldValues[i] = sendOldValues && entry.flushedKnown ? entry.flushedValue : null;
            entry.flushedValue = entry.value;
            entry.flushedKnown = true;
            entry.dirty = false;
        }
        if (listener != null) {
            for (int i = 0; i < n; i++) {
                listener.apply(((Entry<K, V>) flushed[i]).key, (V) newValues[i], (V) oldValues[i], timestamps[i]);
            }
        }
        return sizeDelta;
    }

    private void switchToPassThrough() {
        LOG.warn("Store '{}' has array keys, which have no value equality; its record cache is disabled and every "
                + "write goes straight to the store", name());
        flushDirty();
        dropEntries();
        passThrough = true;
    }

    private void dropEntries() {
        if (registered) {
            threadCache.unregisterCache(sizeBytes);
            registered = false;
        }
        for (Entry<K, V> e : entries.values()) {
            e.evicted = true;
        }
        entries.clear();
        Arrays.fill(ring, 0, ringSize, null);
        ringSize = 0;
        hand = 0;
        dirty.clear();
        lastRead = null;
        sorted = null;
        sizeBytes = 0;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        if (passThrough || !ownerThread()) {
            return store.range(from, to);
        }
        checkOpen();
        Bytes fromBytes = store.bound(from);
        Bytes toBytes = store.bound(to);
        if (KeyValueIterators.isInvertedRange(name(), fromBytes, toBytes)) {
            return KeyValueIterators.empty();
        }
        return new MergedIterator(sortedView(fromBytes, toBytes, true), store.bytesStore().range(fromBytes, toBytes),
                true);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        if (passThrough || !ownerThread()) {
            return store.reverseRange(from, to);
        }
        checkOpen();
        Bytes fromBytes = store.bound(from);
        Bytes toBytes = store.bound(to);
        if (KeyValueIterators.isInvertedRange(name(), fromBytes, toBytes)) {
            return KeyValueIterators.empty();
        }
        return new MergedIterator(sortedView(fromBytes, toBytes, true).descendingMap(),
                store.bytesStore().reverseRange(fromBytes, toBytes), false);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        if (passThrough || !ownerThread()) {
            return store.all();
        }
        checkOpen();
        return new MergedIterator(sortedView(null, null, true), store.bytesStore().all(), true);
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        if (passThrough || !ownerThread()) {
            return store.reverseAll();
        }
        checkOpen();
        return new MergedIterator(sortedView(null, null, true).descendingMap(), store.bytesStore().reverseAll(), false);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        if (passThrough || !ownerThread()) {
            return store.prefixScan(prefix, prefixKeySerializer);
        }
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(prefixKeySerializer, "prefixKeySerializer");
        checkOpen();
        Bytes from = Bytes.wrap(prefixKeySerializer.serialize(null, prefix));
        return new MergedIterator(sortedView(from, from.prefixUpperBound(), false),
                store.bytesStore().prefixScan(prefix, prefixKeySerializer), true);
    }

    private NavigableMap<Bytes, Entry<K, V>> sortedView(Bytes from, Bytes to, boolean toInclusive) {
        if (sorted == null) {
            sorted = new TreeMap<>();
            for (Entry<K, V> entry : entries.values()) {
                if (entry.keyBytes == null) {
                    entry.keyBytes = store.keyBytes(entry.key);
                }
                sorted.put(entry.keyBytes, entry);
            }
        }
        if (from == null && to == null) {
            return sorted;
        }
        if (from == null) {
            return sorted.headMap(to, toInclusive);
        }
        if (to == null) {
            return sorted.tailMap(from, true);
        }
        return sorted.subMap(from, true, to, toInclusive);
    }

    /** @return the number of entries flushed to the store below (cached writes are not counted) */
    @Override
    public long approximateNumEntries() {
        return store.approximateNumEntries();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.sendOldValues = sendOldValues;
        return true;
    }

    @Override
    public void flushCache() {
        checkOpen();
        flushDirty();
    }

    @Override
    public void flush() {
        checkOpen();
        flushDirty();
        store.flush();
    }

    /** Drops the cache without writing dirty entries (the task flushes first when it wants them kept). */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        int pending = 0;
        for (Entry<K, V> entry : dirty) {
            pending += entry.dirty ? 1 : 0;
        }
        if (pending > 0) {
            LOG.debug("Store '{}' closed with {} unflushed cache entries; they are dropped", name(), pending);
        }
        dropEntries();
        passThrough = false;
        store.close();
    }

    @Override
    public boolean persistent() {
        return store.persistent();
    }

    @Override
    public boolean isOpen() {
        return store.isOpen();
    }

    /** @return the number of entries in the cache (owner thread only) */
    public int cachedEntries() {
        return entries.size();
    }

    /** @return the number of dirty entries waiting for a flush (owner thread only) */
    public int dirtyEntries() {
        int n = 0;
        for (Entry<K, V> entry : dirty) {
            n += entry.dirty ? 1 : 0;
        }
        return n;
    }

    /** @return the bytes this cache accounts for */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** @return the typed facade below the cache */
    public SerializingKeyValueStore<K, V> underlying() {
        return store;
    }

    private static final class Entry<K, V> {
        final K key;
        /** Set once the entry left the cache, so a remembered reference is never used after that. */
        boolean evicted;
        Bytes keyBytes;
        V value;
        V flushedValue;
        boolean flushedKnown;
        boolean dirty;
        /** Read or written since the clock hand last passed. */
        boolean referenced;
        /** Its index in the ring. */
        int ringSlot;
        long timestamp;
        int size;

        Entry(K key) {
            this.key = key;
        }
    }

    /** Merges a snapshot of the cached entries in range with the store's iterator over the same range. */
    private final class MergedIterator implements KeyValueIterator<K, V> {
        private final Bytes[] cacheKeyBytes;
        private final Object[] cacheKeys;
        private final Object[] cacheValues;
        private final KeyValueIterator<Bytes, byte[]> storeIterator;
        private final boolean forward;
        private int position;
        private KeyValue<K, V> next;

        MergedIterator(NavigableMap<Bytes, Entry<K, V>> cached, KeyValueIterator<Bytes, byte[]> storeIterator,
                boolean forward) {
            int n = cached.size();
            this.cacheKeyBytes = new Bytes[n];
            this.cacheKeys = new Object[n];
            this.cacheValues = new Object[n];
            int i = 0;
            for (Entry<K, V> entry : cached.values()) {
                cacheKeyBytes[i] = entry.keyBytes;
                cacheKeys[i] = entry.key;
                cacheValues[i] = entry.value;
                i++;
            }
            this.storeIterator = storeIterator;
            this.forward = forward;
        }

        @Override
        @SuppressWarnings("unchecked")
        public boolean hasNext() {
            while (next == null) {
                boolean cacheHas = position < cacheKeyBytes.length;
                boolean storeHas = storeIterator.hasNext();
                if (!cacheHas && !storeHas) {
                    return false;
                }
                int c;
                if (!cacheHas) {
                    c = 1;
                } else if (!storeHas) {
                    c = -1;
                } else {
                    c = cacheKeyBytes[position].compareTo(storeIterator.peekNextKey());
                    if (!forward) {
                        c = -c;
                    }
                }
                if (c > 0) {
                    KeyValue<Bytes, byte[]> kv = storeIterator.next();
                    next = KeyValue.pair(store.key(kv.key), store.value(kv.value));
                } else {
                    if (c == 0) {
                        storeIterator.next();
                    }
                    Object value = cacheValues[position];
                    Object key = cacheKeys[position];
                    position++;
                    if (value != null) {
                        next = KeyValue.pair((K) key, (V) value);
                    }
                }
            }
            return true;
        }

        @Override
        public KeyValue<K, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException("No more entries in store '" + name() + "'");
            }
            KeyValue<K, V> result = next;
            next = null;
            return result;
        }

        @Override
        public K peekNextKey() {
            if (!hasNext()) {
                throw new NoSuchElementException("No more entries in store '" + name() + "'");
            }
            return next.key;
        }

        @Override
        public void close() {
            storeIterator.close();
        }
    }
}

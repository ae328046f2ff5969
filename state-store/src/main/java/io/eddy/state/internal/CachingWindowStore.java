package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.CacheFlushListener;
import io.eddy.state.CachedStateStore;
import io.eddy.state.InvalidStateStoreException;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.ThreadCache;
import io.eddy.state.TimeWindow;
import io.eddy.state.WindowStore;
import io.eddy.state.WindowStoreIterator;
import io.eddy.state.Windowed;
import java.util.List;
import java.util.Objects;

/**
 * The record cache of a window store (Kafka Streams' {@code CachingWindowStore}), holding the latest value of each
 * (key, window start) written since the last flush, keyed by {@link WindowKeySchema} composite bytes. Dirty entries
 * are written to the store below (and so to the changelog, with the timestamp of the write they come from) on
 * {@link #flush()}/{@link #flushCache()} and when eviction meets a dirty entry; each is then handed to the
 * {@link CacheFlushListener} with its old value, so downstream sees one update per window per flush. Not used for
 * stores retaining duplicates. A thread budget of 0 makes it a pass-through that writes and reports every put at once.
 *
 * <p>Thread safety: the cache belongs to the task's thread (the one that initialised the store); reads from any other
 * thread (interactive queries) bypass it and see only what has been flushed. The owner's fetches merge a snapshot of
 * the cached windows in range with the store's iterator.
 */
public class CachingWindowStore implements WindowStore<Bytes, byte[]>, CachedStateStore<Windowed<Bytes>, byte[]> {

    private static final WindowKeySchema SCHEMA = WindowKeySchema.of(false);

    private final WindowStore<Bytes, byte[]> inner;
    private final long retentionPeriod;
    private final long windowSize;
    private final boolean timestampedValues;
    private AbstractSegmentedBytesStore segmented;
    private StateStoreContext context;
    private CompositeKeyCache cache;
    private Thread owner;
    private long streamTime = -1;
    private boolean open;
    private CacheFlushListener<Windowed<Bytes>, byte[]> listener;
    private boolean sendOldValues;

    /**
     * @param inner the byte store below (changelogging or innermost)
     * @param retentionPeriod the store's retention in milliseconds
     * @param windowSize the window size in milliseconds
     * @param timestampedValues whether values carry the 8-byte timestamp prefix (their timestamp is the write's)
     */
    public CachingWindowStore(WindowStore<Bytes, byte[]> inner, long retentionPeriod, long windowSize,
            boolean timestampedValues) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.retentionPeriod = retentionPeriod;
        this.windowSize = windowSize;
        this.timestampedValues = timestampedValues;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (open) {
            throw new IllegalStateException("Store '" + name() + "' is already open");
        }
        this.context = context;
        inner.init(context, root);
        StateStore bottom = inner instanceof ChangeLoggingWindowBytesStore logging ? logging.inner() : inner;
        segmented = bottom instanceof AbstractSegmentedBytesStore s ? s : null;
        ThreadCache threadCache = context.cache();
        cache = threadCache == null || threadCache.maxBytes() == 0 ? null
                : new CompositeKeyCache(threadCache, this::writeDownAll);
        owner = Thread.currentThread();
        open = true;
    }

    /** @return the byte store below */
    public WindowStore<Bytes, byte[]> inner() {
        return inner;
    }

    private boolean cached() {
        return cache != null && Thread.currentThread() == owner;
    }

    private long minLiveTimestamp() {
        long time = segmented == null ? streamTime : Math.max(streamTime, segmented.observedStreamTime());
        return Math.max(0, time - retentionPeriod + 1);
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartTimestamp) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        if (windowStartTimestamp < 0) {
            throw new IllegalArgumentException("windowStartTimestamp must not be negative, store=" + name()
                    + ", key=" + key + ", windowStartTimestamp=" + windowStartTimestamp);
        }
        long timestamp = timestampedValues && value != null ? ValueAndTimestampSerde.timestamp(value)
                : context.recordTimestamp();
        if (cache == null) {
            byte[] old = listener != null && sendOldValues ? inner.fetch(key, windowStartTimestamp) : null;
            writeDown(key, value, windowStartTimestamp, timestamp);
            if (listener != null) {
                listener.apply(windowed(key, windowStartTimestamp), value, old, timestamp);
            }
            return;
        }
        streamTime = Math.max(streamTime, windowStartTimestamp);
        if (windowStartTimestamp < minLiveTimestamp()) {
            return; // expired: the store below would drop it too
        }
        cache.put(new Bytes(SCHEMA.toStoreKey(key.get(), windowStartTimestamp, 0)), value, timestamp);
    }

    private void writeDownAll(List<CompositeKeyCache.Entry> entries) {
        int n = entries.size();
        Bytes[] keys = new Bytes[n];
        long[] starts = new long[n];
        byte[][] olds = listener != null && sendOldValues ? new byte[n][] : null;
        for (int i = 0; i < n; i++) {
            byte[] storeKey = entries.get(i).storeKey.get();
            keys[i] = new Bytes(SCHEMA.extractKey(storeKey));
            starts[i] = SCHEMA.extractWindowStart(storeKey);
            if (olds != null) {
                olds[i] = inner.fetch(keys[i], starts[i]);
            }
        }
        // every entry written in one bulk write per segment, then forwarded in the same order
        AbstractSegmentedBytesStore.inBatch(segmented, () -> {
            for (int i = 0; i < n; i++) {
                CompositeKeyCache.Entry entry = entries.get(i);
                writeDown(keys[i], entry.value, starts[i], entry.timestamp);
            }
        });
        if (listener != null) {
            for (int i = 0; i < n; i++) {
                CompositeKeyCache.Entry entry = entries.get(i);
                listener.apply(windowed(keys[i], starts[i]), entry.value, olds == null ? null : olds[i],
                        entry.timestamp);
            }
        }
    }

    private void writeDown(Bytes key, byte[] value, long start, long timestamp) {
        if (inner instanceof ChangeLoggingWindowBytesStore logging) {
            logging.put(key, value, start, timestamp);
        } else {
            inner.put(key, value, start);
        }
    }

    private Windowed<Bytes> windowed(Bytes key, long start) {
        long end = start + Math.max(1, windowSize);
        return new Windowed<>(key, new TimeWindow(start, end < start ? Long.MAX_VALUE : end));
    }

    private Windowed<Bytes> windowed(Bytes storeKey) {
        byte[] bytes = storeKey.get();
        return windowed(new Bytes(SCHEMA.extractKey(bytes)), SCHEMA.extractWindowStart(bytes));
    }

    @Override
    public byte[] fetch(Bytes key, long time) {
        Objects.requireNonNull(key, "key");
        if (cached()) {
            checkOpen();
            if (time < minLiveTimestamp()) {
                return null;
            }
            CompositeKeyCache.Entry entry = cache.get(new Bytes(SCHEMA.toStoreKey(key.get(), time, 0)));
            if (entry != null) {
                return entry.value;
            }
        }
        return inner.fetch(key, time);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return fetchKey(key, timeFrom, timeTo, true);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return fetchKey(key, timeFrom, timeTo, false);
    }

    private WindowStoreIterator<byte[]> fetchKey(Bytes key, long timeFrom, long timeTo, boolean forward) {
        Objects.requireNonNull(key, "key");
        WindowStoreIterator<byte[]> below = forward ? inner.fetch(key, timeFrom, timeTo)
                : inner.backwardFetch(key, timeFrom, timeTo);
        if (!cached()) {
            return below;
        }
        long from = Math.max(timeFrom, minLiveTimestamp());
        byte[] k = key.get();
        List<KeyValue<Bytes, byte[]>> snapshot = from > timeTo ? List.of()
                : cache.snapshot(SCHEMA.lowerBound(k, from), SCHEMA.upperBound(k, timeTo), storeKey ->
                        storeKey.length == k.length + SCHEMA.suffixLength() && SCHEMA.compareKey(storeKey, k) == 0,
                        forward);
        KeyValueIterator<Bytes, byte[]> merged = new CacheMergingIterator<>(this, snapshot, below,
                start -> new Bytes(SCHEMA.toStoreKey(k, start, 0)), forward);
        return new StartTimeIterator(merged);
    }

    private static final class StartTimeIterator extends MappedKeyIterator<Long>
            implements WindowStoreIterator<byte[]> {
        StartTimeIterator(KeyValueIterator<Bytes, byte[]> raw) {
            super(raw, storeKey -> SCHEMA.extractWindowStart(storeKey.get()));
        }
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return fetchRange(keyFrom, keyTo, timeFrom, timeTo, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom,
            long timeTo) {
        return fetchRange(keyFrom, keyTo, timeFrom, timeTo, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return fetchRange(null, null, timeFrom, timeTo, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return fetchRange(null, null, timeFrom, timeTo, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return fetchRange(null, null, 0, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return fetchRange(null, null, 0, Long.MAX_VALUE, false);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> fetchRange(Bytes keyFrom, Bytes keyTo, long timeFrom,
            long timeTo, boolean forward) {
        if (KeyValueIterators.isInvertedRange(name(), keyFrom, keyTo)) {
            return KeyValueIterators.empty();
        }
        KeyValueIterator<Windowed<Bytes>, byte[]> below = forward ? inner.fetch(keyFrom, keyTo, timeFrom, timeTo)
                : inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
        if (!cached()) {
            return below;
        }
        long from = Math.max(timeFrom, minLiveTimestamp());
        byte[] lowKey = keyFrom == null ? null : keyFrom.get();
        byte[] highKey = keyTo == null ? null : keyTo.get();
        List<KeyValue<Bytes, byte[]>> snapshot = from > timeTo ? List.of()
                : cache.snapshot(KeyFirstBounds.rangeLowerBound(lowKey),
                        KeyFirstBounds.rangeUpperBound(lowKey, highKey, SCHEMA.suffixLength()), storeKey -> {
                            if ((lowKey != null && SCHEMA.compareKey(storeKey, lowKey) < 0)
                                    || (highKey != null && SCHEMA.compareKey(storeKey, highKey) > 0)) {
                                return false;
                            }
                            long start = SCHEMA.extractWindowStart(storeKey);
                            return start >= from && start <= timeTo;
                        }, forward);
        KeyValueIterator<Bytes, byte[]> merged = new CacheMergingIterator<>(this, snapshot, below,
                windowed -> new Bytes(SCHEMA.toStoreKey(windowed.key().get(), windowed.window().start(), 0)),
                forward);
        return new MappedKeyIterator<>(merged, this::windowed);
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Windowed<Bytes>, byte[]> listener, boolean sendOldValues) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.sendOldValues = sendOldValues;
        return true;
    }

    @Override
    public void flushCache() {
        checkOpen();
        if (cache != null) {
            cache.flush();
        }
    }

    @Override
    public void flush() {
        flushCache();
        inner.flush();
    }

    /** @return the number of cached windows (owner thread only) */
    public int cachedEntries() {
        return cache == null ? 0 : cache.size();
    }

    /** Drops the cache without writing dirty entries (the task flushes first when it wants them kept). */
    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        try {
            if (cache != null) {
                cache.close();
                cache = null;
            }
        } finally {
            inner.close();
        }
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return open && inner.isOpen();
    }

    private void checkOpen() {
        if (!open) {
            throw new InvalidStateStoreException("Store '" + name() + "' is not open");
        }
    }
}

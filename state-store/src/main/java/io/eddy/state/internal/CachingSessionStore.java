package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.CacheFlushListener;
import io.eddy.state.CachedStateStore;
import io.eddy.state.InvalidStateStoreException;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.SessionStore;
import io.eddy.state.SessionWindow;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.ThreadCache;
import io.eddy.state.Windowed;
import java.util.List;
import java.util.Objects;

/**
 * The record cache of a session store (Kafka Streams' {@code CachingSessionStore}), holding the latest aggregate of
 * each (key, session) written since the last flush, keyed by {@link SessionKeySchema} composite bytes. Dirty sessions
 * are written to the store below (and so to the changelog) on {@link #flush()}/{@link #flushCache()} and when eviction
 * meets a dirty entry, then handed to the {@link CacheFlushListener} with their old aggregate. A thread budget of 0
 * makes it a pass-through that writes and reports every put at once.
 *
 * <p>Thread safety: as {@link CachingWindowStore}: reads from threads other than the owner bypass the cache.
 */
public class CachingSessionStore implements SessionStore<Bytes, byte[]>, CachedStateStore<Windowed<Bytes>, byte[]> {

    private final SessionStore<Bytes, byte[]> inner;
    private final long retentionPeriod;
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
     */
    public CachingSessionStore(SessionStore<Bytes, byte[]> inner, long retentionPeriod) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.retentionPeriod = retentionPeriod;
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
        StateStore bottom = inner instanceof ChangeLoggingSessionBytesStore logging ? logging.inner() : inner;
        segmented = bottom instanceof AbstractSegmentedBytesStore s ? s : null;
        ThreadCache threadCache = context.cache();
        cache = threadCache == null || threadCache.maxBytes() == 0 ? null
                : new CompositeKeyCache(threadCache, this::writeDownAll);
        owner = Thread.currentThread();
        open = true;
    }

    /** @return the byte store below */
    public SessionStore<Bytes, byte[]> inner() {
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
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(sessionKey.key(), "sessionKey.key");
        checkOpen();
        long timestamp = context.recordTimestamp();
        if (cache == null) {
            byte[] old = listener != null && sendOldValues ? fetchSession(sessionKey) : null;
            writeDown(sessionKey, aggregate, timestamp);
            if (listener != null) {
                listener.apply(sessionKey, aggregate, old, timestamp);
            }
            return;
        }
        long end = sessionKey.window().end();
        streamTime = Math.max(streamTime, end);
        if (end < minLiveTimestamp()) {
            return; // expired: the store below would drop it too
        }
        cache.put(new Bytes(SessionKeySchema.toStoreKey(sessionKey.key().get(), sessionKey.window().start(), end)),
                aggregate, timestamp);
    }

    private byte[] fetchSession(Windowed<Bytes> sessionKey) {
        return inner.fetchSession(sessionKey.key(), sessionKey.window().start(), sessionKey.window().end());
    }

    private void writeDownAll(List<CompositeKeyCache.Entry> entries) {
        int n = entries.size();
        List<Windowed<Bytes>> sessionKeys = new java.util.ArrayList<>(n);
        byte[][] olds = listener != null && sendOldValues ? new byte[n][] : null;
        for (int i = 0; i < n; i++) {
            Windowed<Bytes> sessionKey = windowed(entries.get(i).storeKey);
            sessionKeys.add(sessionKey);
            if (olds != null) {
                olds[i] = fetchSession(sessionKey);
            }
        }
        // every entry written in one bulk write per segment, then forwarded in the same order
        AbstractSegmentedBytesStore.inBatch(segmented, () -> {
            for (int i = 0; i < n; i++) {
                writeDown(sessionKeys.get(i), entries.get(i).value, entries.get(i).timestamp);
            }
        });
        if (listener != null) {
            for (int i = 0; i < n; i++) {
                CompositeKeyCache.Entry entry = entries.get(i);
                listener.apply(sessionKeys.get(i), entry.value, olds == null ? null : olds[i], entry.timestamp);
            }
        }
    }

    private void writeDown(Windowed<Bytes> sessionKey, byte[] aggregate, long timestamp) {
        if (inner instanceof ChangeLoggingSessionBytesStore logging) {
            logging.put(sessionKey, aggregate, timestamp);
        } else {
            inner.put(sessionKey, aggregate);
        }
    }

    private static Windowed<Bytes> windowed(Bytes storeKey) {
        byte[] bytes = storeKey.get();
        return new Windowed<>(new Bytes(SessionKeySchema.extractKey(bytes)),
                new SessionWindow(SessionKeySchema.extractStart(bytes), SessionKeySchema.extractEnd(bytes)));
    }

    private static Bytes storeKey(Windowed<Bytes> sessionKey) {
        return new Bytes(SessionKeySchema.toStoreKey(sessionKey.key().get(), sessionKey.window().start(),
                sessionKey.window().end()));
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        put(sessionKey, null);
    }

    @Override
    public byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        Objects.requireNonNull(key, "key");
        if (cached() && sessionStartTime >= 0 && sessionEndTime >= sessionStartTime) {
            checkOpen();
            if (sessionEndTime < minLiveTimestamp()) {
                return null;
            }
            CompositeKeyCache.Entry entry =
                    cache.get(new Bytes(SessionKeySchema.toStoreKey(key.get(), sessionStartTime, sessionEndTime)));
            if (entry != null) {
                return entry.value;
            }
        }
        return inner.fetchSession(key, sessionStartTime, sessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime,
            long latestSessionStartTime) {
        return findKey(key, earliestSessionEndTime, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes key, long earliestSessionEndTime,
            long latestSessionStartTime) {
        return findKey(key, earliestSessionEndTime, latestSessionStartTime, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return findKey(key, 0, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return findKey(key, 0, Long.MAX_VALUE, false);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> findKey(Bytes key, long earliestEnd, long latestStart,
            boolean forward) {
        Objects.requireNonNull(key, "key");
        KeyValueIterator<Windowed<Bytes>, byte[]> below = forward
                ? inner.findSessions(key, earliestEnd, latestStart)
                : inner.backwardFindSessions(key, earliestEnd, latestStart);
        if (!cached()) {
            return below;
        }
        long fromEnd = Math.max(earliestEnd, minLiveTimestamp());
        byte[] k = key.get();
        List<KeyValue<Bytes, byte[]>> snapshot = latestStart < 0 ? List.of()
                : cache.snapshot(SessionKeySchema.lowerBound(k, fromEnd), SessionKeySchema.upperBound(k, latestStart),
                        storeKey -> storeKey.length == k.length + SessionKeySchema.SUFFIX_LENGTH
                                && SessionKeySchema.compareKey(storeKey, k) == 0
                                && SessionKeySchema.extractEnd(storeKey) >= fromEnd
                                && SessionKeySchema.extractStart(storeKey) <= latestStart, forward);
        return merged(snapshot, below, forward);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo,
            long earliestSessionEndTime, long latestSessionStartTime) {
        return findRange(keyFrom, keyTo, earliestSessionEndTime, Long.MAX_VALUE, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo,
            long earliestSessionEndTime, long latestSessionStartTime) {
        return findRange(keyFrom, keyTo, earliestSessionEndTime, Long.MAX_VALUE, latestSessionStartTime, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(long earliestSessionEndTime,
            long latestSessionEndTime) {
        return findRange(null, null, earliestSessionEndTime, latestSessionEndTime, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return findRange(keyFrom, keyTo, 0, Long.MAX_VALUE, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo) {
        return findRange(keyFrom, keyTo, 0, Long.MAX_VALUE, Long.MAX_VALUE, false);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> findRange(Bytes keyFrom, Bytes keyTo, long earliestEnd,
            long latestEnd, long latestStart, boolean forward) {
        if (KeyValueIterators.isInvertedRange(name(), keyFrom, keyTo)) {
            return KeyValueIterators.empty();
        }
        KeyValueIterator<Windowed<Bytes>, byte[]> below;
        if (keyFrom == null && keyTo == null && latestStart == Long.MAX_VALUE && latestEnd != Long.MAX_VALUE) {
            below = inner.findSessions(earliestEnd, latestEnd);
        } else if (latestEnd == Long.MAX_VALUE && latestStart == Long.MAX_VALUE && earliestEnd == 0) {
            below = forward ? inner.fetch(keyFrom, keyTo) : inner.backwardFetch(keyFrom, keyTo);
        } else {
            below = forward ? inner.findSessions(keyFrom, keyTo, earliestEnd, latestStart)
                    : inner.backwardFindSessions(keyFrom, keyTo, earliestEnd, latestStart);
        }
        if (!cached()) {
            return below;
        }
        long fromEnd = Math.max(earliestEnd, minLiveTimestamp());
        byte[] lowKey = keyFrom == null ? null : keyFrom.get();
        byte[] highKey = keyTo == null ? null : keyTo.get();
        List<KeyValue<Bytes, byte[]>> snapshot = latestStart < 0 || fromEnd > latestEnd ? List.of()
                : cache.snapshot(KeyFirstBounds.rangeLowerBound(lowKey),
                        KeyFirstBounds.rangeUpperBound(lowKey, highKey, SessionKeySchema.SUFFIX_LENGTH), storeKey -> {
                            if ((lowKey != null && SessionKeySchema.compareKey(storeKey, lowKey) < 0)
                                    || (highKey != null && SessionKeySchema.compareKey(storeKey, highKey) > 0)) {
                                return false;
                            }
                            long end = SessionKeySchema.extractEnd(storeKey);
                            return end >= fromEnd && end <= latestEnd
                                    && SessionKeySchema.extractStart(storeKey) <= latestStart;
                        }, forward);
        return merged(snapshot, below, forward);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> merged(List<KeyValue<Bytes, byte[]>> snapshot,
            KeyValueIterator<Windowed<Bytes>, byte[]> below, boolean forward) {
        return new MappedKeyIterator<>(
                new CacheMergingIterator<>(this, snapshot, below, CachingSessionStore::storeKey, forward),
                CachingSessionStore::windowed);
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

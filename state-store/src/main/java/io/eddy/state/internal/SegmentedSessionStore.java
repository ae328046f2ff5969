package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.KeyValueStore;
import io.eddy.state.SessionStore;
import io.eddy.state.SessionWindow;
import io.eddy.state.Windowed;
import java.util.Objects;
import java.util.function.Function;

/**
 * The byte-level session store, persistent (RocksDB segments) or in memory (skip-list segments), with the key layout of
 * {@link SessionKeySchema}. Sessions are segmented by their end; a session whose end is at or before
 * {@code streamTime - retentionPeriod} is dropped, where stream time is the largest session end written.
 *
 * <p>Ordering: one key's sessions by end, then start; key ranges by composite key bytes across segments (see
 * {@link KeyFirstBounds} for keys that are prefixes of each other; results are always filtered exactly).
 *
 * <p>Thread safety: one writer (the task); readers on other threads never block it.
 */
public class SegmentedSessionStore extends AbstractSegmentedBytesStore implements SessionStore<Bytes, byte[]> {

    /**
     * @param name the store name
     * @param metricsScope the metrics scope of its supplier
     * @param retentionPeriod how long sessions are kept after their end, in milliseconds
     * @param segmentInterval the segment interval in milliseconds
     * @param persistent whether the segments keep files
     * @param segmentFactory creates a segment store from its name
     */
    public SegmentedSessionStore(String name, String metricsScope, long retentionPeriod, long segmentInterval,
            boolean persistent, Function<String, KeyValueStore<Bytes, byte[]>> segmentFactory) {
        super(name, metricsScope, retentionPeriod, segmentInterval, persistent, segmentFactory);
    }

    @Override
    long segmentTimestamp(byte[] storeKey) {
        return SessionKeySchema.extractEnd(storeKey);
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        putAndGetStoreKey(sessionKey, aggregate);
    }

    /**
     * Like {@link #put} but tells the caller (the changelogging layer) the composite key written.
     *
     * @param sessionKey the key and session, not null
     * @param aggregate the aggregate, or null to remove
     * @return the composite key, or null when the session has expired and nothing was written
     * @throws NullPointerException if {@code sessionKey} or its key is null
     */
    public byte[] putAndGetStoreKey(Windowed<Bytes> sessionKey, byte[] aggregate) {
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(sessionKey.key(), "sessionKey.key");
        checkOpen();
        long end = sessionKey.window().end();
        byte[] storeKey = SessionKeySchema.toStoreKey(sessionKey.key().get(), sessionKey.window().start(), end);
        return putIfLive(storeKey, end, aggregate) ? storeKey : null;
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        put(sessionKey, null);
    }

    @Override
    public byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        Objects.requireNonNull(key, "key");
        if (sessionStartTime < 0 || sessionEndTime < sessionStartTime) {
            return null;
        }
        return get(SessionKeySchema.toStoreKey(key.get(), sessionStartTime, sessionEndTime), sessionEndTime);
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
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return findKey(key, 0, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return findKey(key, 0, Long.MAX_VALUE, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return findRange(keyFrom, keyTo, 0, Long.MAX_VALUE, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo) {
        return findRange(keyFrom, keyTo, 0, Long.MAX_VALUE, Long.MAX_VALUE, false);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> findKey(Bytes key, long earliestEnd, long latestStart,
            boolean forward) {
        Objects.requireNonNull(key, "key");
        checkOpen();
        long fromEnd = Math.max(earliestEnd, minLiveTimestamp());
        if (latestStart < 0) {
            return KeyValueIterators.empty();
        }
        byte[] k = key.get();
        KeyValueIterator<Bytes, byte[]> raw = iterate(fromEnd, Long.MAX_VALUE,
                SessionKeySchema.lowerBound(k, fromEnd), SessionKeySchema.upperBound(k, latestStart), storeKey ->
                        storeKey.length == k.length + SessionKeySchema.SUFFIX_LENGTH
                                && SessionKeySchema.compareKey(storeKey, k) == 0
                                && SessionKeySchema.extractEnd(storeKey) >= fromEnd
                                && SessionKeySchema.extractStart(storeKey) <= latestStart,
                false, forward);
        return new MappedKeyIterator<>(raw, SegmentedSessionStore::windowedKey);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> findRange(Bytes keyFrom, Bytes keyTo, long earliestEnd,
            long latestEnd, long latestStart, boolean forward) {
        checkOpen();
        long fromEnd = Math.max(earliestEnd, minLiveTimestamp());
        if (latestStart < 0 || fromEnd > latestEnd || KeyValueIterators.isInvertedRange(name(), keyFrom, keyTo)) {
            return KeyValueIterators.empty();
        }
        byte[] lowKey = keyFrom == null ? null : keyFrom.get();
        byte[] highKey = keyTo == null ? null : keyTo.get();
        KeyValueIterator<Bytes, byte[]> raw = iterate(fromEnd, latestEnd, KeyFirstBounds.rangeLowerBound(lowKey),
                KeyFirstBounds.rangeUpperBound(lowKey, highKey, SessionKeySchema.SUFFIX_LENGTH), storeKey -> {
                    if ((lowKey != null && SessionKeySchema.compareKey(storeKey, lowKey) < 0)
                            || (highKey != null && SessionKeySchema.compareKey(storeKey, highKey) > 0)) {
                        return false;
                    }
                    long end = SessionKeySchema.extractEnd(storeKey);
                    return end >= fromEnd && end <= latestEnd && SessionKeySchema.extractStart(storeKey) <= latestStart;
                }, true, forward);
        return new MappedKeyIterator<>(raw, SegmentedSessionStore::windowedKey);
    }

    private static Windowed<Bytes> windowedKey(Bytes storeKey) {
        byte[] bytes = storeKey.get();
        return new Windowed<>(new Bytes(SessionKeySchema.extractKey(bytes)),
                new SessionWindow(SessionKeySchema.extractStart(bytes), SessionKeySchema.extractEnd(bytes)));
    }
}

package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.ChangelogPartition;
import io.eddy.state.ChangelogWriter;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.SessionStore;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.Windowed;
import java.util.Objects;

/**
 * Sends every session write that reaches it to the store's changelog, keyed by the {@link SessionKeySchema} composite
 * key (key, session end, session start), then registers the store below for restore from that changelog. Placed under
 * the record cache. Writes to expired sessions are not logged. The changelog topic is compacted
 * ({@link io.eddy.state.ChangelogTopicConfigs#forSessionStore}). Thread safety: as the store below.
 */
public class ChangeLoggingSessionBytesStore implements SessionStore<Bytes, byte[]> {

    private final SessionStore<Bytes, byte[]> inner;
    private StateStoreContext context;
    private ChangelogWriter writer;
    private String topic;
    private int partition;

    /** @param inner the byte store below */
    public ChangeLoggingSessionBytesStore(SessionStore<Bytes, byte[]> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = context;
        this.writer = context.changelogWriter().orElse(null);
        if (writer == null) {
            inner.init(context, root);
            return;
        }
        this.topic = context.changelogTopic(name());
        this.partition = context.changelogPartition();
        inner.init(new ChangelogRegistration(context, new ChangelogPartition(topic, partition), false), root);
    }

    /** @return the byte store below */
    public SessionStore<Bytes, byte[]> inner() {
        return inner;
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate) {
        put(sessionKey, aggregate, context.recordTimestamp());
    }

    /**
     * Puts and logs with an explicit record timestamp (the record cache passes the timestamp of the write it flushes).
     *
     * @param sessionKey the key and session, not null
     * @param aggregate the aggregate, or null to remove
     * @param recordTimestamp the changelog record's timestamp
     */
    public void put(Windowed<Bytes> sessionKey, byte[] aggregate, long recordTimestamp) {
        byte[] storeKey;
        if (inner instanceof SegmentedSessionStore segmented) {
            storeKey = segmented.putAndGetStoreKey(sessionKey, aggregate);
        } else {
            inner.put(sessionKey, aggregate);
            storeKey = SessionKeySchema.toStoreKey(sessionKey.key().get(), sessionKey.window().start(),
                    sessionKey.window().end());
        }
        if (storeKey != null && writer != null) {
            writer.send(topic, partition, storeKey, aggregate, recordTimestamp);
        }
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        put(sessionKey, null);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(long earliestSessionEndTime,
            long latestSessionEndTime) {
        return inner.findSessions(earliestSessionEndTime, latestSessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestSessionEndTime,
            long latestSessionStartTime) {
        return inner.findSessions(key, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes key, long earliestSessionEndTime,
            long latestSessionStartTime) {
        return inner.backwardFindSessions(key, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes keyFrom, Bytes keyTo,
            long earliestSessionEndTime, long latestSessionStartTime) {
        return inner.findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(Bytes keyFrom, Bytes keyTo,
            long earliestSessionEndTime, long latestSessionStartTime) {
        return inner.backwardFindSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime);
    }

    @Override
    public byte[] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        return inner.fetchSession(key, sessionStartTime, sessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return inner.fetch(key);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return inner.backwardFetch(key);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo) {
        return inner.fetch(keyFrom, keyTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo) {
        return inner.backwardFetch(keyFrom, keyTo);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}

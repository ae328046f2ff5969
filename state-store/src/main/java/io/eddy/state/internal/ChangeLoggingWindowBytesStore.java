package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.ChangelogPartition;
import io.eddy.state.ChangelogWriter;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.WindowStore;
import io.eddy.state.WindowStoreIterator;
import io.eddy.state.Windowed;
import java.util.Objects;

/**
 * Sends every window write that reaches it to the store's changelog, keyed by the {@link WindowKeySchema} composite key
 * (key, window start and, when duplicates are retained, the sequence number the store below assigned), then registers
 * the store below for restore from that changelog. Placed under the record cache. Writes to expired windows are not
 * logged. For timestamped stores the changelog value is the plain value with the value's timestamp as record
 * timestamp (as {@link ChangeLoggingKeyValueBytesStore}).
 *
 * <p>The changelog topic is created with {@code cleanup.policy=compact,delete} and the store's retention plus one day
 * (see {@link io.eddy.state.ChangelogTopicConfigs#forWindowStore}). Thread safety: as the store below.
 */
public class ChangeLoggingWindowBytesStore implements WindowStore<Bytes, byte[]> {

    private final WindowStore<Bytes, byte[]> inner;
    private final boolean timestampedValues;
    private final WindowKeySchema schema;
    private StateStoreContext context;
    private ChangelogWriter writer;
    private String topic;
    private int partition;
    private int sequence;

    /**
     * @param inner the byte store below
     * @param retainDuplicates whether the store below retains duplicates
     * @param timestampedValues whether values carry the 8-byte timestamp prefix
     */
    public ChangeLoggingWindowBytesStore(WindowStore<Bytes, byte[]> inner, boolean retainDuplicates,
            boolean timestampedValues) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.schema = WindowKeySchema.of(retainDuplicates);
        this.timestampedValues = timestampedValues;
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
        inner.init(new ChangelogRegistration(context, new ChangelogPartition(topic, partition), timestampedValues),
                root);
    }

    /** @return the byte store below */
    public WindowStore<Bytes, byte[]> inner() {
        return inner;
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartTimestamp) {
        put(key, value, windowStartTimestamp, context.recordTimestamp());
    }

    /**
     * Puts and logs with an explicit record timestamp (the record cache passes the timestamp of the write it flushes).
     *
     * @param key the key, not null
     * @param value the value, or null to delete
     * @param windowStartTimestamp the window start
     * @param recordTimestamp the timestamp of the changelog record of an untimestamped store
     */
    public void put(Bytes key, byte[] value, long windowStartTimestamp, long recordTimestamp) {
        byte[] storeKey;
        if (inner instanceof SegmentedWindowStore segmented) {
            storeKey = segmented.putAndGetStoreKey(key, value, windowStartTimestamp);
        } else {
            inner.put(key, value, windowStartTimestamp);
            storeKey = value == null && schema.retainDuplicates() ? null
                    : schema.toStoreKey(key.get(), windowStartTimestamp, schema.retainDuplicates() ? ++sequence : 0);
        }
        if (storeKey == null || writer == null) {
            return;
        }
        if (timestampedValues && value != null) {
            writer.send(topic, partition, storeKey, ValueAndTimestampSerde.rawValue(value),
                    ValueAndTimestampSerde.timestamp(value));
        } else {
            writer.send(topic, partition, storeKey, value, recordTimestamp);
        }
    }

    @Override
    public byte[] fetch(Bytes key, long time) {
        return inner.fetch(key, time);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return inner.fetch(key, timeFrom, timeTo);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return inner.backwardFetch(key, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return inner.fetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom,
            long timeTo) {
        return inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return inner.fetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return inner.backwardFetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return inner.all();
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return inner.backwardAll();
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

package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serializer;
import io.eddy.state.ChangelogPartition;
import io.eddy.state.ChangelogWriter;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import java.util.List;
import java.util.Objects;

/**
 * Sends every write that reaches it to the store's changelog through the context's {@link ChangelogWriter}, then
 * passes it to the byte store below. Placed under the record cache, so it sees one write per dirty key per flush or
 * eviction. It also registers the store below with its changelog partition so the state manager restores it.
 *
 * <p>For timestamped stores ({@code timestampedValues}) the local value bytes carry an 8-byte timestamp prefix; the
 * changelog record gets the plain value with that timestamp as record timestamp, and restore adds the prefix back.
 *
 * <p>When the context has no changelog writer the layer passes writes through and registers the store unlogged.
 * Thread safety: as the store below; writes on the task's thread only.
 */
public class ChangeLoggingKeyValueBytesStore implements KeyValueStore<Bytes, byte[]>, TimestampedBulkWriter {

    private final KeyValueStore<Bytes, byte[]> inner;
    private final boolean timestampedValues;
    private StateStoreContext context;
    private ChangelogWriter writer;
    private String topic;
    private int partition;

    /**
     * @param inner the byte store below
     * @param timestampedValues whether values carry the 8-byte timestamp prefix
     */
    public ChangeLoggingKeyValueBytesStore(KeyValueStore<Bytes, byte[]> inner, boolean timestampedValues) {
        this.inner = Objects.requireNonNull(inner, "inner");
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
    public KeyValueStore<Bytes, byte[]> inner() {
        return inner;
    }

    private void log(Bytes key, byte[] value, long recordTimestamp) {
        if (writer == null) {
            return;
        }
        if (timestampedValues && value != null) {
            writer.send(topic, partition, key.get(), ValueAndTimestampSerde.rawValue(value),
                    ValueAndTimestampSerde.timestamp(value));
        } else {
            writer.send(topic, partition, key.get(), value, recordTimestamp);
        }
    }

    @Override
    public void put(Bytes key, byte[] value) {
        inner.put(key, value);
        log(key, value, context.recordTimestamp());
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] existing = inner.putIfAbsent(key, value);
        if (existing == null) {
            log(key, value, context.recordTimestamp());
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        inner.putAll(entries);
        long timestamp = context.recordTimestamp();
        for (KeyValue<Bytes, byte[]> entry : entries) {
            log(entry.key, entry.value, timestamp);
        }
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries, long[] timestamps) {
        if (inner instanceof TimestampedBulkWriter bulk) {
            bulk.putAll(entries, timestamps);
        } else {
            inner.putAll(entries);
        }
        for (int i = 0; i < entries.size(); i++) {
            KeyValue<Bytes, byte[]> entry = entries.get(i);
            log(entry.key, entry.value, timestamps[i]);
        }
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] existing = inner.delete(key);
        log(key, null, context.recordTimestamp());
        return existing;
    }

    @Override
    public byte[] get(Bytes key) {
        return inner.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return inner.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return inner.all();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return inner.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        return inner.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
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

package io.eddy.log.internal;

import io.eddy.log.LogRecord;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.TopicPartition;
import io.eddy.log.UnsupportedFormatVersionException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Committed consumer-group offsets, kept in the compacted internal topic {@code __consumer_offsets} (one partition)
 * and mirrored in memory. Record layout (big-endian, strings as u16 length + UTF-8):
 * <pre>
 * key:   version u8 (1) | group string | topic string | partition int32
 * value: version u8 (1) | offset int64 | metadata (int32 length + UTF-8) | commit timestamp int64
 * </pre>
 * A null value (tombstone) removes the entry. An unknown version fails loudly, naming the offset.
 */
final class GroupOffsetStore {
    private static final byte VERSION = 1;

    private final PartitionLog log;
    private final Map<String, Map<TopicPartition, OffsetAndMetadata>> groups = new ConcurrentHashMap<>();
    private long loadedUpTo;

    GroupOffsetStore(PartitionLog log) {
        this.log = log;
    }

    /**
     * Applies, in offset order, the committed records appended since the last load (all of them the first time), up
     * to the last stable offset: offsets sent in a transaction count once it commits, never if it aborts.
     */
    synchronized void catchUp() {
        log.refresh();
        ScanBuffer scratch = new ScanBuffer(1 << 16);
        long offset = Math.max(loadedUpTo, log.startOffset());
        List<LogRecord> batch = new ArrayList<>();
        long stable = log.lastStableOffset();
        while (offset < stable) {
            batch.clear();
            long next = log.read(offset, 1 << 20, Integer.MAX_VALUE, stable, true, scratch, batch);
            for (LogRecord r : batch) {
                apply(r);
            }
            if (next <= offset) {
                break;
            }
            offset = next;
        }
        loadedUpTo = offset;
    }

    private void apply(LogRecord r) {
        if (r.key() == null) {
            return;
        }
        ByteBuffer k = ByteBuffer.wrap(r.key());
        checkVersion(k.get(), r);
        String group = readShortString(k);
        String topic = readShortString(k);
        TopicPartition tp = new TopicPartition(topic, k.getInt());
        if (r.value() == null) {
            Map<TopicPartition, OffsetAndMetadata> g = groups.get(group);
            if (g != null) {
                g.remove(tp);
                if (g.isEmpty()) {
                    groups.remove(group);
                }
            }
            return;
        }
        ByteBuffer v = ByteBuffer.wrap(r.value());
        checkVersion(v.get(), r);
        long offset = v.getLong();
        byte[] meta = new byte[v.getInt()];
        v.get(meta);
        groups.computeIfAbsent(group, g -> new ConcurrentHashMap<>())
                .put(tp, new OffsetAndMetadata(offset, new String(meta, StandardCharsets.UTF_8)));
    }

    private static void checkVersion(byte version, LogRecord r) {
        if (version != VERSION) {
            throw new UnsupportedFormatVersionException("consumer offsets record at offset " + r.offset()
                    + " has format version " + version + "; this Eddy reads version " + VERSION);
        }
    }

    private static String readShortString(ByteBuffer b) {
        byte[] s = new byte[b.getShort() & 0xFFFF];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    /**
     * Appends the offsets as one batch (atomic) and applies them; the caller fsyncs. While a transaction with offsets
     * is open, the next {@link #catchUp} re-applies this batch after the transaction's, in offset order.
     */
    synchronized void commit(String group, Map<TopicPartition, OffsetAndMetadata> offsets, long now) {
        if (offsets.isEmpty()) {
            return;
        }
        log.append(encode(group, offsets, now));
        Map<TopicPartition, OffsetAndMetadata> g = groups.computeIfAbsent(group, x -> new ConcurrentHashMap<>());
        g.putAll(offsets);
        catchUp();
    }

    /** @return one batch holding the offsets' records, not yet appended */
    static RecordBatchBuilder encode(String group, Map<TopicPartition, OffsetAndMetadata> offsets, long now) {
        RecordBatchBuilder b = new RecordBatchBuilder(256 + offsets.size() * 96);
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
            b.append(now, key(group, e.getKey()), value(e.getValue(), now), null);
        }
        return b;
    }

    PartitionLog log() {
        return log;
    }

    synchronized void delete(String group, long now) {
        Map<TopicPartition, OffsetAndMetadata> g = groups.get(group);
        if (g == null || g.isEmpty()) {
            return;
        }
        RecordBatchBuilder b = new RecordBatchBuilder(256 + g.size() * 64);
        for (TopicPartition tp : g.keySet()) {
            b.append(now, key(group, tp), null, null);
        }
        log.append(b);
        groups.remove(group);
        catchUp();
    }

    Map<TopicPartition, OffsetAndMetadata> offsets(String group) {
        Map<TopicPartition, OffsetAndMetadata> g = groups.get(group);
        return g == null ? Map.of() : Map.copyOf(g);
    }

    java.util.Set<String> groups() {
        return java.util.Set.copyOf(groups.keySet());
    }

    private static byte[] key(String group, TopicPartition tp) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            writeShortString(out, group);
            writeShortString(out, tp.topic());
            out.writeInt(tp.partition());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeShortString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xFFFF) {
            throw new IllegalArgumentException("group or topic name longer than 65535 bytes");
        }
        out.writeShort(b.length);
        out.write(b);
    }

    private static byte[] value(OffsetAndMetadata om, long now) {
        byte[] meta = om.metadata().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 4 + meta.length + 8);
        b.put(VERSION).putLong(om.offset()).putInt(meta.length).put(meta).putLong(now);
        return b.array();
    }
}

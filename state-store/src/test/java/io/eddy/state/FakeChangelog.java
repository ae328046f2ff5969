package io.eddy.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory changelog for tests: a list of records per partition with offsets, acting both as the runtime's
 * {@link ChangelogWriter} and as its {@link ChangelogSource}.
 */
public final class FakeChangelog implements ChangelogWriter, ChangelogSource {

    private final Map<ChangelogPartition, List<ChangelogRecord>> logs = new HashMap<>();
    private final Map<ChangelogPartition, Long> startOffsets = new HashMap<>();
    private final Map<ChangelogPartition, Long> nextOffsets = new HashMap<>();
    private int reads;

    @Override
    public synchronized void send(String topic, int partition, byte[] key, byte[] value, long timestamp) {
        ChangelogPartition p = new ChangelogPartition(topic, partition);
        long offset = nextOffsets.getOrDefault(p, 0L);
        logs.computeIfAbsent(p, x -> new ArrayList<>()).add(new ChangelogRecord(offset, timestamp, key.clone(),
                value == null ? null : value.clone()));
        nextOffsets.put(p, offset + 1);
    }

    /** The fake holds no transactions: every record is committed. */
    @Override
    public boolean readCommitted() {
        return true;
    }

    @Override
    public synchronized long startOffset(ChangelogPartition partition) {
        return startOffsets.getOrDefault(partition, 0L);
    }

    @Override
    public synchronized long endOffset(ChangelogPartition partition) {
        return nextOffsets.getOrDefault(partition, 0L);
    }

    @Override
    public synchronized List<ChangelogRecord> read(ChangelogPartition partition, long fromOffset, int maxRecords) {
        reads++;
        List<ChangelogRecord> out = new ArrayList<>();
        for (ChangelogRecord r : logs.getOrDefault(partition, List.of())) {
            if (r.offset() >= fromOffset && out.size() < maxRecords) {
                out.add(r);
            }
        }
        return out;
    }

    /** @return the offset of the last record of each partition (what the runtime passes to checkpoint) */
    public synchronized Map<ChangelogPartition, Long> lastWrittenOffsets() {
        Map<ChangelogPartition, Long> out = new HashMap<>();
        nextOffsets.forEach((p, next) -> out.put(p, next - 1));
        return out;
    }

    /** Drops every record at or after {@code newEnd}, as a log truncated in recovery. */
    public synchronized void truncate(ChangelogPartition partition, long newEnd) {
        logs.getOrDefault(partition, new ArrayList<>()).removeIf(r -> r.offset() >= newEnd);
        nextOffsets.put(partition, newEnd);
    }

    public synchronized List<ChangelogRecord> records(ChangelogPartition partition) {
        return List.copyOf(logs.getOrDefault(partition, List.of()));
    }

    public synchronized int recordCount(ChangelogPartition partition) {
        return logs.getOrDefault(partition, List.of()).size();
    }

    /** @return the last value of every key (hex of key bytes as string key), as compaction would keep it */
    public synchronized Map<String, byte[]> compacted(ChangelogPartition partition) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (ChangelogRecord r : logs.getOrDefault(partition, List.of())) {
            String k = new io.eddy.serialization.Bytes(r.key()).toString();
            if (r.value() == null) {
                out.remove(k);
            } else {
                out.put(k, r.value());
            }
        }
        return out;
    }

    public synchronized int reads() {
        return reads;
    }
}

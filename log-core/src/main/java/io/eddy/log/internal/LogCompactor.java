package io.eddy.log.internal;

import io.eddy.log.Headers;
import io.eddy.log.LogException;
import io.eddy.log.LogRecord;
import io.eddy.log.TopicConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts partitions with the {@code compact} policy: keeps the latest record of every key among the sealed
 * segments, keeps offsets (leaving gaps), drops tombstones older than the topic's delete retention, and merges small
 * consecutive segments up to the segment size. Runs on the log's maintenance thread; replaces segments through the
 * crash-safe {@link SegmentSwap} protocol. The active segment is never touched.
 */
public final class LogCompactor {
    private static final Logger LOG = LoggerFactory.getLogger(LogCompactor.class);

    /** Test hook: where a simulated crash may stop a clean. */
    public enum Step { CLEANED_WRITTEN, SWAP_COMMITTED }

    /** Test hook called at each {@link Step}; throwing from it simulates a crash at that point. */
    @FunctionalInterface
    public interface StepListener {
        void reached(Step step) throws IOException;
    }

    private final int maxMapEntries;
    private final Map<PartitionLog, Long> cleanedUpTo = new ConcurrentHashMap<>();
    private volatile StepListener stepListener = step -> { };

    public LogCompactor(int maxMapEntries) {
        this.maxMapEntries = maxMapEntries;
    }

    public void setStepListener(StepListener listener) {
        this.stepListener = listener;
    }

    /** Forgets a partition (closed or deleted). */
    public void forget(PartitionLog log) {
        cleanedUpTo.remove(log);
    }

    /**
     * Cleans the partition if it is compacted and enough of its sealed bytes are new since the last clean (or always,
     * when {@code force}).
     *
     * @return the number of records removed
     */
    public long maybeClean(PartitionLog log, long now, boolean force) {
        TopicConfig config = log.config();
        if (!config.compacted()) {
            return 0;
        }
        LogSegment[] sealed = log.sealedSegments();
        if (sealed.length == 0) {
            return 0;
        }
        long cleanUpTo = cleanedUpTo.getOrDefault(log, -1L);
        long total = 0;
        long dirty = 0;
        for (LogSegment s : sealed) {
            total += s.dataBytes();
            if (s.baseOffset() >= cleanUpTo) {
                dirty += s.dataBytes();
            }
        }
        if (!force && (dirty == 0 || (double) dirty / Math.max(1, total) < config.minCleanableDirtyRatio())) {
            return 0;
        }
        try {
            // after listing the sealed segments: the snapshot knows every transaction batch and marker in them
            return clean(log, sealed, log.transactionIndex().snapshot(), now);
        } catch (IOException e) {
            throw new LogException("compaction of partition " + log.topicPartition() + " failed", e);
        }
    }

    private long clean(PartitionLog log, LogSegment[] sealed, TransactionIndex txns, long now) throws IOException {
        TopicConfig config = log.config();
        ScanBuffer scratch = new ScanBuffer(1 << 20);
        KeyOffsetMap map = new KeyOffsetMap(maxMapEntries);
        // 1. latest offset per key over as many sealed segments as the map holds
        int mapped = 0;
        for (LogSegment s : sealed) {
            if (map.isFull()) {
                break;
            }
            forEachRecord(log, s, txns, scratch, r -> {
                if (r.key() != null) {
                    map.put(r.key(), r.offset());
                }
            });
            mapped++;
        }
        long mapLimit = mapped == sealed.length ? sealed[sealed.length - 1].nextOffset() : sealed[mapped].baseOffset();
        long tombstoneHorizon = now - config.deleteRetentionMs();
        // 2. rewrite groups of consecutive sealed segments
        long removed = 0;
        int i = 0;
        while (i < mapped) {
            List<LogSegment> group = new ArrayList<>();
            long groupBytes = 0;
            while (i < mapped && (group.isEmpty() || groupBytes + sealed[i].dataBytes() <= config.segmentBytes())) {
                groupBytes += sealed[i].dataBytes();
                group.add(sealed[i++]);
            }
            // [first, end) must hold the bases of this group's segments and no other: the swap deletes every
            // segment whose base lies in it. Past the last sealed segment comes the active one, never to be touched.
            long end = i < sealed.length ? sealed[i].baseOffset() : sealed[i - 1].baseOffset() + 1;
            removed += rewrite(log, group, end, map, mapLimit, tombstoneHorizon, txns, scratch);
        }
        cleanedUpTo.put(log, mapLimit);
        if (removed > 0) {
            LOG.debug("compacted {}: removed {} records", log.topicPartition(), removed);
        }
        return removed;
    }

    private long rewrite(PartitionLog log, List<LogSegment> group, long end, KeyOffsetMap map, long mapLimit,
                         long tombstoneHorizon, TransactionIndex txns, ScanBuffer scratch) throws IOException {
        Path dir = log.directory();
        long first = group.get(0).baseOffset();
        Path cleaned = SegmentSwap.cleanedFile(dir, first, end);
        long[] removed = {0};
        try (FileChannel out = log.io().openForWrite(cleaned)) {
            out.truncate(0);
            long[] pos = {LogFileFormat.HEADER_SIZE};
            ChannelIo.writeFully(out, LogFileFormat.header(LogFileFormat.SEGMENT_MAGIC), 0);
            RecordBatchBuilder builder = new RecordBatchBuilder(64 * 1024);
            for (LogSegment s : group) {
                forEachBatch(log, s, scratch, (batch, batchPos) -> {
                    long base = RecordBatchDecoder.baseOffset(batch, batchPos);
                    TransactionIndex.Status status = transactionStatus(batch, batchPos, txns);
                    if (RecordBatchDecoder.isControl(batch, batchPos)
                            && RecordBatchDecoder.maxTimestamp(batch, batchPos) < tombstoneHorizon) {
                        removed[0]++; // every batch of its transaction before it was rewritten or dropped below
                        return;
                    }
                    if (status == TransactionIndex.Status.ABORTED) {
                        removed[0] += RecordBatchDecoder.recordCount(batch, batchPos);
                        return;
                    }
                    if (RecordBatchDecoder.isControl(batch, batchPos) || status == TransactionIndex.Status.OPEN) {
                        int size = ByteArrays.getInt(batch, batchPos + RecordBatchLayout.LENGTH) + RecordBatchLayout.LOG_OVERHEAD;
                        ChannelIo.writeFully(out, ByteBuffer.wrap(batch, batchPos, size), pos[0]);
                        pos[0] += size;
                        return;
                    }
                    builder.reset();
                    scratch.decoder.decode(batch, batchPos, Long.MIN_VALUE, (offset, ts, key, value, headers) -> {
                        boolean keep = key == null || offset >= mapLimit
                                || (map.get(key) == offset && !(value == null && ts < tombstoneHorizon));
                        if (keep) {
                            builder.appendWithOffsetDelta((int) (offset - base), ts, key, value,
                                    headers.isEmpty() ? null : headers);
                        } else {
                            removed[0]++;
                        }
                    });
                    if (!builder.isEmpty()) {
                        ByteBuffer sealedBatch = builder.seal(base);
                        int size = sealedBatch.remaining();
                        ChannelIo.writeFully(out, sealedBatch, pos[0]);
                        pos[0] += size;
                    }
                });
            }
            out.force(true);
        }
        stepListener.reached(Step.CLEANED_WRITTEN);
        Path swap = SegmentSwap.commit(cleaned);
        stepListener.reached(Step.SWAP_COMMITTED);
        log.writeLock().lock();
        try {
            // the old segments stay open for readers that still hold them: their files are renamed over or deleted,
            // which an open channel survives; they are closed once retired long enough
            Path target = SegmentSwap.complete(dir, swap);
            LogSegment replacement = LogSegment.open(dir, first, log.io(), true, false,
                    log.config().indexIntervalBytes(), log.clock().millis(), scratch);
            if (!replacement.lastScan().clean()) {
                replacement.close();
                throw new LogException("compacted segment " + target + " does not scan cleanly: "
                        + replacement.lastScan().stopReason());
            }
            replacement.seal(log.io(), true);
            log.replaceSegments(group, List.of(replacement));
            log.retire(group);
        } finally {
            log.writeLock().unlock();
        }
        return removed[0];
    }

    @FunctionalInterface
    private interface BatchVisitor {
        void accept(byte[] buf, int pos) throws IOException;
    }

    private static void forEachBatch(PartitionLog log, LogSegment s, ScanBuffer scratch, BatchVisitor visitor)
            throws IOException {
        int pos = LogFileFormat.HEADER_SIZE;
        int size = s.size();
        while (pos < size) {
            int got = s.read(pos, ByteBuffer.wrap(scratch.buf), size);
            int p = 0;
            while (p < got) {
                int batchSize;
                try {
                    batchSize = scratch.decoder.validate(scratch.buf, p, got - p);
                } catch (MalformedBatchException e) {
                    throw new io.eddy.log.CorruptRecordException("compaction of " + log.topicPartition()
                            + " met a corrupt batch in " + s.file() + " at position " + (pos + p) + ": " + e.getMessage());
                }
                if (batchSize == RecordBatchDecoder.INCOMPLETE) {
                    break;
                }
                visitor.accept(scratch.buf, p);
                p += batchSize;
            }
            if (p == 0) {
                scratch.grow();
            }
            pos += p;
        }
    }

    /**
     * @return null for a batch that is not transactional (or a marker), else its transaction's status: open batches are
     *     kept as they are, aborted ones dropped, committed ones cleaned like any other and stored non-transactional
     */
    private static TransactionIndex.Status transactionStatus(byte[] buf, int pos, TransactionIndex txns) {
        if (RecordBatchDecoder.isControl(buf, pos) || !RecordBatchDecoder.isTransactional(buf, pos)) {
            return null;
        }
        return txns.status(RecordBatchDecoder.producerId(buf, pos), RecordBatchDecoder.baseOffset(buf, pos));
    }

    /** Visits the records that may supersede others: not markers, not of open or aborted transactions. */
    private static void forEachRecord(PartitionLog log, LogSegment s, TransactionIndex txns, ScanBuffer scratch,
                                      java.util.function.Consumer<LogRecord> visitor) throws IOException {
        forEachBatch(log, s, scratch, (buf, pos) -> {
            TransactionIndex.Status status = transactionStatus(buf, pos, txns);
            if (!RecordBatchDecoder.isControl(buf, pos)
                    && (status == null || status == TransactionIndex.Status.COMMITTED)) {
                scratch.decoder.decode(buf, pos, Long.MIN_VALUE, (o, t, k, v, h) ->
                        visitor.accept(new LogRecord(null, 0, o, t, k, v, h)));
            }
        });
    }

}

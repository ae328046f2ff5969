package io.eddy.log.internal;

import io.eddy.log.CorruptRecordException;
import io.eddy.log.LogClosedException;
import io.eddy.log.LogException;
import io.eddy.log.LogRecord;
import io.eddy.log.OffsetOutOfRangeException;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.log.UnexpectedFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One partition of a topic: an ordered list of segments, the last of which is active. Appends are serialized by a
 * lock; reads run concurrently against the published state. A writable partition recovers its active segment on
 * open, cutting a torn or corrupt tail; a read-only one never changes a file and treats such a tail as not written
 * yet, picking up growth through {@link #refresh()}.
 */
public final class PartitionLog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionLog.class);
    private static final int MAX_READ_ATTEMPTS = 5;
    /**
     * How long a segment replaced by compaction (or a read-only refresh) stays open: readers that took the old
     * segment array finish reading its files (unlinked or renamed over, but still readable through the open channel)
     * instead of failing and retrying.
     */
    static final long RETIRED_SEGMENT_GRACE_MS = 5_000;
    /** Replaced segments not closed yet, oldest first, with when each was retired; guarded by itself. */
    private final java.util.ArrayDeque<LogSegment> retired = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<Long> retiredAtMs = new java.util.ArrayDeque<>();

    private final TopicPartition tp;
    private final Path dir;
    private final FileChannelFactory io;
    private final Clock clock;
    private final boolean writable;
    private final AppendSignal signal;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile TopicConfig config;
    private volatile LogSegment[] segments;
    private volatile boolean closed;
    private volatile String failure;
    private volatile TransactionIndex txnIndex = new TransactionIndex(0);
    private long unflushedRecords;
    private long lastFlushMs;
    private boolean dirty;
    private String recoveryReport;

    private PartitionLog(TopicPartition tp, Path dir, TopicConfig config, FileChannelFactory io, Clock clock,
                         boolean writable, AppendSignal signal) {
        this.tp = tp;
        this.dir = dir;
        this.config = config;
        this.io = io;
        this.clock = clock;
        this.writable = writable;
        this.signal = signal;
        this.lastFlushMs = clock.millis();
    }

    /**
     * Opens (and, if writable, creates and recovers) the partition in {@code dir}.
     *
     * @throws UnexpectedFileException if the directory holds a file the log did not write
     */
    public static PartitionLog open(TopicPartition tp, Path dir, TopicConfig config, FileChannelFactory io, Clock clock,
                                    boolean writable, AppendSignal signal) {
        PartitionLog log = new PartitionLog(tp, dir, config, io, clock, writable, signal);
        try {
            if (writable) {
                Files.createDirectories(dir);
                SegmentSwap.completeInterruptedSwaps(dir);
            }
            log.loadSegments();
            log.txnIndex = log.buildTransactionIndex(log.segments);
        } catch (IOException e) {
            log.closeSegments();
            throw new LogException("cannot open partition " + tp + " in " + dir, e);
        } catch (RuntimeException e) {
            log.closeSegments();
            throw e;
        }
        return log;
    }

    private void loadSegments() throws IOException {
        TreeMap<Long, Path> logs = listSegmentFiles();
        List<LogSegment> opened = new ArrayList<>();
        ScanBuffer scratch = new ScanBuffer(1 << 20);
        long now = clock.millis();
        try {
            int i = 0;
            for (long base : logs.keySet()) {
                boolean last = ++i == logs.size();
                LogSegment s = LogSegment.open(dir, base, io, writable, !last, config.indexIntervalBytes(), now, scratch);
                opened.add(s);
                LogSegment.ScanResult scan = s.lastScan();
                if (!scan.clean()) {
                    if (last && writable) {
                        long fileSize = Files.size(s.file());
                        recoveryReport = "recovered " + tp + ": " + scan.stopReason() + "; cut " + (fileSize - scan.validSize())
                                + " bytes from " + s.file() + ", log now ends at offset " + s.nextOffset();
                        LOG.warn(recoveryReport);
                        s.truncateTo(scan.validSize());
                    } else if (!last) {
                        s.markCorrupt(scan.stopReason());
                        LOG.error("partition {}: sealed segment {} is damaged: {}; reads reaching it will fail",
                                tp, s.file(), scan.stopReason());
                    }
                }
            }
            if (opened.isEmpty() && writable) {
                opened.add(LogSegment.create(dir, 0, io, now));
            }
        } catch (IOException | RuntimeException e) {
            for (LogSegment s : opened) {
                s.close();
            }
            throw e;
        }
        segments = opened.toArray(new LogSegment[0]);
    }

    private TreeMap<Long, Path> listSegmentFiles() throws IOException {
        TreeMap<Long, Path> logs = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return logs;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                long base = LogFileFormat.parseBaseOffset(name, LogFileFormat.LOG_SUFFIX);
                if (base >= 0) {
                    logs.put(base, f);
                } else if (LogFileFormat.parseBaseOffset(name, LogFileFormat.OFFSET_INDEX_SUFFIX) >= 0
                        || LogFileFormat.parseBaseOffset(name, LogFileFormat.TIME_INDEX_SUFFIX) >= 0) {
                    continue;
                } else if (LogFileFormat.isLeftover(name)) {
                    continue; // leftovers of an interrupted index write or compaction; handled by the writer
                } else {
                    throw new UnexpectedFileException("unexpected file " + f + " in the directory of partition " + tp
                            + "; the log only writes <20-digit offset>.log/.index/.timeindex files there. Move it away"
                            + " and reopen");
                }
            }
        }
        return logs;
    }

    /** Scans every batch header of {@code segs} into a fresh index. */
    private TransactionIndex buildTransactionIndex(LogSegment[] segs) throws IOException {
        TransactionIndex index = new TransactionIndex(segs.length == 0 ? 0 : segs[0].baseOffset());
        // small reads: only headers are wanted, and a large batch's records are skipped by seeking past them
        indexBatches(index, segs, 0, new ScanBuffer(8 * 1024));
        return index;
    }

    /**
     * Feeds the index every batch of {@code segs} at or after {@code from}, reading only batch headers (and the one
     * record of each marker). Segments hold only batches that passed recovery or a checksum scan on open.
     */
    private void indexBatches(TransactionIndex index, LogSegment[] segs, long from, ScanBuffer scratch)
            throws IOException {
        TransactionMarker.Type[] marker = new TransactionMarker.Type[1];
        for (LogSegment seg : segs) {
            if (seg.nextOffset() <= from) {
                continue;
            }
            int pos = seg.startPositionFor(Math.max(from, seg.baseOffset()));
            int size = seg.size();
            while (pos + RecordBatchLayout.HEADER_SIZE <= size) {
                int got = seg.read(pos, ByteBuffer.wrap(scratch.buf), size);
                int p = 0;
                while (p + RecordBatchLayout.HEADER_SIZE <= got) {
                    int batchSize = ByteArrays.getInt(scratch.buf, p + RecordBatchLayout.LENGTH)
                            + RecordBatchLayout.LOG_OVERHEAD;
                    if (batchSize < RecordBatchLayout.HEADER_SIZE) {
                        throw new CorruptRecordException("partition " + tp + ": batch at position " + (pos + p)
                                + " of " + seg.file() + " has length " + batchSize + " while indexing transactions");
                    }
                    boolean control = RecordBatchDecoder.isControl(scratch.buf, p);
                    if (control && p + batchSize > got) {
                        break; // read the whole marker from its start
                    }
                    long base = RecordBatchDecoder.baseOffset(scratch.buf, p);
                    long last = RecordBatchDecoder.lastOffset(scratch.buf, p);
                    if (last >= from) {
                        long pid = RecordBatchDecoder.producerId(scratch.buf, p);
                        if (control) {
                            marker[0] = null;
                            try {
                                scratch.decoder.decode(scratch.buf, p, Long.MIN_VALUE,
                                        (o, t, k, v, h) -> marker[0] = TransactionMarker.parse(k));
                            } catch (MalformedBatchException e) {
                                throw new CorruptRecordException("partition " + tp + ": transaction marker at offset "
                                        + base + " in " + seg.file() + " is invalid: " + e.getMessage());
                            }
                            if (marker[0] != null) {
                                index.onMarker(pid, marker[0], base);
                            }
                        } else if (RecordBatchDecoder.isTransactional(scratch.buf, p)) {
                            index.onData(pid, RecordBatchDecoder.producerEpoch(scratch.buf, p),
                                    RecordBatchDecoder.baseSequence(scratch.buf, p), base, last);
                        } else {
                            index.onOther(last);
                        }
                    }
                    p += batchSize;
                }
                if (p == 0) {
                    scratch.grow(); // a marker larger than the buffer
                }
                pos += p;
            }
            index.onOther(seg.nextOffset() - 1); // compaction may have removed the segment's last batches
        }
    }

    /** @return what recovery cut on open, or null when the tail was intact */
    public String recoveryReport() {
        return recoveryReport;
    }

    public TopicPartition topicPartition() {
        return tp;
    }

    public TopicConfig config() {
        return config;
    }

    public void updateConfig(TopicConfig config) {
        this.config = config;
    }

    Path directory() {
        return dir;
    }

    /** @return the first offset that may be read */
    public long startOffset() {
        ensureOpen();
        LogSegment[] s = segments;
        return s.length == 0 ? 0 : s[0].baseOffset();
    }

    /** @return the offset the next appended record gets */
    public long endOffset() {
        ensureOpen();
        LogSegment[] s = segments;
        return s.length == 0 ? 0 : s[s.length - 1].nextOffset();
    }

    public int segmentCount() {
        return segments.length;
    }

    /** @return bytes of batches stored across all segments */
    public long sizeInBytes() {
        long total = 0;
        for (LogSegment s : segments) {
            total += s.dataBytes();
        }
        return total;
    }

    /**
     * Appends the records in {@code batch} as one batch with consecutive offsets, rolling the active segment first
     * when the batch would overflow it or it is older than the roll time.
     *
     * @return the offset given to the batch's first record
     * @throws LogException if the partition failed an earlier write or the write fails; a failed partition refuses
     *     further appends until the log is reopened, since the file's state is unknown
     */
    public long append(RecordBatchBuilder batch) {
        if (batch.isControl()) {
            throw new IllegalArgumentException("transaction markers are appended by appendMarker, not append");
        }
        return append(batch, null);
    }

    /**
     * Appends the marker ending {@code producerId}'s open transaction in this partition, if it has one.
     *
     * @return the marker's offset, or -1 when the producer has no open transaction here (nothing is appended)
     */
    public long appendMarker(TransactionMarker.Type type, long producerId, short epoch, int sequence) {
        lock.lock();
        try {
            if (txnIndex.openTransaction(producerId) == null) {
                return -1;
            }
            RecordBatchBuilder b = new RecordBatchBuilder(RecordBatchLayout.HEADER_SIZE + 64);
            TransactionMarker.build(b, type, producerId, epoch, sequence, clock.millis());
            return append(b, type);
        } finally {
            lock.unlock();
        }
    }

    /** @return this partition's transactions */
    TransactionIndex transactionIndex() {
        return txnIndex;
    }

    /**
     * @return the last stable offset: the first offset of the earliest open transaction, or the end offset when
     *     none is open
     */
    public long lastStableOffset() {
        long end = endOffset(); // before the index: a batch counted in the end is already in the index
        return Math.min(end, txnIndex.firstUnstableOffset());
    }

    private long append(RecordBatchBuilder batch, TransactionMarker.Type markerType) {
        lock.lock();
        try {
            ensureWritable();
            LogSegment active = segments[segments.length - 1];
            long now = clock.millis();
            int batchSize = batch.sizeInBytes();
            if (!active.isEmpty() && ((long) active.size() + batchSize > config.segmentBytes()
                    || now - active.createdAtMs() >= config.segmentMs())) {
                active = roll(now);
            }
            long base = active.nextOffset();
            long last = base + Math.max(batch.lastOffsetDelta(), 0);
            // the index learns of the batch before readers can see it in the segment (see TransactionIndex)
            if (batch.isControl()) {
                txnIndex.onMarker(batch.producerId(), markerType, base);
            } else if (batch.isTransactional()) {
                txnIndex.onData(batch.producerId(), batch.producerEpoch(), batch.baseSequence(), base, last);
            } else {
                txnIndex.onOther(last);
            }
            ByteBuffer bytes = batch.seal(base);
            try {
                active.append(bytes, base, base + Math.max(batch.lastOffsetDelta(), 0), batch.maxTimestamp(),
                        config.indexIntervalBytes());
            } catch (IOException e) {
                throw fail("append to " + active.file() + " failed", e);
            }
            unflushedRecords += batch.recordCount();
            dirty = true;
            if (unflushedRecords >= config.fsyncPolicy().everyRecords()
                    || now - lastFlushMs >= config.fsyncPolicy().everyMillis()) {
                flushLocked(now);
            }
            signal.signal();
            return base;
        } finally {
            lock.unlock();
        }
    }

    private LogSegment roll(long now) {
        LogSegment old = segments[segments.length - 1];
        try {
            old.seal(io, true);
            LogSegment fresh = LogSegment.create(dir, old.nextOffset(), io, now);
            LogSegment[] next = Arrays.copyOf(segments, segments.length + 1);
            next[next.length - 1] = fresh;
            segments = next;
            unflushedRecords = 0;
            dirty = false;
            lastFlushMs = now;
            return fresh;
        } catch (IOException e) {
            throw fail("rolling segment " + old.file() + " failed", e);
        }
    }

    /**
     * Forces every appended byte of this partition to stable storage.
     *
     * @throws LogException if the partition failed earlier while appended records were still unsynced: they can no
     *     longer be made durable, so the flush must not be acknowledged
     */
    public void flush() {
        lock.lock();
        try {
            if (closed || !writable) {
                return;
            }
            if (failure != null) {
                if (dirty) {
                    throw new LogException("partition " + tp + " failed earlier (" + failure + ") with appended"
                            + " records not yet synced; they cannot be made durable. Reopen the log");
                }
                return;
            }
            flushLocked(clock.millis());
        } finally {
            lock.unlock();
        }
    }

    /** Flushes when the time-based fsync policy says unsynced data is due. */
    public void flushIfDue(long now) {
        if (!dirty || failure != null || now - lastFlushMs < config.fsyncPolicy().everyMillis()) {
            return; // a failed partition was reported to its appender; retrying on a timer would only repeat that
        }
        flush();
    }

    private void flushLocked(long now) {
        if (!dirty) {
            return;
        }
        LogSegment active = segments[segments.length - 1];
        try {
            active.flush();
        } catch (IOException e) {
            throw fail("fsync of " + active.file() + " failed", e);
        }
        dirty = false;
        unflushedRecords = 0;
        lastFlushMs = now;
    }

    private LogException fail(String what, IOException e) {
        failure = what + ": " + e;
        return new LogException("partition " + tp + ": " + what + "; the partition refuses writes until the log is"
                + " reopened", e);
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogClosedException("partition " + tp + " is closed");
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (!writable) {
            throw new io.eddy.log.ReadOnlyLogException("partition " + tp + " is open read-only");
        }
        if (failure != null) {
            throw new LogException("partition " + tp + " failed earlier (" + failure + "); reopen the log");
        }
    }

    /**
     * Reads the records at and after {@code offset}: whole batches from one segment, about {@code maxBytes} of them
     * (at least one batch), decoding at most {@code maxRecords} records into {@code out}.
     *
     * @return the offset to read next (after the last record returned, or past batches that held none)
     * @throws OffsetOutOfRangeException if {@code offset} is below the log start or above the log end
     * @throws CorruptRecordException if a batch fails its checksum or does not decode
     */
    public long read(long offset, int maxBytes, int maxRecords, ScanBuffer scratch, List<LogRecord> out) {
        return read(offset, maxBytes, maxRecords, Long.MAX_VALUE, false, scratch, out);
    }

    /**
     * Reads like {@link #read(long, int, int, ScanBuffer, List)}, returning no batch at or past {@code maxOffset} and,
     * when {@code readCommitted}, skipping the batches of aborted transactions.
     *
     * @return the offset to read next; at most {@code maxOffset} once a batch at or past it was met
     */
    public long read(long offset, int maxBytes, int maxRecords, long maxOffset, boolean readCommitted,
                     ScanBuffer scratch, List<LogRecord> out) {
        int outSizeBefore = out.size();
        for (int attempt = 1; ; attempt++) {
            ensureOpen();
            LogSegment[] segs = segments;
            if (segs.length == 0) {
                if (offset == 0) {
                    return 0;
                }
                throw new OffsetOutOfRangeException("offset " + offset + " is beyond the end 0 of empty partition " + tp);
            }
            long start = segs[0].baseOffset();
            long end = segs[segs.length - 1].nextOffset();
            if (offset < start || offset > end) {
                throw new OffsetOutOfRangeException("offset " + offset + " is outside the range [" + start + ", "
                        + end + "] of partition " + tp);
            }
            if (offset == end || offset >= maxOffset) {
                return offset;
            }
            try {
                return readFrom(segs, offset, maxBytes, maxRecords, maxOffset, readCommitted ? txnIndex : null,
                        scratch, out);
            } catch (ClosedChannelException e) {
                // a segment was deleted under us (retention): look again, without what this attempt already returned
                out.subList(outSizeBefore, out.size()).clear();
                if (attempt >= MAX_READ_ATTEMPTS || closed) {
                    ensureOpen();
                    throw new LogException("partition " + tp + ": segments kept changing during read at " + offset, e);
                }
            } catch (IOException e) {
                throw new LogException("partition " + tp + ": read at offset " + offset + " failed", e);
            }
        }
    }

    private long readFrom(LogSegment[] segs, long offset, int maxBytes, int maxRecords, long maxOffset,
                          TransactionIndex committedOnly, ScanBuffer scratch, List<LogRecord> out) throws IOException {
        // out may already hold records of other partitions (a consumer's poll): the limit counts only ours
        int limit = (int) Math.min(Integer.MAX_VALUE, (long) out.size() + maxRecords);
        int i = floorSegment(segs, offset);
        for (; i < segs.length; i++) {
            LogSegment seg = segs[i];
            long segNext = seg.nextOffset();
            int segSize = seg.size();
            if (offset >= segNext) {
                seg.checkNotCorrupt(tp);
                continue;
            }
            int pos = seg.startPositionFor(offset);
            scratch.ensure(Math.max(maxBytes, 64));
            while (pos < segSize) {
                int want = Math.min(scratch.buf.length, segSize - pos);
                int got = seg.read(pos, ByteBuffer.wrap(scratch.buf, 0, want), segSize);
                int p = 0;
                long next = offset;
                boolean any = false;
                while (p < got) {
                    int batchSize;
                    try {
                        batchSize = scratch.decoder.validate(scratch.buf, p, got - p);
                    } catch (MalformedBatchException e) {
                        throw corrupt(seg, pos + p, offset, e);
                    }
                    if (batchSize == RecordBatchDecoder.INCOMPLETE) {
                        if (p == 0 && got == scratch.buf.length) {
                            // the batch is larger than the buffer: grow and read it whole
                            scratch.ensure(scratch.buf.length * 2);
                            break;
                        }
                        if (p == 0) {
                            throw corrupt(seg, pos, offset, new MalformedBatchException(
                                    "batch extends past the end of the segment's valid data"));
                        }
                        break;
                    }
                    long last = RecordBatchDecoder.lastOffset(scratch.buf, p);
                    if (RecordBatchDecoder.baseOffset(scratch.buf, p) >= maxOffset) {
                        return Math.min(next, maxOffset);
                    }
                    if (last >= offset) {
                        if (!RecordBatchDecoder.isControl(scratch.buf, p) && (committedOnly == null
                                || !RecordBatchDecoder.isTransactional(scratch.buf, p)
                                || !committedOnly.isAborted(RecordBatchDecoder.producerId(scratch.buf, p),
                                        RecordBatchDecoder.baseOffset(scratch.buf, p)))) {
                            int before = out.size();
                            try {
                                scratch.decoder.decodeInto(scratch.buf, p, offset, tp.topic(), tp.partition(), out);
                            } catch (MalformedBatchException e) {
                                throw corrupt(seg, pos + p, offset, e);
                            }
                            int taken = out.size() - before;
                            if (out.size() >= limit && taken > 0) {
                                int excess = out.size() - limit;
                                if (excess > 0) {
                                    long firstDropped = out.get(limit).offset();
                                    out.subList(limit, out.size()).clear();
                                    return firstDropped;
                                }
                                return last + 1;
                            }
                        }
                        next = last + 1;
                        any = true;
                    }
                    p += batchSize;
                    if (any && p >= maxBytes) {
                        return next;
                    }
                }
                if (any) {
                    return next;
                }
                pos += p;
            }
            seg.checkNotCorrupt(tp);
            offset = Math.max(offset, segNext);
        }
        return offset;
    }

    private CorruptRecordException corrupt(LogSegment seg, int position, long offset, MalformedBatchException e) {
        return new CorruptRecordException("corrupt batch in partition " + tp + " at or after offset " + offset
                + " (file " + seg.file() + ", position " + position + "): " + e.getMessage());
    }

    private static int floorSegment(LogSegment[] segs, long offset) {
        int lo = 0;
        int hi = segs.length - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (segs[mid].baseOffset() <= offset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * @return the offset of the first record, in offset order, whose timestamp is at or after {@code timestamp}, or
     *     empty when there is none
     */
    public OptionalLong offsetForTimestamp(long timestamp, ScanBuffer scratch) {
        LogSegment[] segs = segments;
        for (LogSegment seg : segs) {
            if (seg.maxTimestamp() < timestamp) {
                continue;
            }
            long offset = Math.max(seg.startOffsetForTimestamp(timestamp), segs[0].baseOffset());
            List<LogRecord> batch = new ArrayList<>();
            while (offset < seg.nextOffset()) {
                batch.clear();
                long next = read(offset, 64 * 1024, Integer.MAX_VALUE, scratch, batch);
                for (LogRecord r : batch) {
                    if (r.timestamp() >= timestamp) {
                        return OptionalLong.of(r.offset());
                    }
                }
                if (next <= offset) {
                    break;
                }
                offset = next;
            }
        }
        return OptionalLong.empty();
    }

    /** Read-only views: picks up segments and bytes another process appended since the last look. */
    public void refresh() {
        if (writable || closed) {
            return;
        }
        lock.lock();
        try {
            TreeMap<Long, Path> files = listSegmentFiles();
            LogSegment[] current = segments;
            if (compactionSwapInProgress(files, current)) {
                return; // segments are being replaced; the old files stay readable until the swap completes
            }
            Map<Long, LogSegment> reusable = new HashMap<>();
            for (int i = 0; i < current.length; i++) {
                LogSegment s = current[i];
                // compaction merges a group of segments into the file of its first: a segment whose successor
                // vanished while it stayed was replaced, and must be read afresh
                boolean successorVanished = i + 1 < current.length
                        && !files.containsKey(current[i + 1].baseOffset());
                if (files.containsKey(s.baseOffset()) && !successorVanished) {
                    reusable.put(s.baseOffset(), s);
                }
            }
            ScanBuffer scratch = new ScanBuffer(1 << 16);
            LogSegment previousLast = current.length == 0 ? null : current[current.length - 1];
            if (previousLast != null && reusable.get(previousLast.baseOffset()) == previousLast) {
                previousLast.scan(previousLast.size(), Files.size(previousLast.file()), config.indexIntervalBytes(),
                        scratch);
            }
            List<LogSegment> next = new ArrayList<>();
            List<LogSegment> opened = new ArrayList<>();
            try {
                for (long base : files.keySet()) {
                    LogSegment s = reusable.get(base);
                    if (s == null) {
                        s = LogSegment.open(dir, base, io, false, false, config.indexIntervalBytes(), clock.millis(),
                                scratch);
                        opened.add(s);
                    }
                    next.add(s);
                }
            } catch (IOException | RuntimeException e) {
                for (LogSegment s : opened) {
                    s.close();
                }
                throw e;
            }
            if (next.isEmpty()) {
                return;
            }
            LogSegment[] published = next.toArray(new LogSegment[0]);
            boolean replaced = false;
            for (LogSegment s : current) {
                replaced |= reusable.get(s.baseOffset()) != s;
            }
            if (replaced) {
                // compaction rewrote segments (dropping aborted records and old markers): start from the new files
                TransactionIndex fresh = buildTransactionIndex(published);
                segments = published;
                txnIndex = fresh;
            } else {
                // segments first, then the index: lastStableOffset is bounded by what the index has seen
                segments = published;
                indexBatches(txnIndex, published, txnIndex.indexedUpTo(), scratch);
            }
            List<LogSegment> replacedSegments = new ArrayList<>();
            for (LogSegment s : current) {
                if (reusable.get(s.baseOffset()) != s) {
                    replacedSegments.add(s);
                }
            }
            retire(replacedSegments); // readers still on them finish; later reads use the published segments
        } catch (java.nio.file.NoSuchFileException e) {
            // a segment vanished between listing and opening (retention, compaction): the next refresh sees it right
        } catch (IOException e) {
            throw new LogException("partition " + tp + ": cannot refresh read-only view of " + dir, e);
        } finally {
            lock.unlock();
        }
    }

    /** @return true when a segment we hold vanished while a compaction swap file is present (mid-swap) */
    private boolean compactionSwapInProgress(TreeMap<Long, Path> files, LogSegment[] current) throws IOException {
        boolean vanished = false;
        for (LogSegment s : current) {
            vanished |= !files.containsKey(s.baseOffset());
        }
        if (!vanished) {
            return false;
        }
        try (DirectoryStream<Path> swaps = Files.newDirectoryStream(dir, "*" + LogFileFormat.SWAP_SUFFIX)) {
            return swaps.iterator().hasNext();
        }
    }

    /**
     * Deletes whole sealed segments past the retention time or beyond the retention size, oldest first; never the
     * active segment.
     *
     * @return the number of segments deleted
     */
    public int applyRetention(long now) {
        TopicConfig c = config;
        if (!c.deletesOldSegments() || (c.retentionMs() < 0 && c.retentionBytes() < 0)) {
            return 0;
        }
        lock.lock();
        try {
            if (closed || !writable) {
                return 0;
            }
            LogSegment[] segs = segments;
            long total = sizeInBytes();
            int drop = 0;
            while (drop < segs.length - 1) {
                LogSegment s = segs[drop];
                boolean expired = c.retentionMs() >= 0 && (s.isEmpty() || s.maxTimestamp() < now - c.retentionMs());
                boolean oversize = c.retentionBytes() >= 0 && total - s.dataBytes() >= c.retentionBytes();
                if (!expired && !oversize) {
                    break;
                }
                total -= s.dataBytes();
                drop++;
            }
            if (drop == 0) {
                return 0;
            }
            segments = Arrays.copyOfRange(segs, drop, segs.length);
            txnIndex.dropBelow(segments[0].baseOffset());
            for (int i = 0; i < drop; i++) {
                try {
                    segs[i].delete();
                } catch (IOException e) {
                    LOG.warn("partition {}: could not delete expired segment {}", tp, segs[i].file(), e);
                }
            }
            LOG.debug("partition {}: retention deleted {} segment(s); log now starts at {}", tp, drop,
                    segments[0].baseOffset());
            return drop;
        } finally {
            lock.unlock();
        }
    }

    /** @return the sealed segments (all but the active one), for compaction */
    LogSegment[] sealedSegments() {
        LogSegment[] s = segments;
        return Arrays.copyOf(s, s.length - 1);
    }

    ReentrantLock writeLock() {
        return lock;
    }

    FileChannelFactory io() {
        return io;
    }

    Clock clock() {
        return clock;
    }

    /** Replaces {@code old} (consecutive sealed segments) by {@code replacement}; caller holds the write lock. */
    /**
     * Closes {@code old} segments once readers still on them are surely done ({@link #RETIRED_SEGMENT_GRACE_MS}), and
     * closes the ones retired longer ago now.
     */
    void retire(List<LogSegment> old) {
        long now = clock.millis();
        List<LogSegment> due = new ArrayList<>();
        synchronized (retired) {
            for (LogSegment s : old) {
                retired.addLast(s);
                retiredAtMs.addLast(now);
            }
            while (!retiredAtMs.isEmpty() && now - retiredAtMs.peekFirst() >= RETIRED_SEGMENT_GRACE_MS) {
                retiredAtMs.pollFirst();
                due.add(retired.pollFirst());
            }
        }
        due.forEach(LogSegment::close);
    }

    private void closeRetired() {
        List<LogSegment> all;
        synchronized (retired) {
            all = new ArrayList<>(retired);
            retired.clear();
            retiredAtMs.clear();
        }
        all.forEach(LogSegment::close);
    }

    void replaceSegments(List<LogSegment> old, List<LogSegment> replacement) {
        List<LogSegment> next = new ArrayList<>();
        for (LogSegment s : segments) {
            if (s == old.get(0)) {
                next.addAll(replacement);
            }
            if (!old.contains(s)) {
                next.add(s);
            }
        }
        segments = next.toArray(new LogSegment[0]);
    }

    /** Syncs and closes every segment; a writable partition writes the active segment's indexes too. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (writable && failure == null && segments != null) {
                try {
                    segments[segments.length - 1].seal(io, true);
                } catch (IOException e) {
                    LOG.warn("partition {}: final sync on close failed", tp, e);
                }
            }
            closed = true;
            closeSegments();
            closeRetired();
        } finally {
            lock.unlock();
        }
    }

    private void closeSegments() {
        LogSegment[] s = segments;
        if (s != null) {
            for (LogSegment seg : s) {
                seg.close();
            }
        }
    }

    boolean isWritable() {
        return writable;
    }

    @Override
    public String toString() {
        return "PartitionLog(" + tp + ", " + segments.length + " segments)";
    }
}

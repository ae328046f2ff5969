package io.eddy.log.internal;

import io.eddy.log.CorruptRecordException;
import io.eddy.log.LogException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One segment file of a partition: batches from {@link #baseOffset()} on, after a {@link LogFileFormat} header, with
 * its in-memory offset and time indexes. One writer appends (under the partition's lock); readers read concurrently up
 * to the published {@link #size()}. Holds an open file channel until {@link #close()}.
 */
final class LogSegment implements AutoCloseable {
    private final Path dir;
    private final Path file;
    private final long baseOffset;
    private volatile FileChannel channel;
    private final FileChannelFactory io;
    private volatile boolean closedDeliberately;
    private final boolean writable;
    private final OffsetIndex offsetIndex = new OffsetIndex();
    private final TimeIndex timeIndex = new TimeIndex();
    private final long createdAtMs;

    private volatile int size;
    private volatile long nextOffset;
    private volatile long maxTimestamp = -1;
    private int bytesSinceIndexEntry;
    private boolean indexFilesCurrent;

    private LogSegment(Path dir, long baseOffset, FileChannel channel, boolean writable, long createdAtMs,
                       FileChannelFactory io) {
        this.io = io;
        this.dir = dir;
        this.file = dir.resolve(LogFileFormat.fileName(baseOffset, LogFileFormat.LOG_SUFFIX));
        this.baseOffset = baseOffset;
        this.channel = channel;
        this.writable = writable;
        this.createdAtMs = createdAtMs;
        this.nextOffset = baseOffset;
    }

    /** Creates a new, empty segment file (replacing any leftover of that name) and syncs its header. */
    static LogSegment create(Path dir, long baseOffset, FileChannelFactory io, long nowMs) throws IOException {
        Path file = dir.resolve(LogFileFormat.fileName(baseOffset, LogFileFormat.LOG_SUFFIX));
        FileChannel ch = io.openForWrite(file);
        try {
            ch.truncate(0);
            ChannelIo.writeFully(ch, LogFileFormat.header(LogFileFormat.SEGMENT_MAGIC), 0);
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        SegmentIndexFiles.delete(dir, baseOffset);
        LogSegment s = new LogSegment(dir, baseOffset, ch, true, nowMs, io);
        s.size = LogFileFormat.HEADER_SIZE;
        return s;
    }

    /** Outcome of scanning a segment's batches. */
    record ScanResult(int validSize, String stopReason) {
        boolean clean() {
            return stopReason == null;
        }
    }

    /**
     * Opens an existing segment file. A segment whose index files still describe it is trusted without a scan (when
     * {@code trustIndexes}); otherwise its batches are scanned, checksums checked, and the indexes rebuilt. The scan
     * stops at the first torn or corrupt batch; {@link #lastScan} says where and why, and the segment's size is the
     * valid prefix. Nothing is truncated here.
     */
    static LogSegment open(Path dir, long baseOffset, FileChannelFactory io, boolean writable, boolean trustIndexes,
                           int indexInterval, long nowMs, ScanBuffer scratch) throws IOException {
        Path file = dir.resolve(LogFileFormat.fileName(baseOffset, LogFileFormat.LOG_SUFFIX));
        FileChannel ch = writable ? io.openForWrite(file) : io.openForRead(file);
        try {
            LogSegment s = new LogSegment(dir, baseOffset, ch, writable, nowMs, io);
            long fileSize = ch.size();
            byte[] header = new byte[LogFileFormat.HEADER_SIZE];
            int got = ChannelIo.readUpTo(ch, ByteBuffer.wrap(header), 0);
            if (got < LogFileFormat.HEADER_SIZE) {
                s.size = LogFileFormat.HEADER_SIZE;
                s.lastScan = new ScanResult(0, "segment header is torn (" + got + " of "
                        + LogFileFormat.HEADER_SIZE + " bytes)");
                return s;
            }
            if (LogFileFormat.check(header, 0, got, LogFileFormat.SEGMENT_MAGIC, file)
                    != LogFileFormat.HeaderCheck.OK) {
                throw new CorruptRecordException("segment file " + file + " does not start with Eddy's segment header");
            }
            if (trustIndexes && fileSize <= Integer.MAX_VALUE) {
                SegmentIndexFiles.Summary summary =
                        SegmentIndexFiles.load(dir, baseOffset, fileSize, s.offsetIndex, s.timeIndex);
                if (summary != null) {
                    s.size = (int) fileSize;
                    s.nextOffset = summary.nextOffset();
                    s.maxTimestamp = summary.maxTimestamp();
                    s.indexFilesCurrent = true;
                    s.lastScan = new ScanResult((int) fileSize, null);
                    return s;
                }
                s.offsetIndex.truncateToPosition(0);
                s.timeIndex.truncateToRelativeOffset(0);
            }
            s.size = LogFileFormat.HEADER_SIZE;
            s.lastScan = s.scan(LogFileFormat.HEADER_SIZE, fileSize, indexInterval, scratch);
            return s;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private ScanResult lastScan;
    private volatile String corruption;

    /** Records that a sealed segment's data stops early because of damage; reads reaching that point fail. */
    void markCorrupt(String reason) {
        corruption = reason;
    }

    /** @throws CorruptRecordException if the segment was found damaged, naming the partition and file */
    void checkNotCorrupt(io.eddy.log.TopicPartition tp) {
        String c = corruption;
        if (c != null) {
            throw new CorruptRecordException("partition " + tp + ": segment " + file + " is damaged after offset "
                    + (nextOffset - 1) + ": " + c);
        }
    }

    ScanResult lastScan() {
        return lastScan;
    }

    /**
     * Reads batches from {@code position} up to {@code fileSize}, validating each and extending size, offsets and
     * indexes; stops at the first incomplete or invalid batch.
     */
    ScanResult scan(int position, long fileSize, int indexInterval, ScanBuffer scratch) throws IOException {
        long limit = Math.min(fileSize, Integer.MAX_VALUE);
        int pos = position;
        RecordBatchDecoder decoder = scratch.decoder;
        while (pos < limit) {
            int want = (int) Math.min(scratch.buf.length, limit - pos);
            int got = ChannelIo.readUpTo(channel, ByteBuffer.wrap(scratch.buf, 0, want), pos);
            int p = 0;
            while (p < got) {
                int batchSize;
                try {
                    batchSize = decoder.validate(scratch.buf, p, got - p);
                    if (batchSize == RecordBatchDecoder.INCOMPLETE) {
                        break;
                    }
                    long base = RecordBatchDecoder.baseOffset(scratch.buf, p);
                    if (base < nextOffset) {
                        throw new MalformedBatchException("base offset " + base + " is below the expected " + nextOffset);
                    }
                    decoder.decode(scratch.buf, p, Long.MAX_VALUE, (o, t, k, v, h) -> { });
                } catch (MalformedBatchException e) {
                    return new ScanResult(pos + p, "corrupt batch at position " + (pos + p) + ": " + e.getMessage());
                }
                indexBatch(pos + p, RecordBatchDecoder.baseOffset(scratch.buf, p), batchSize,
                        RecordBatchDecoder.maxTimestamp(scratch.buf, p), indexInterval);
                nextOffset = RecordBatchDecoder.lastOffset(scratch.buf, p) + 1;
                size = pos + p + batchSize;
                p += batchSize;
            }
            if (p == 0) {
                if (got < scratch.buf.length) {
                    return new ScanResult(pos, "incomplete batch at position " + pos + " (" + got
                            + " bytes before the end of the file)");
                }
                scratch.grow();
                continue;
            }
            pos += p;
        }
        return new ScanResult(pos, null);
    }

    private void indexBatch(int position, long batchBase, int batchSize, long batchMaxTs, int indexInterval) {
        if (bytesSinceIndexEntry >= indexInterval) {
            int rel = (int) (batchBase - baseOffset);
            offsetIndex.add(rel, position);
            timeIndex.add(maxTimestamp, rel);
            bytesSinceIndexEntry = 0;
        }
        bytesSinceIndexEntry += batchSize;
        if (batchMaxTs > maxTimestamp) {
            maxTimestamp = batchMaxTs;
        }
    }

    /**
     * Appends a sealed batch. On an I/O error nothing is published; bytes past {@link #size()} may remain in the file
     * and are overwritten by the next append or cut by recovery.
     */
    void append(ByteBuffer batch, long batchBase, long batchLast, long batchMaxTs, int indexInterval) throws IOException {
        int position = size;
        int length = batch.remaining();
        ChannelIo.writeFully(channel, batch, position);
        indexFilesCurrent = false;
        indexBatch(position, batchBase, length, batchMaxTs, indexInterval);
        size = position + length;
        nextOffset = batchLast + 1;
    }

    /** Reads file bytes from {@code position} into {@code dst}, never past {@code limit}. */
    int read(int position, ByteBuffer dst, int limit) throws IOException {
        if (dst.remaining() > limit - position) {
            dst.limit(dst.position() + Math.max(0, limit - position));
        }
        try {
            return ChannelIo.readUpTo(channel, dst, position);
        } catch (java.nio.channels.ClosedByInterruptException e) {
            // Java closes a channel when a thread is interrupted in I/O; reopen it so other readers are unaffected.
            reopenAfterInterrupt();
            throw new LogException("read of " + file + " was interrupted", e);
        }
    }

    private synchronized void reopenAfterInterrupt() throws IOException {
        if (!closedDeliberately && !channel.isOpen()) {
            channel = writable ? io.openForWrite(file) : io.openForRead(file);
        }
    }

    /** @return the file position from which to scan for {@code offset}: an indexed batch start at or before it */
    int startPositionFor(long offset) {
        int p = offsetIndex.floorPosition(offset - baseOffset);
        return p < 0 ? LogFileFormat.HEADER_SIZE : p;
    }

    /** @return an offset from which to scan for the first record with timestamp at or after {@code ts} */
    long startOffsetForTimestamp(long ts) {
        return baseOffset + timeIndex.scanStart(ts);
    }

    /** Cuts the file to {@code validSize} bytes (recovery of a torn or corrupt tail). */
    void truncateTo(int validSize) throws IOException {
        if (!writable) {
            throw new IllegalStateException("read-only segment " + file + " cannot be truncated");
        }
        channel.truncate(validSize);
        if (validSize < LogFileFormat.HEADER_SIZE) {
            ChannelIo.writeFully(channel, LogFileFormat.header(LogFileFormat.SEGMENT_MAGIC), 0);
            validSize = LogFileFormat.HEADER_SIZE;
        }
        channel.force(true);
        offsetIndex.truncateToPosition(validSize);
        size = validSize;
        indexFilesCurrent = false;
    }

    void flush() throws IOException {
        channel.force(false);
    }

    /** Syncs the segment and writes its index files, so the next open needs no scan. */
    void seal(FileChannelFactory io, boolean fsync) throws IOException {
        if (fsync) {
            channel.force(false);
        }
        if (!indexFilesCurrent) {
            SegmentIndexFiles.write(dir, baseOffset, size, nextOffset, maxTimestamp, offsetIndex, timeIndex, io, fsync);
            indexFilesCurrent = true;
        }
    }

    long baseOffset() {
        return baseOffset;
    }

    /** @return one past the last offset stored, or the base offset when empty */
    long nextOffset() {
        return nextOffset;
    }

    int size() {
        return size;
    }

    /** @return bytes of batches, excluding the file header */
    long dataBytes() {
        return size - LogFileFormat.HEADER_SIZE;
    }

    boolean isEmpty() {
        return size <= LogFileFormat.HEADER_SIZE;
    }

    long maxTimestamp() {
        return maxTimestamp;
    }

    long createdAtMs() {
        return createdAtMs;
    }

    Path file() {
        return file;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        closedDeliberately = true;
        try {
            channel.close();
        } catch (IOException e) {
            throw new LogException("cannot close segment " + file, e);
        }
    }

    /** Closes the channel and deletes the segment and its index files. */
    void delete() throws IOException {
        close();
        Files.deleteIfExists(file);
        SegmentIndexFiles.delete(dir, baseOffset);
    }

    @Override
    public String toString() {
        return "LogSegment(" + file + ", offsets " + baseOffset + ".." + (nextOffset - 1) + ", " + size + " bytes)";
    }
}

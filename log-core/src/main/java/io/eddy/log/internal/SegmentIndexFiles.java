package io.eddy.log.internal;

import io.eddy.log.LogException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32C;

/**
 * Persists a sealed segment's indexes, and loads them back when they still describe the segment. Both files start
 * with the {@link LogFileFormat} header and end with a CRC32C of everything before it; they are written to a
 * temporary file and renamed into place, so a crash leaves the old file, the new file, or none, never half of one.
 *
 * <pre>
 * offset index: header(16) | segmentSize int64 | nextOffset int64 | maxTimestamp int64 | count int32 |
 *               count x (relativeOffset int32 | position int32) | crc32c int32
 * time index:   header(16) | count int32 | count x (timestamp int64 | relativeOffset int32) | crc32c int32
 * </pre>
 */
final class SegmentIndexFiles {
    private static final int OFFSET_INDEX_FIXED = LogFileFormat.HEADER_SIZE + 8 + 8 + 8 + 4;
    private static final int TIME_INDEX_FIXED = LogFileFormat.HEADER_SIZE + 4;

    private SegmentIndexFiles() {
    }

    /** What a loaded offset index says about its segment. */
    record Summary(long segmentSize, long nextOffset, long maxTimestamp) {
    }

    static void write(Path dir, long baseOffset, int segmentSize, long nextOffset, long maxTimestamp,
                      OffsetIndex offsets, TimeIndex times, FileChannelFactory io, boolean fsync) throws IOException {
        int n = offsets.count();
        ByteBuffer oi = ByteBuffer.allocate(OFFSET_INDEX_FIXED + n * 8 + 4);
        oi.put(LogFileFormat.header(LogFileFormat.OFFSET_INDEX_MAGIC));
        oi.putLong(segmentSize).putLong(nextOffset).putLong(maxTimestamp).putInt(n);
        for (int i = 0; i < n; i++) {
            oi.putInt(offsets.relativeOffset(i)).putInt(offsets.position(i));
        }
        finish(oi);
        int m = times.count();
        ByteBuffer ti = ByteBuffer.allocate(TIME_INDEX_FIXED + m * 12 + 4);
        ti.put(LogFileFormat.header(LogFileFormat.TIME_INDEX_MAGIC));
        ti.putInt(m);
        for (int i = 0; i < m; i++) {
            ti.putLong(times.timestamp(i)).putInt(times.relativeOffset(i));
        }
        finish(ti);
        writeAtomically(dir.resolve(LogFileFormat.fileName(baseOffset, LogFileFormat.OFFSET_INDEX_SUFFIX)), oi, io, fsync);
        writeAtomically(dir.resolve(LogFileFormat.fileName(baseOffset, LogFileFormat.TIME_INDEX_SUFFIX)), ti, io, fsync);
    }

    private static void finish(ByteBuffer b) {
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        b.flip();
    }

    private static void writeAtomically(Path target, ByteBuffer content, FileChannelFactory io, boolean fsync)
            throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = io.openForWrite(tmp)) {
            ch.truncate(0);
            ChannelIo.writeFully(ch, content, 0);
            if (fsync) {
                ch.force(true);
            }
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Loads both indexes into {@code offsets} and {@code times}.
     *
     * @return what the index says of the segment, or null when either file is missing, corrupt or does not describe a
     *     segment of {@code segmentSize} bytes (the caller then rebuilds by scanning)
     */
    static Summary load(Path dir, long baseOffset, long segmentSize, OffsetIndex offsets, TimeIndex times) {
        Path oiPath = dir.resolve(LogFileFormat.fileName(baseOffset, LogFileFormat.OFFSET_INDEX_SUFFIX));
        Path tiPath = dir.resolve(LogFileFormat.fileName(baseOffset, LogFileFormat.TIME_INDEX_SUFFIX));
        byte[] oi = readIfValid(oiPath, LogFileFormat.OFFSET_INDEX_MAGIC, OFFSET_INDEX_FIXED);
        byte[] ti = readIfValid(tiPath, LogFileFormat.TIME_INDEX_MAGIC, TIME_INDEX_FIXED);
        if (oi == null || ti == null) {
            return null;
        }
        int p = LogFileFormat.HEADER_SIZE;
        long size = ByteArrays.getLong(oi, p);
        long nextOffset = ByteArrays.getLong(oi, p + 8);
        long maxTs = ByteArrays.getLong(oi, p + 16);
        int n = ByteArrays.getInt(oi, p + 24);
        if (size != segmentSize || n < 0 || OFFSET_INDEX_FIXED + (long) n * 8 + 4 != oi.length
                || nextOffset < baseOffset) {
            return null;
        }
        int m = ByteArrays.getInt(ti, LogFileFormat.HEADER_SIZE);
        if (m < 0 || TIME_INDEX_FIXED + (long) m * 12 + 4 != ti.length) {
            return null;
        }
        int prevRel = -1;
        int prevPos = -1;
        for (int i = 0; i < n; i++) {
            int rel = ByteArrays.getInt(oi, OFFSET_INDEX_FIXED + i * 8);
            int pos = ByteArrays.getInt(oi, OFFSET_INDEX_FIXED + i * 8 + 4);
            if (rel <= prevRel || pos <= prevPos || pos < LogFileFormat.HEADER_SIZE || pos >= segmentSize) {
                return null;
            }
            offsets.add(rel, pos);
            prevRel = rel;
            prevPos = pos;
        }
        long prevTs = Long.MIN_VALUE;
        for (int i = 0; i < m; i++) {
            long ts = ByteArrays.getLong(ti, TIME_INDEX_FIXED + i * 12);
            int rel = ByteArrays.getInt(ti, TIME_INDEX_FIXED + i * 12 + 8);
            if (ts < prevTs) {
                return null;
            }
            times.add(ts, rel);
            prevTs = ts;
        }
        return new Summary(size, nextOffset, maxTs);
    }

    private static byte[] readIfValid(Path path, byte[] magic, int fixed) {
        byte[] b;
        try {
            b = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new LogException("cannot read index file " + path, e);
        }
        if (b.length < fixed + 4 || LogFileFormat.check(b, 0, b.length, magic, path) != LogFileFormat.HeaderCheck.OK) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        if ((int) crc.getValue() != ByteArrays.getInt(b, b.length - 4)) {
            return null;
        }
        return b;
    }

    static void delete(Path dir, long baseOffset) throws IOException {
        Files.deleteIfExists(dir.resolve(LogFileFormat.fileName(baseOffset, LogFileFormat.OFFSET_INDEX_SUFFIX)));
        Files.deleteIfExists(dir.resolve(LogFileFormat.fileName(baseOffset, LogFileFormat.TIME_INDEX_SUFFIX)));
    }
}

package io.eddy.cli;

import static io.eddy.log.internal.RecordBatchLayout.ATTRIBUTES;
import static io.eddy.log.internal.RecordBatchLayout.BASE_OFFSET;
import static io.eddy.log.internal.RecordBatchLayout.CRC;
import static io.eddy.log.internal.RecordBatchLayout.HEADER_SIZE;
import static io.eddy.log.internal.RecordBatchLayout.LAST_OFFSET_DELTA;
import static io.eddy.log.internal.RecordBatchLayout.LENGTH;
import static io.eddy.log.internal.RecordBatchLayout.LOG_OVERHEAD;
import static io.eddy.log.internal.RecordBatchLayout.MAGIC;
import static io.eddy.log.internal.RecordBatchLayout.MAGIC_V1;
import static io.eddy.log.internal.RecordBatchLayout.MAX_TIMESTAMP;
import static io.eddy.log.internal.RecordBatchLayout.RECORD_COUNT;

import io.eddy.log.UnsupportedFormatVersionException;
import io.eddy.log.internal.LogFileFormat;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Walks the record batches of one segment file (laid out as {@code RecordBatchLayout} and {@code LogFileFormat}
 * define) and verifies every batch's CRC32C. Opens the file for reading only: it never changes a byte, so it is safe
 * beside a running writer (which may be in the middle of appending the last batch). Not thread-safe.
 */
final class SegmentVerifier {
    /**
     * One batch as found in the file.
     *
     * @param position where the batch starts in the file
     * @param size its size in bytes
     * @param baseOffset its base offset
     * @param lastOffset the offset of its last record
     * @param count its record count
     * @param maxTimestamp its max timestamp (ms)
     * @param crcOk whether the stored checksum matches the bytes
     * @param problem what is wrong with it, or null when intact
     */
    record Batch(long position, int size, long baseOffset, long lastOffset, int count, long maxTimestamp,
                 boolean crcOk, String problem) {
    }

    /** Receives each batch in file order. */
    interface Listener {
        void batch(Batch batch);
    }

    /**
     * Where a scan stopped before the end of the file, and why: a torn tail, or bytes that do not frame a batch.
     *
     * @param position the file position
     * @param problem what was found there
     */
    record Stop(long position, String problem) {
    }

    private final CRC32C crc = new CRC32C();
    private byte[] buf = new byte[64 * 1024];

    /**
     * @param file a segment file
     * @param nameBaseOffset the base offset its name encodes; batches must not start below it
     * @param listener receives every batch that could be framed
     * @return null when the file ends exactly after its last batch; otherwise where the scan stopped and why
     * @throws IOException if the file cannot be read
     */
    Stop scan(Path file, long nameBaseOffset, Listener listener) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < LogFileFormat.HEADER_SIZE) {
                return new Stop(0, "file of " + size + " bytes is shorter than the " + LogFileFormat.HEADER_SIZE
                        + "-byte segment header");
            }
            read(ch, 0, LogFileFormat.HEADER_SIZE);
            try {
                if (LogFileFormat.check(buf, 0, LogFileFormat.HEADER_SIZE, LogFileFormat.SEGMENT_MAGIC, file)
                        != LogFileFormat.HeaderCheck.OK) {
                    return new Stop(0, "the file does not start with the segment magic");
                }
            } catch (UnsupportedFormatVersionException e) {
                return new Stop(0, e.getMessage());
            }
            long pos = LogFileFormat.HEADER_SIZE;
            long nextOffset = nameBaseOffset;
            while (pos < size) {
                long left = size - pos;
                if (left < HEADER_SIZE) {
                    return new Stop(pos, "torn tail: " + left + " bytes, fewer than a " + HEADER_SIZE
                            + "-byte batch header");
                }
                read(ch, pos, HEADER_SIZE);
                int length = ByteBuffer.wrap(buf).getInt(LENGTH);
                if (length < HEADER_SIZE - LOG_OVERHEAD || length > Integer.MAX_VALUE - 64) {
                    return new Stop(pos, "batch length " + length + " is out of range; the rest of the file"
                            + " (" + left + " bytes) cannot be framed");
                }
                int batchSize = LOG_OVERHEAD + length;
                if (batchSize > left) {
                    return new Stop(pos, "torn tail: a batch of " + batchSize + " bytes with " + left
                            + " bytes left in the file");
                }
                read(ch, pos, batchSize);
                Batch b = check(pos, batchSize, nextOffset);
                listener.batch(b);
                nextOffset = Math.max(nextOffset, b.lastOffset() + 1);
                pos += batchSize;
            }
            return null;
        }
    }

    private Batch check(long pos, int size, long minBaseOffset) {
        ByteBuffer b = ByteBuffer.wrap(buf);
        long base = b.getLong(BASE_OFFSET);
        long last = base + b.getInt(LAST_OFFSET_DELTA);
        long stored = b.getInt(CRC) & 0xFFFFFFFFL;
        crc.reset();
        crc.update(buf, 0, CRC);
        crc.update(buf, ATTRIBUTES, size - ATTRIBUTES);
        long computed = crc.getValue();
        String problem = null;
        if (stored != computed) {
            problem = "crc32c stored " + Long.toHexString(stored) + ", computed " + Long.toHexString(computed);
        } else if (buf[MAGIC] != MAGIC_V1) {
            problem = "batch magic " + buf[MAGIC] + " is not " + MAGIC_V1;
        } else if (base < minBaseOffset) {
            problem = "base offset " + base + " is below " + minBaseOffset + ", where the previous batch ended";
        }
        return new Batch(pos, size, base, last, b.getInt(RECORD_COUNT), b.getLong(MAX_TIMESTAMP),
                stored == computed, problem);
    }

    private void read(FileChannel ch, long position, int length) throws IOException {
        if (buf.length < length) {
            buf = new byte[Math.max(length, buf.length * 2)];
        }
        ByteBuffer dst = ByteBuffer.wrap(buf, 0, length);
        while (dst.hasRemaining()) {
            if (ch.read(dst, position + dst.position()) < 0) {
                throw new EOFException("unexpected end of file at position " + (position + dst.position()));
            }
        }
    }
}

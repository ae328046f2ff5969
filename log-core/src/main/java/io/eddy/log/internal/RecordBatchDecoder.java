package io.eddy.log.internal;

import static io.eddy.log.internal.RecordBatchLayout.*;

import io.eddy.log.Header;
import io.eddy.log.Headers;
import io.eddy.log.LogRecord;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Validates and decodes batches laid out as {@link RecordBatchLayout} describes, from a byte array. Every length is
 * checked against its bounds before use, so arbitrary input yields {@link MalformedBatchException} or a clean
 * "incomplete" answer, never an out-of-bounds access. Not thread-safe (holds a reusable checksum and cursor).
 */
public final class RecordBatchDecoder {
    /** {@link #validate} result: fewer bytes are available than the batch needs (a torn or still-growing tail). */
    public static final int INCOMPLETE = -1;

    private final CRC32C crc = new CRC32C();
    private final VarintCursor cursor = new VarintCursor();

    /**
     * Checks the batch starting at {@code pos}.
     *
     * @param available bytes readable from {@code pos}
     * @return the batch's total size, or {@link #INCOMPLETE} when {@code available} does not cover it
     * @throws MalformedBatchException when the header is invalid or the checksum does not match
     */
    public int validate(byte[] buf, int pos, int available) {
        if (available < HEADER_SIZE) {
            return INCOMPLETE;
        }
        int length = ByteArrays.getInt(buf, pos + LENGTH);
        if (length < HEADER_SIZE - LOG_OVERHEAD || length > Integer.MAX_VALUE - LOG_OVERHEAD) {
            throw new MalformedBatchException("batch length " + length + " is out of range");
        }
        int size = length + LOG_OVERHEAD;
        if (size > available) {
            return INCOMPLETE;
        }
        byte magic = buf[pos + MAGIC];
        if (magic != MAGIC_V1) {
            throw new MalformedBatchException("batch magic " + magic + " is not " + MAGIC_V1);
        }
        long stored = ByteArrays.getInt(buf, pos + CRC) & 0xFFFFFFFFL;
        long actual = RecordBatchBuilder.checksum(buf, pos, size, crc);
        if (stored != actual) {
            throw new MalformedBatchException("batch checksum " + Long.toHexString(stored)
                    + " does not match computed " + Long.toHexString(actual));
        }
        int count = ByteArrays.getInt(buf, pos + RECORD_COUNT);
        int lastDelta = ByteArrays.getInt(buf, pos + LAST_OFFSET_DELTA);
        if (count < 0 || lastDelta < 0 || (count > 0 && lastDelta < count - 1) || count > length) {
            throw new MalformedBatchException("batch record count " + count + " / last offset delta " + lastDelta
                    + " are inconsistent");
        }
        long base = baseOffset(buf, pos);
        if (base < 0 || base > Long.MAX_VALUE - 1 - lastDelta) {
            // offsets are never negative, and the offset after the batch must exist: otherwise the log end wraps
            throw new MalformedBatchException("batch base offset " + base + " with last offset delta " + lastDelta
                    + " is out of range");
        }
        return size;
    }

    public static long baseOffset(byte[] buf, int pos) {
        return ByteArrays.getLong(buf, pos + BASE_OFFSET);
    }

    public static long lastOffset(byte[] buf, int pos) {
        return baseOffset(buf, pos) + ByteArrays.getInt(buf, pos + LAST_OFFSET_DELTA);
    }

    public static int recordCount(byte[] buf, int pos) {
        return ByteArrays.getInt(buf, pos + RECORD_COUNT);
    }

    public static long maxTimestamp(byte[] buf, int pos) {
        return ByteArrays.getLong(buf, pos + MAX_TIMESTAMP);
    }

    public static short attributes(byte[] buf, int pos) {
        return ByteArrays.getShort(buf, pos + ATTRIBUTES);
    }

    public static long producerId(byte[] buf, int pos) {
        return ByteArrays.getLong(buf, pos + PRODUCER_ID);
    }

    public static short producerEpoch(byte[] buf, int pos) {
        return ByteArrays.getShort(buf, pos + PRODUCER_EPOCH);
    }

    public static int baseSequence(byte[] buf, int pos) {
        return ByteArrays.getInt(buf, pos + BASE_SEQUENCE);
    }

    public static boolean isControl(byte[] buf, int pos) {
        return (attributes(buf, pos) & ATTR_CONTROL) != 0;
    }

    public static boolean isTransactional(byte[] buf, int pos) {
        return (attributes(buf, pos) & ATTR_TRANSACTIONAL) != 0;
    }

    /** Receives decoded records. */
    public interface RecordVisitor {
        void accept(long offset, long timestamp, byte[] key, byte[] value, Headers headers);
    }

    /**
     * Decodes the records of a batch already {@linkplain #validate validated} at {@code pos}, passing those at or
     * after {@code minOffset} to {@code visitor}.
     *
     * @throws MalformedBatchException when a record does not decode within the batch
     */
    public void decode(byte[] buf, int pos, long minOffset, RecordVisitor visitor) {
        int size = ByteArrays.getInt(buf, pos + LENGTH) + LOG_OVERHEAD;
        int end = pos + size;
        long baseOffset = baseOffset(buf, pos);
        long baseTimestamp = ByteArrays.getLong(buf, pos + BASE_TIMESTAMP);
        int count = recordCount(buf, pos);
        int lastDelta = ByteArrays.getInt(buf, pos + LAST_OFFSET_DELTA);
        int p = pos + HEADER_SIZE;
        int previousDelta = -1;
        VarintCursor c = cursor;
        for (int i = 0; i < count; i++) {
            c.reset(buf, p, end);
            int recordLength = c.readVarint();
            int start = c.position();
            if (recordLength < 0 || recordLength > end - start) {
                throw new MalformedBatchException("record " + i + " length " + recordLength + " exceeds the "
                        + (end - start) + " bytes left in the batch");
            }
            c.reset(buf, start, start + recordLength);
            c.readByte();
            long tsDelta = c.readVarlong();
            int offsetDelta = c.readVarint();
            if (offsetDelta <= previousDelta || offsetDelta > lastDelta) {
                throw new MalformedBatchException("record " + i + " offset delta " + offsetDelta
                        + " is out of order or beyond the batch's last delta " + lastDelta);
            }
            previousDelta = offsetDelta;
            long offset = baseOffset + offsetDelta;
            if (offset < minOffset) {
                p = start + recordLength;
                continue;
            }
            byte[] key = c.readNullableBytes("key");
            byte[] value = c.readNullableBytes("value");
            int headerCount = c.readVarint();
            Headers headers;
            if (headerCount == 0) {
                headers = Headers.empty();
            } else {
                if (headerCount < 0 || headerCount > recordLength) {
                    throw new MalformedBatchException("record " + i + " header count " + headerCount + " is invalid");
                }
                headers = new Headers();
                for (int h = 0; h < headerCount; h++) {
                    String hk = c.readString("header key");
                    byte[] hv = c.readNullableBytes("header value");
                    headers.add(new Header(hk, hv));
                }
                headers.setReadOnly();
            }
            if (c.position() != start + recordLength) {
                throw new MalformedBatchException("record " + i + " has " + (start + recordLength - c.position())
                        + " trailing bytes");
            }
            visitor.accept(offset, baseTimestamp + tsDelta, key, value, headers);
            p = start + recordLength;
        }
        if (p != end) {
            throw new MalformedBatchException("batch has " + (end - p) + " bytes after its " + count + " records");
        }
    }

    /** Decodes a validated batch into {@link LogRecord}s at or after {@code minOffset}, appended to {@code out}. */
    public void decodeInto(byte[] buf, int pos, long minOffset, String topic, int partition, List<LogRecord> out) {
        decode(buf, pos, minOffset, (offset, ts, k, v, h) -> out.add(new LogRecord(topic, partition, offset, ts, k, v, h)));
    }
}

package io.eddy.log.internal;

import static io.eddy.log.internal.RecordBatchLayout.*;

import io.eddy.log.Header;
import io.eddy.log.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Encodes records into one batch in a reusable, growing direct buffer (see {@link RecordBatchLayout}). The base offset
 * is filled in and the checksum computed only at {@link #seal(long)}, so records can be encoded before the batch's
 * place in the log is known. The buffer is direct so a file write copies the batch once, straight into the page
 * cache, instead of first into the JDK's temporary direct buffer. Not thread-safe.
 */
public final class RecordBatchBuilder {
    private ByteBuffer buf;
    private ByteBuffer crcView;
    private int pos;
    private int count;
    private int lastOffsetDelta;
    private long baseTimestamp;
    private long maxTimestamp;
    private short attributes;
    private long producerId = -1;
    private short producerEpoch = -1;
    private int baseSequence = -1;
    private final CRC32C crc = new CRC32C();
    /** The checksum of bytes [ATTRIBUTES, pos) computed by {@link #prepareChecksum()}, valid while pos is unchanged. */
    private int bodyCrc;
    private int bodyCrcPos = -1;

    public RecordBatchBuilder(int initialCapacity) {
        allocate(Math.max(initialCapacity, HEADER_SIZE + 64));
        reset();
    }

    /** Empties the builder, keeping its buffer. */
    public void reset() {
        bodyCrcPos = -1;
        pos = HEADER_SIZE;
        count = 0;
        lastOffsetDelta = -1;
        baseTimestamp = -1;
        maxTimestamp = -1;
        attributes = 0;
        producerId = -1;
        producerEpoch = -1;
        baseSequence = -1;
    }

    /** Marks the batch as written by a transactional producer. */
    public void setProducer(long producerId, short producerEpoch, boolean transactional) {
        setProducer(producerId, producerEpoch, -1, transactional);
    }

    /**
     * Marks the batch as written by a producer, with its base sequence (a transactional batch's transaction sequence
     * number; see {@link RecordBatchLayout}).
     */
    public void setProducer(long producerId, short producerEpoch, int baseSequence, boolean transactional) {
        bodyCrcPos = -1;
        this.baseSequence = baseSequence;
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.attributes = (short) (transactional ? (attributes | ATTR_TRANSACTIONAL) : (attributes & ~ATTR_TRANSACTIONAL));
    }

    /** Marks the batch as a control batch (transaction marker). */
    public void setControl(boolean control) {
        bodyCrcPos = -1;
        this.attributes = (short) (control ? (attributes | ATTR_CONTROL) : (attributes & ~ATTR_CONTROL));
    }

    public boolean isTransactional() {
        return (attributes & ATTR_TRANSACTIONAL) != 0;
    }

    public boolean isControl() {
        return (attributes & ATTR_CONTROL) != 0;
    }

    public long producerId() {
        return producerId;
    }

    public short producerEpoch() {
        return producerEpoch;
    }

    public int baseSequence() {
        return baseSequence;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int recordCount() {
        return count;
    }

    /** @return the encoded size of the batch so far, header included */
    public int sizeInBytes() {
        return pos;
    }

    /** @return offset delta of the last record appended, or -1 when empty */
    public int lastOffsetDelta() {
        return lastOffsetDelta;
    }

    public long maxTimestamp() {
        return maxTimestamp;
    }

    /**
     * The size one record takes inside a batch (its length prefix included); what the topic's max record size is
     * checked against.
     */
    public static int recordSize(byte[] key, byte[] value, Headers headers) {
        int body = 1 + 10 + 5 + sizeOfBytes(key) + sizeOfBytes(value) + 5;
        if (headers != null) {
            for (Header h : headers) {
                body += 5 + h.key().length() * 3 + sizeOfBytes(h.value());
            }
        }
        return body + 5;
    }

    private static int sizeOfBytes(byte[] b) {
        return b == null ? 1 : ByteArrays.varintSize(b.length) + b.length;
    }

    /** Appends a record whose offset is the next in the batch. */
    public void append(long timestamp, byte[] key, byte[] value, Headers headers) {
        appendWithOffsetDelta(lastOffsetDelta + 1, timestamp, key, value, headers);
    }

    /**
     * Appends a record at an explicit offset delta, larger than the previous one (compaction keeps the offsets of the
     * records it retains, leaving gaps).
     */
    public void appendWithOffsetDelta(int offsetDelta, long timestamp, byte[] key, byte[] value, Headers headers) {
        if (offsetDelta <= lastOffsetDelta) {
            throw new IllegalArgumentException("offset delta " + offsetDelta + " must exceed " + lastOffsetDelta);
        }
        if (count == 0) {
            baseTimestamp = timestamp;
        }
        long tsDelta = timestamp - baseTimestamp;
        byte[][] headerKeys = null;
        int headerCount = headers == null ? 0 : headers.size();
        int bodySize = 1 + ByteArrays.varlongSize(tsDelta) + ByteArrays.varintSize(offsetDelta)
                + sizeOfBytes(key) + sizeOfBytes(value) + ByteArrays.varintSize(headerCount);
        if (headerCount > 0) {
            headerKeys = new byte[headerCount][];
            int i = 0;
            for (Header h : headers) {
                byte[] k = h.key().getBytes(StandardCharsets.UTF_8);
                headerKeys[i++] = k;
                bodySize += ByteArrays.varintSize(k.length) + k.length + sizeOfBytes(h.value());
            }
        }
        ensureCapacity(ByteArrays.varintSize(bodySize) + bodySize);
        ByteBuffer b = buf;
        int p = putVarint(b, pos, bodySize);
        b.put(p++, (byte) 0);
        p = putVarlong(b, p, tsDelta);
        p = putVarint(b, p, offsetDelta);
        p = putBytes(b, p, key);
        p = putBytes(b, p, value);
        p = putVarint(b, p, headerCount);
        if (headerCount > 0) {
            int i = 0;
            for (Header h : headers) {
                p = putBytes(b, p, headerKeys[i++]);
                p = putBytes(b, p, h.value());
            }
        }
        pos = p;
        count++;
        lastOffsetDelta = offsetDelta;
        if (timestamp > maxTimestamp || count == 1) {
            maxTimestamp = timestamp;
        }
    }

    private static int putBytes(ByteBuffer b, int p, byte[] v) {
        if (v == null) {
            return putVarint(b, p, -1);
        }
        p = putVarint(b, p, v.length);
        b.put(p, v);
        return p + v.length;
    }

    private static int putVarint(ByteBuffer b, int pos, int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xFFFFFF80) != 0) {
            b.put(pos++, (byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.put(pos++, (byte) v);
        return pos;
    }

    private static int putVarlong(ByteBuffer b, int pos, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xFFFFFFFFFFFFFF80L) != 0) {
            b.put(pos++, (byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.put(pos++, (byte) v);
        return pos;
    }

    private void allocate(int capacity) {
        ByteBuffer next = ByteBuffer.allocateDirect(capacity);
        if (buf != null) {
            next.put(0, buf, 0, pos);
        }
        buf = next;
        crcView = next.duplicate();
    }

    private void ensureCapacity(int extra) {
        if (pos + extra > buf.capacity()) {
            allocate(Math.max(buf.capacity() * 2, pos + extra));
        }
    }

    /**
     * Fills in every header field but the base offset and checksums everything after the checksum field, so that
     * {@link #seal(long)} only has to checksum the first 13 header bytes and combine. Lets a producer thread do the
     * expensive part before handing the batch to the thread that appends it. Optional; any later change to the batch
     * undoes it.
     */
    public void prepareChecksum() {
        if (count == 0 && (attributes & ATTR_CONTROL) == 0) {
            throw new IllegalStateException("cannot seal an empty batch");
        }
        writeHeaderFieldsAfterCrc();
        crc.reset();
        crcView.limit(pos).position(ATTRIBUTES);
        crc.update(crcView);
        bodyCrc = (int) crc.getValue();
        bodyCrcPos = pos;
    }

    private void writeHeaderFieldsAfterCrc() {
        ByteBuffer b = buf; // big-endian, as the layout requires
        b.putShort(ATTRIBUTES, attributes);
        b.putInt(LAST_OFFSET_DELTA, Math.max(lastOffsetDelta, 0));
        b.putLong(BASE_TIMESTAMP, baseTimestamp);
        b.putLong(MAX_TIMESTAMP, maxTimestamp);
        b.putLong(PRODUCER_ID, producerId);
        b.putShort(PRODUCER_EPOCH, producerEpoch);
        b.putInt(BASE_SEQUENCE, baseSequence);
        b.putInt(RECORD_COUNT, count);
    }

    /**
     * Fills in the header for {@code baseOffset} and computes the checksum.
     *
     * @return a buffer over the finished batch, valid until the next change to this builder
     */
    public ByteBuffer seal(long baseOffset) {
        if (count == 0 && (attributes & ATTR_CONTROL) == 0) {
            throw new IllegalStateException("cannot seal an empty batch");
        }
        boolean prepared = bodyCrcPos == pos;
        if (!prepared) {
            writeHeaderFieldsAfterCrc();
        }
        ByteBuffer b = buf;
        b.putLong(BASE_OFFSET, baseOffset);
        b.putInt(LENGTH, pos - LOG_OVERHEAD);
        b.put(MAGIC, MAGIC_V1);
        crc.reset();
        crcView.limit(CRC).position(0);
        crc.update(crcView);
        int checksum;
        if (prepared) {
            checksum = Crc32cCombine.combine((int) crc.getValue(), bodyCrc, pos - ATTRIBUTES);
        } else {
            crcView.limit(pos).position(ATTRIBUTES);
            crc.update(crcView);
            checksum = (int) crc.getValue();
        }
        b.putInt(CRC, checksum);
        return b.duplicate().position(0).limit(pos);
    }

    /** Computes the batch checksum of the batch occupying {@code [start, start + size)}. */
    static long checksum(byte[] b, int start, int size, CRC32C crc) {
        crc.reset();
        crc.update(b, start, CRC);
        crc.update(b, start + ATTRIBUTES, size - ATTRIBUTES);
        return crc.getValue();
    }
}

package io.eddy.state.internal;

import java.util.Arrays;
import org.rocksdb.WriteBatch;

/**
 * Encodes a RocksDB write batch in its serialized form ({@code WriteBatch::rep}: an 8-byte sequence number and a
 * 4-byte count, both little-endian, then one tagged record per entry with varint-length keys and values) on the Java
 * heap, so that a batch of many entries crosses JNI once, as one array, instead of once per entry. Not thread-safe.
 */
final class WriteBatchEncoder {
    private static final int HEADER_SIZE = 12;
    private static final byte TYPE_DELETION = 0x0;
    private static final byte TYPE_VALUE = 0x1;
    private static final byte TYPE_COLUMN_FAMILY_DELETION = 0x4;
    private static final byte TYPE_COLUMN_FAMILY_VALUE = 0x5;

    private byte[] buf = new byte[4096];
    private int pos = HEADER_SIZE;
    private int count;

    /** Adds a put of {@code value} under {@code key} in column family {@code family} (0 is the default family). */
    void put(int family, byte[] key, byte[] value) {
        ensureCapacity(11 + key.length + value.length);
        if (family == 0) {
            buf[pos++] = TYPE_VALUE;
        } else {
            buf[pos++] = TYPE_COLUMN_FAMILY_VALUE;
            putVarint(family);
        }
        putBytes(key);
        putBytes(value);
        count++;
    }

    /** Adds a delete of {@code key} in column family {@code family} (0 is the default family). */
    void delete(int family, byte[] key) {
        ensureCapacity(11 + key.length);
        if (family == 0) {
            buf[pos++] = TYPE_DELETION;
        } else {
            buf[pos++] = TYPE_COLUMN_FAMILY_DELETION;
            putVarint(family);
        }
        putBytes(key);
        count++;
    }

    int count() {
        return count;
    }

    /** @return a new native write batch holding the entries added so far; the caller closes it */
    WriteBatch toWriteBatch() {
        int c = count;
        for (int i = 0; i < 4; i++) {
            buf[8 + i] = (byte) (c >>> (8 * i));
        }
        return new WriteBatch(Arrays.copyOf(buf, pos));
    }

    /** Empties the encoder, keeping its buffer (up to a bound, so one huge batch does not pin memory). */
    void reset() {
        if (buf.length > (4 << 20)) {
            buf = new byte[4096];
        }
        Arrays.fill(buf, 0, HEADER_SIZE, (byte) 0);
        pos = HEADER_SIZE;
        count = 0;
    }

    private void putBytes(byte[] b) {
        putVarint(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void putVarint(int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    private void ensureCapacity(int extra) {
        if (pos + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
        }
    }
}

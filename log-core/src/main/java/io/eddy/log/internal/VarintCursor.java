package io.eddy.log.internal;

/**
 * Reads fields from a bounded region of a byte array, checking every read against the bound, so that a malformed or
 * corrupt input yields a {@link MalformedBatchException} and never an out-of-bounds access. Reused across records.
 */
final class VarintCursor {
    private byte[] buf;
    private int pos;
    private int limit;

    void reset(byte[] buf, int pos, int limit) {
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
    }

    int position() {
        return pos;
    }

    int limit() {
        return limit;
    }

    byte readByte() {
        if (pos >= limit) {
            throw new MalformedBatchException("record field runs past the end of its record at byte " + pos);
        }
        return buf[pos++];
    }

    int readVarint() {
        int raw = 0;
        int shift = 0;
        while (true) {
            byte b = readByte();
            raw |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                throw new MalformedBatchException("varint longer than 5 bytes at byte " + pos);
            }
        }
        return (raw >>> 1) ^ -(raw & 1);
    }

    long readVarlong() {
        long raw = 0;
        int shift = 0;
        while (true) {
            byte b = readByte();
            raw |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 63) {
                throw new MalformedBatchException("varlong longer than 10 bytes at byte " + pos);
            }
        }
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** Reads a length-prefixed byte array; -1 means null. */
    byte[] readNullableBytes(String what) {
        int len = readVarint();
        if (len < 0) {
            if (len != -1) {
                throw new MalformedBatchException(what + " length " + len + " is negative");
            }
            return null;
        }
        if (len > limit - pos) {
            throw new MalformedBatchException(what + " length " + len + " exceeds the " + (limit - pos)
                    + " bytes left in the record");
        }
        byte[] out = new byte[len];
        System.arraycopy(buf, pos, out, 0, len);
        pos += len;
        return out;
    }

    String readString(String what) {
        int len = readVarint();
        if (len < 0 || len > limit - pos) {
            throw new MalformedBatchException(what + " length " + len + " is invalid with " + (limit - pos)
                    + " bytes left in the record");
        }
        String s = new String(buf, pos, len, java.nio.charset.StandardCharsets.UTF_8);
        pos += len;
        return s;
    }
}

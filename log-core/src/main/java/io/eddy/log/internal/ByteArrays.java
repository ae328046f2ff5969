package io.eddy.log.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big-endian fixed-width and zig-zag varint access to byte arrays, without allocating. */
public final class ByteArrays {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private ByteArrays() {
    }

    public static long getLong(byte[] b, int pos) {
        return (long) LONG.get(b, pos);
    }

    public static void putLong(byte[] b, int pos, long v) {
        LONG.set(b, pos, v);
    }

    public static int getInt(byte[] b, int pos) {
        return (int) INT.get(b, pos);
    }

    public static void putInt(byte[] b, int pos, int v) {
        INT.set(b, pos, v);
    }

    public static short getShort(byte[] b, int pos) {
        return (short) SHORT.get(b, pos);
    }

    public static void putShort(byte[] b, int pos, short v) {
        SHORT.set(b, pos, v);
    }

    /** Writes a zig-zag varint; returns the position after it. */
    public static int putVarint(byte[] b, int pos, int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xFFFFFF80) != 0) {
            b[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[pos++] = (byte) v;
        return pos;
    }

    /** Writes a zig-zag varlong; returns the position after it. */
    public static int putVarlong(byte[] b, int pos, long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xFFFFFFFFFFFFFF80L) != 0) {
            b[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        b[pos++] = (byte) v;
        return pos;
    }

    /** @return the encoded size of a zig-zag varint */
    public static int varintSize(int value) {
        int v = (value << 1) ^ (value >> 31);
        int size = 1;
        while ((v & 0xFFFFFF80) != 0) {
            size++;
            v >>>= 7;
        }
        return size;
    }

    /** @return the encoded size of a zig-zag varlong */
    public static int varlongSize(long value) {
        long v = (value << 1) ^ (value >> 63);
        int size = 1;
        while ((v & 0xFFFFFFFFFFFFFF80L) != 0) {
            size++;
            v >>>= 7;
        }
        return size;
    }
}

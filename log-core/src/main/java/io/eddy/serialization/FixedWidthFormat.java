package io.eddy.serialization;

/**
 * Owns the byte layouts of the fixed-width built-in serdes. They are Kafka's layouts, so bytes written by Kafka's
 * serializers read back here and vice versa:
 *
 * <pre>
 * Short    2 bytes   big-endian two's complement        0x1234            -> 12 34
 * Integer  4 bytes   big-endian two's complement        1                 -> 00 00 00 01
 * Long     8 bytes   big-endian two's complement        1L                -> 00 00 00 00 00 00 00 01
 * Float    4 bytes   Float.floatToRawIntBits, big-endian 1.0f             -> 3F 80 00 00
 * Double   8 bytes   Double.doubleToLongBits, big-endian 1.0              -> 3F F0 00 00 00 00 00 00
 * Boolean  1 byte    0x01 = true, 0x00 = false, anything else is invalid
 *
 *  byte:  0        1        2        3        4        5        6        7
 *        +--------+--------+--------+--------+--------+--------+--------+--------+
 * Long   | bits 63..56     ...                                   bits 7..0       |
 *        +--------+--------+--------+--------+--------+--------+--------+--------+
 * </pre>
 *
 * <p>Encoders shift bytes into a fresh array (the only allocation is the result); decoders read the array in place.
 * Every method is stateless and thread-safe. Callers handle {@code null} before calling in.
 */
final class FixedWidthFormat {
    static final int SHORT_SIZE = 2;
    static final int INT_SIZE = 4;
    static final int LONG_SIZE = 8;
    static final int FLOAT_SIZE = 4;
    static final int DOUBLE_SIZE = 8;
    static final int BOOLEAN_SIZE = 1;
    static final byte TRUE = 1;
    static final byte FALSE = 0;

    private FixedWidthFormat() {
    }

    static byte[] writeShort(short v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static short readShort(byte[] b) {
        return (short) (((b[0] & 0xFF) << 8) | (b[1] & 0xFF));
    }

    static byte[] writeInt(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static int readInt(byte[] b) {
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    static byte[] writeLong(long v) {
        return new byte[] {
            (byte) (v >>> 56), (byte) (v >>> 48), (byte) (v >>> 40), (byte) (v >>> 32),
            (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v
        };
    }

    static long readLong(byte[] b) {
        return ((long) (b[0] & 0xFF) << 56)
                | ((long) (b[1] & 0xFF) << 48)
                | ((long) (b[2] & 0xFF) << 40)
                | ((long) (b[3] & 0xFF) << 32)
                | ((long) (b[4] & 0xFF) << 24)
                | ((long) (b[5] & 0xFF) << 16)
                | ((long) (b[6] & 0xFF) << 8)
                | ((long) (b[7] & 0xFF));
    }

    static byte[] writeFloat(float v) {
        return writeInt(Float.floatToRawIntBits(v));
    }

    static float readFloat(byte[] b) {
        return Float.intBitsToFloat(readInt(b));
    }

    static byte[] writeDouble(double v) {
        return writeLong(Double.doubleToLongBits(v));
    }

    static double readDouble(byte[] b) {
        return Double.longBitsToDouble(readLong(b));
    }

    /**
     * @throws SerializationException naming the type, the topic, the expected and the actual length when
     *     {@code data.length != expected}
     */
    static void checkLength(String typeName, String topic, byte[] data, int expected) {
        if (data.length != expected) {
            throw new SerializationException("cannot deserialize a " + typeName + " from topic " + topic
                    + ": expected " + expected + " byte" + (expected == 1 ? "" : "s")
                    + " but got " + data.length);
        }
    }
}

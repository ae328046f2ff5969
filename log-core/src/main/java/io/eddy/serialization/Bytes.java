package io.eddy.serialization;

import java.util.Arrays;
import java.util.Comparator;

/**
 * An immutable-by-contract wrapper of a byte array with value equality and unsigned lexicographic ordering, mirroring
 * Kafka's {@code org.apache.kafka.common.utils.Bytes}. Stores order their keys by this ordering.
 *
 * <p>The wrapped array is not copied: neither the creator nor a caller of {@link #get()} may modify it afterwards.
 */
public final class Bytes implements Comparable<Bytes> {

    /** Orders byte arrays as unsigned bytes, lexicographically; a proper prefix sorts first. */
    public static final Comparator<byte[]> BYTES_LEXICO_COMPARATOR = Arrays::compareUnsigned;

    private final byte[] bytes;
    private int hash;

    /**
     * @param bytes the array to wrap, not null
     * @throws NullPointerException if {@code bytes} is null
     */
    public Bytes(byte[] bytes) {
        if (bytes == null) {
            throw new NullPointerException("Bytes cannot wrap a null array");
        }
        this.bytes = bytes;
    }

    /**
     * @param bytes the array to wrap, or null
     * @return a wrapper, or null when {@code bytes} is null
     */
    public static Bytes wrap(byte[] bytes) {
        return bytes == null ? null : new Bytes(bytes);
    }

    /** @return the wrapped array (not a copy) */
    public byte[] get() {
        return bytes;
    }

    /**
     * @param other the other key
     * @return the unsigned lexicographic comparison of the two arrays
     */
    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    /**
     * @return the smallest key greater than every key that starts with this key's bytes, or null when no such key
     *     exists (every byte is 0xFF); used as the exclusive upper bound of prefix scans
     */
    public Bytes prefixUpperBound() {
        byte[] b = bytes.clone();
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] != (byte) 0xFF) {
                b[i]++;
                return new Bytes(Arrays.copyOf(b, i + 1));
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Bytes other && Arrays.equals(bytes, other.bytes));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02X", c));
            }
        }
        return sb.toString();
    }
}

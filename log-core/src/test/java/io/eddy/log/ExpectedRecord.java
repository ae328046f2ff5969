package io.eddy.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * What a test wrote at one offset: key, value, headers and timestamp, compared by content. Failure-mode tests check
 * every record the log serves against these, so a record that decodes but differs from what was written is caught.
 */
public final class ExpectedRecord {
    private final long offset;
    private final long timestamp;
    private final byte[] key;
    private final byte[] value;
    private final List<Header> headers;

    public ExpectedRecord(long offset, long timestamp, byte[] key, byte[] value, List<Header> headers) {
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
        this.headers = List.copyOf(headers);
    }

    /** @return the content of a record read from the log */
    public static ExpectedRecord of(LogRecord r) {
        List<Header> hs = new ArrayList<>();
        r.headers().forEach(hs::add);
        return new ExpectedRecord(r.offset(), r.timestamp(), r.key(), r.value(), hs);
    }

    /**
     * A small random record: keys and values null, empty or up to 40 bytes, up to two headers with nullable values.
     *
     * @param rnd the seeded source
     * @param timestamp the record's timestamp
     * @param keyRequired true to never produce a null key (compacted topics)
     * @return a record whose offset is still unknown (-1)
     */
    public static ExpectedRecord random(Random rnd, long timestamp, boolean keyRequired) {
        byte[] key = randomBytes(rnd, keyRequired ? 0 : 6);
        if (key == null && keyRequired) {
            key = new byte[0];
        }
        byte[] value = randomBytes(rnd, 6);
        List<Header> hs = new ArrayList<>();
        int n = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(2) : 0;
        for (int i = 0; i < n; i++) {
            hs.add(new Header("h" + rnd.nextInt(3), randomBytes(rnd, 4)));
        }
        return new ExpectedRecord(-1, timestamp, key, value, hs);
    }

    private static byte[] randomBytes(Random rnd, int nullOneIn) {
        if (nullOneIn > 0 && rnd.nextInt(nullOneIn) == 0) {
            return null;
        }
        byte[] b = new byte[rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(40)];
        rnd.nextBytes(b);
        return b;
    }

    /** @return the same content at {@code newOffset} */
    public ExpectedRecord atOffset(long newOffset) {
        return new ExpectedRecord(newOffset, timestamp, key, value, headers);
    }

    /** @return a record to append to {@code topic} carrying this content */
    public ProducerRecord toProducerRecord(String topic) {
        return new ProducerRecord(topic, null, key, value, timestamp,
                headers.isEmpty() ? null : Headers.of(headers.toArray(new Header[0])));
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    public byte[] key() {
        return key;
    }

    public byte[] value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExpectedRecord r && r.offset == offset && r.timestamp == timestamp
                && Arrays.equals(r.key, key) && Arrays.equals(r.value, value) && r.headers.equals(headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, timestamp, Arrays.hashCode(key), Arrays.hashCode(value), headers);
    }

    @Override
    public String toString() {
        return "@" + offset + "(ts=" + timestamp + ", key=" + show(key) + ", value=" + show(value)
                + (headers.isEmpty() ? "" : ", headers=" + headers) + ")";
    }

    static String show(byte[] b) {
        if (b == null) {
            return "null";
        }
        String s = new String(b, StandardCharsets.UTF_8);
        boolean printable = s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return printable ? '"' + s + '"' : "0x" + HexFormat.of().formatHex(b);
    }
}

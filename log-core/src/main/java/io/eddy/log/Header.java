package io.eddy.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record header: a non-null string key and a nullable byte value, as in Kafka. Immutable; the value array is not
 * copied, so callers must not modify it after handing it over.
 */
public final class Header {
    private final String key;
    private final byte[] value;

    /**
     * @param key the header key, not null
     * @param value the header value, may be null
     * @throws NullPointerException if {@code key} is null
     */
    public Header(String key, byte[] value) {
        this.key = Objects.requireNonNull(key, "header key must not be null");
        this.value = value;
    }

    /** @return the key */
    public String key() {
        return key;
    }

    /** @return the value, possibly null */
    public byte[] value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header h && key.equals(h.key) && Arrays.equals(value, h.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Header(" + key + "=" + (value == null ? "null" : new String(value, StandardCharsets.UTF_8)) + ")";
    }
}

package io.eddy.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The ordered, mutable list of headers of one record, mirroring Kafka's {@code Headers}. Keys may repeat; order is
 * preserved on the log. Not thread-safe: a {@code Headers} instance belongs to one record being built or processed.
 * {@link #readOnly()} headers (those of records read from the log that are shared) reject changes.
 */
public final class Headers implements Iterable<Header> {
    private static final Headers EMPTY_READ_ONLY = new Headers(List.of(), true);

    private List<Header> headers;
    private boolean readOnly;

    /** Creates an empty, mutable header list. */
    public Headers() {
        this(null, false);
    }

    private Headers(List<Header> headers, boolean readOnly) {
        this.headers = headers;
        this.readOnly = readOnly;
    }

    /**
     * @param headers the headers to start with, copied
     * @return a mutable header list holding {@code headers}
     */
    public static Headers of(Header... headers) {
        Headers h = new Headers();
        for (Header header : headers) {
            h.add(header);
        }
        return h;
    }

    /** @return a shared empty header list that rejects changes */
    public static Headers empty() {
        return EMPTY_READ_ONLY;
    }

    /**
     * Appends a header.
     *
     * @param header the header
     * @return this
     * @throws IllegalStateException if these headers are read-only
     */
    public Headers add(Header header) {
        checkWritable();
        if (headers == null) {
            headers = new ArrayList<>(2);
        }
        headers.add(Objects.requireNonNull(header, "header"));
        return this;
    }

    /**
     * Appends a header.
     *
     * @param key the key, not null
     * @param value the value, may be null
     * @return this
     * @throws IllegalStateException if these headers are read-only
     */
    public Headers add(String key, byte[] value) {
        return add(new Header(key, value));
    }

    /**
     * Removes every header with this key.
     *
     * @param key the key
     * @return this
     * @throws IllegalStateException if these headers are read-only
     */
    public Headers remove(String key) {
        checkWritable();
        if (headers != null) {
            headers.removeIf(h -> h.key().equals(key));
        }
        return this;
    }

    /**
     * @param key the key
     * @return the last header with this key, or null if there is none
     */
    public Header lastHeader(String key) {
        if (headers != null) {
            for (int i = headers.size() - 1; i >= 0; i--) {
                if (headers.get(i).key().equals(key)) {
                    return headers.get(i);
                }
            }
        }
        return null;
    }

    /**
     * @param key the key
     * @return every header with this key, in order
     */
    public Iterable<Header> headers(String key) {
        List<Header> out = new ArrayList<>();
        for (Header h : this) {
            if (h.key().equals(key)) {
                out.add(h);
            }
        }
        return out;
    }

    /** @return the headers as an array, in order */
    public Header[] toArray() {
        return headers == null ? new Header[0] : headers.toArray(new Header[0]);
    }

    /** @return the number of headers */
    public int size() {
        return headers == null ? 0 : headers.size();
    }

    /** @return true when there is no header */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** Makes this list reject further changes. */
    public void setReadOnly() {
        readOnly = true;
    }

    /** @return a mutable copy of these headers */
    public Headers copy() {
        Headers h = new Headers();
        if (headers != null) {
            h.headers = new ArrayList<>(headers);
        }
        return h;
    }

    /** @return a read-only view sharing these headers */
    public Headers readOnly() {
        return readOnly ? this : new Headers(headers == null ? List.of() : Collections.unmodifiableList(headers), true);
    }

    @Override
    public Iterator<Header> iterator() {
        return headers == null ? Collections.emptyIterator() : Collections.unmodifiableList(headers).iterator();
    }

    private void checkWritable() {
        if (readOnly) {
            throw new IllegalStateException("these headers are read-only");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Headers other)) {
            return false;
        }
        List<Header> a = headers == null ? List.of() : headers;
        List<Header> b = other.headers == null ? List.of() : other.headers;
        return a.equals(b);
    }

    @Override
    public int hashCode() {
        return headers == null ? 1 : headers.hashCode();
    }

    @Override
    public String toString() {
        return "Headers" + (headers == null ? "[]" : headers.toString());
    }
}

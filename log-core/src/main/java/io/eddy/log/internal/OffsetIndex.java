package io.eddy.log.internal;

import java.util.Arrays;

/**
 * A segment's sparse map from offset to file position, kept in memory; an entry is added at a batch boundary every
 * {@code index.interval.bytes}. One writer appends while readers search: entries are published through the volatile
 * count after they are written.
 */
final class OffsetIndex {
    private volatile long[] entries; // (relativeOffset << 32) | position, ascending in both halves
    private volatile int count;

    OffsetIndex() {
        this.entries = new long[16];
    }

    void add(int relativeOffset, int position) {
        long[] e = entries;
        int n = count;
        if (n == e.length) {
            e = Arrays.copyOf(e, n * 2);
            entries = e;
        }
        e[n] = ((long) relativeOffset << 32) | (position & 0xFFFFFFFFL);
        count = n + 1;
    }

    int count() {
        return count;
    }

    int relativeOffset(int i) {
        return (int) (entries[i] >>> 32);
    }

    int position(int i) {
        return (int) entries[i];
    }

    int lastRelativeOffset() {
        int n = count;
        return n == 0 ? -1 : relativeOffset(n - 1);
    }

    /** @return the position of the last indexed batch starting at or before {@code relativeOffset}, or -1 */
    int floorPosition(long relativeOffset) {
        int n = count;
        long[] e = entries;
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if ((e[mid] >>> 32) <= relativeOffset) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? -1 : (int) e[found];
    }

    /** Drops entries at or after {@code position} (after truncation). */
    void truncateToPosition(int position) {
        int n = count;
        while (n > 0 && position(n - 1) >= position) {
            n--;
        }
        count = n;
    }
}

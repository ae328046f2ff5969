package io.eddy.log.internal;

import java.util.Arrays;

/**
 * A segment's sparse time index: an entry {@code (timestamp, relativeOffset)} states that every record of the segment
 * below that offset has a timestamp of at most {@code timestamp}. Entries are added at the same batch boundaries as
 * the offset index. Published like {@link OffsetIndex}.
 */
final class TimeIndex {
    private volatile long[] timestamps;
    private volatile int[] offsets;
    private volatile int count;

    TimeIndex() {
        timestamps = new long[16];
        offsets = new int[16];
    }

    void add(long timestamp, int relativeOffset) {
        int n = count;
        long[] t = timestamps;
        int[] o = offsets;
        if (n == t.length) {
            t = Arrays.copyOf(t, n * 2);
            o = Arrays.copyOf(o, n * 2);
        }
        t[n] = timestamp;
        o[n] = relativeOffset;
        timestamps = t;
        offsets = o;
        count = n + 1;
    }

    int count() {
        return count;
    }

    long timestamp(int i) {
        return timestamps[i];
    }

    int relativeOffset(int i) {
        return offsets[i];
    }

    /**
     * @return the relative offset from which to scan for the first record with timestamp >= {@code target}: that of
     *     the last entry whose timestamp is below the target, or 0
     */
    int scanStart(long target) {
        int n = count;
        long[] t = timestamps;
        int[] o = offsets;
        int lo = 0;
        int hi = n - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < target) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? 0 : o[found];
    }

    void truncateToRelativeOffset(int relativeOffset) {
        int n = count;
        while (n > 0 && relativeOffset(n - 1) >= relativeOffset) {
            n--;
        }
        count = n;
    }
}

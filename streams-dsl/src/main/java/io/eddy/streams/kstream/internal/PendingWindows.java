package io.eddy.streams.kstream.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.TreeSet;

/**
 * The windows of an {@code ON_WINDOW_CLOSE} sliding or session aggregation that are not emitted yet, ordered by window
 * end, then serialized key, then start: the order they are emitted in. Their stores are keyed by key first, so finding
 * the windows a close time passes would need a scan of the store; this in-memory index finds them in
 * {@code O(log n)}. It holds no values (those are read from the store when emitting) and is rebuilt from the store
 * when the processor starts. Not thread-safe: one per processor.
 *
 * @param <K> key type
 */
final class PendingWindows<K> {

    /**
     * A window awaiting its close.
     *
     * @param end the window end (inclusive for sliding windows and sessions)
     * @param keyBytes the serialized key, for ordering
     * @param start the window start
     * @param key the key
     */
    record Entry<K>(long end, byte[] keyBytes, long start, K key) {
    }

    private static final Comparator<Entry<?>> ORDER = Comparator.<Entry<?>>comparingLong(Entry::end)
            .thenComparing(Entry::keyBytes, Arrays::compareUnsigned)
            .thenComparingLong(Entry::start);

    private final TreeSet<Entry<K>> entries = new TreeSet<>(ORDER);

    /** Adds a window; adding one already present does nothing. */
    void add(K key, byte[] keyBytes, long start, long end) {
        entries.add(new Entry<>(end, keyBytes, start, key));
    }

    /** Removes a window, if present. */
    void remove(K key, byte[] keyBytes, long start, long end) {
        entries.remove(new Entry<>(end, keyBytes, start, key));
    }

    /**
     * @param bound an exclusive bound on window ends
     * @return the windows ending before {@code bound}, in emit order, now removed from the index
     */
    List<Entry<K>> pollEndingBefore(long bound) {
        List<Entry<K>> out = new ArrayList<>();
        while (!entries.isEmpty() && entries.first().end() < bound) {
            out.add(entries.pollFirst());
        }
        return out;
    }

    /**
     * Emits, in emit order, the windows a close time has closed and removes them, then advances the tracker — unless
     * the tracker already passed that close time (nothing new can have closed).
     *
     * @param closeTime windows ending before it are closed
     * @param tracker how far emitting has got
     * @param emit forwards one window's final result; returns false when the store no longer holds it
     */
    void emitClosed(long closeTime, EmittedWindowTracker tracker, Predicate<Entry<K>> emit) {
        long emitted = tracker.closeTime();
        if (emitted != EmittedWindowTracker.NONE && closeTime <= emitted) {
            return;
        }
        boolean any = false;
        for (Entry<K> w : pollEndingBefore(closeTime)) {
            any |= emit.test(w);
        }
        tracker.advance(closeTime, any);
    }

    /** @return the number of windows awaiting their close */
    int size() {
        return entries.size();
    }
}

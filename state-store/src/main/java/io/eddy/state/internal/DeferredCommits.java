package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.ProcessorStateException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The committed writes of an exactly-once store that are not written to RocksDB yet, and their write-out behind the
 * task's back.
 *
 * <p>Each commit adds its own map of writes as a <em>generation</em> (no copying), with the changelog offset it
 * commits; a read finds a key in the newest generation holding it. Every {@link #maxCommits} commits, or once
 * {@link #maxEntries} entries are held, the generations held so far are merged (newest wins), sorted and written with
 * the offset of the newest of them in one atomic batch, on a background thread while the task goes on processing.
 * A commit that finds twice {@code maxCommits} commits (or four times {@code maxEntries} entries) held waits for the
 * running write-out, so the store is never more than that far behind its last commit.
 * They are dropped only after that write, so a reader always finds a key in a generation or in RocksDB. A crash loses
 * what is not written and the store reopens at the last written commit, a commit boundary it names, from which restore
 * replays the changelog tail.
 *
 * <p>Thread safety: one owner (the task's thread) adds generations and starts or waits for write-outs; any thread may
 * read ({@link #get}, {@link #sortedSnapshot}). Generations are never modified once added. At most one write-out runs
 * at a time; one that fails is reported to the owner by its next call, and its generations stay held.
 */
final class DeferredCommits {

    /** Writes merged, sorted entries ({@link #DELETED} marks deletes) and an offset (or none) in one atomic batch. */
    @FunctionalInterface
    interface Writer {
        void write(Map.Entry<Bytes, byte[]>[] sortedEntries, long offset);
    }

    /** One commit's writes and the changelog offset it committed. */
    private record Generation(Map<Bytes, byte[]> writes, long offset) {
    }

    /** Marks a delete in a generation's writes. */
    static final byte[] DELETED = new byte[0];

    /** One daemon thread writes out for every store of the process: RocksDB writes are short and rarely overlap. */
    private static final ExecutorService WRITE_BEHIND = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "eddy-rocksdb-write-behind");
        t.setDaemon(true);
        return t;
    });

    private final Writer writer;
    private final int maxCommits;
    private final int maxEntries;
    private volatile Generation[] generations = new Generation[0];
    private CompletableFuture<Void> writeOut;

    /**
     * @param writer writes a merged batch
     * @param maxCommits write out once this many commits are held (and make the owner wait for a running write-out
     *     once twice as many are)
     * @param maxEntries write out once this many entries are held (and make the owner wait for a running write-out
     *     once four times as many are)
     */
    DeferredCommits(Writer writer, int maxCommits, int maxEntries) {
        this.writer = writer;
        this.maxCommits = maxCommits;
        this.maxEntries = maxEntries;
    }

    /**
     * Holds a commit's writes, then starts a write-out when due (owner only). The map must not change afterwards.
     *
     * @param writes the commit's writes, {@link #DELETED} marking deletes
     * @param offset the changelog offset the commit covers
     * @throws ProcessorStateException if an earlier write-out failed
     */
    void add(Map<Bytes, byte[]> writes, long offset) {
        synchronized (this) {
            Generation[] g = generations;
            Generation[] next = Arrays.copyOf(g, g.length + 1);
            next[g.length] = new Generation(writes, offset);
            generations = next;
        }
        reapFinishedWriteOut();
        int held = entries();
        if (writeOut == null && (generations.length >= maxCommits || held >= maxEntries)) {
            startWriteOut();
        } else if (writeOut != null && (generations.length >= 2 * maxCommits || held >= 4L * maxEntries)) {
            // the write-out falls behind: hold the task back rather than let restore work grow without bound
            awaitWriteOut();
            startWriteOut();
        }
    }

    /**
     * Writes every held generation now, on the calling thread, after any running write-out (owner only: before a range
     * read of its own, and at close).
     *
     * @throws ProcessorStateException if a write-out fails
     */
    void writeAllNow() {
        awaitWriteOut();
        Generation[] snapshot = generations;
        if (snapshot.length > 0) {
            writeAndDrop(snapshot);
        }
    }

    /**
     * @param key the key
     * @return the newest held value of the key ({@link #DELETED} for a delete), or null when no generation holds it
     */
    byte[] get(Bytes key) {
        Generation[] g = generations;
        for (int i = g.length - 1; i >= 0; i--) {
            byte[] v = g[i].writes.get(key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** @return the commits held */
    int generationCount() {
        return generations.length;
    }

    /** @return whether nothing is held */
    boolean isEmpty() {
        return generations.length == 0;
    }

    /** @return the entries held, counting a key once per generation holding it */
    int entries() {
        int n = 0;
        for (Generation g : generations) {
            n += g.writes.size();
        }
        return n;
    }

    /** @return every held key with its newest value ({@link #DELETED} for deletes), in key order */
    TreeMap<Bytes, byte[]> sortedSnapshot() {
        TreeMap<Bytes, byte[]> merged = new TreeMap<>();
        for (Generation g : generations) {
            merged.putAll(g.writes);
        }
        return merged;
    }

    private void startWriteOut() {
        Generation[] snapshot = generations;
        writeOut = CompletableFuture.runAsync(() -> writeAndDrop(snapshot), WRITE_BEHIND);
    }

    private void reapFinishedWriteOut() {
        if (writeOut != null && writeOut.isDone()) {
            awaitWriteOut();
        }
    }

    private void awaitWriteOut() {
        CompletableFuture<Void> running = writeOut;
        if (running == null) {
            return;
        }
        writeOut = null;
        try {
            running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ProcessorStateException pse) {
                throw pse;
            }
            throw new ProcessorStateException("Writing committed data out to RocksDB failed: " + e.getCause(),
                    e.getCause());
        }
    }

    private void writeAndDrop(Generation[] snapshot) {
        writer.write(merged(snapshot), snapshot[snapshot.length - 1].offset);
        synchronized (this) {
            // only the owner adds, always at the end: the snapshot is still the oldest part
            generations = Arrays.copyOfRange(generations, snapshot.length, generations.length);
        }
    }

    private static Map.Entry<Bytes, byte[]>[] merged(Generation[] snapshot) {
        Map<Bytes, byte[]> merged;
        if (snapshot.length == 1) {
            merged = snapshot[0].writes;
        } else {
            int size = 0;
            for (Generation g : snapshot) {
                size += g.writes.size();
            }
            merged = new java.util.HashMap<>(Math.max(16, size * 4 / 3));
            for (Generation g : snapshot) {
                merged.putAll(g.writes);
            }
        }
        return sorted(merged);
    }

    /** @return the entries in key order: RocksDB inserts a sorted batch into its memtable markedly faster */
    @SuppressWarnings("unchecked")
    static Map.Entry<Bytes, byte[]>[] sorted(Map<Bytes, byte[]> entries) {
        Map.Entry<Bytes, byte[]>[] sorted = entries.entrySet().toArray(new Map.Entry[0]);
        Arrays.sort(sorted, Map.Entry.comparingByKey());
        return sorted;
    }
}

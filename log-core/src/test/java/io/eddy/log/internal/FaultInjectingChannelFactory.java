package io.eddy.log.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FileChannelFactory} whose channels fail on command and which models power loss. It counts every
 * operation by kind across all its channels; {@link #failAt} makes the k-th operation of a kind throw an
 * {@link IOException} (once, or from then on). It remembers each file's contents as of its last successful force;
 * {@link #crash()} makes every later operation fail (the process is gone) and {@link #restoreDurableState()} puts
 * every file back to what was last forced, dropping bytes written but never synced. Files are tracked by file key
 * (inode), so renames (index and compaction swaps) keep their identity. Thread-safe.
 */
final class FaultInjectingChannelFactory implements FileChannelFactory {
    /** The channel operations that can be made to fail. */
    enum Op { OPEN, WRITE, FORCE, READ, TRUNCATE }

    /** A file seen through this factory: its latest path and its bytes as of the last force. */
    static final class TrackedFile {
        private final Object key;
        private Path path;
        private byte[] durable;

        private TrackedFile(Object key, Path path, byte[] durable) {
            this.key = key;
            this.path = path;
            this.durable = durable;
        }

        Path path() {
            return path;
        }
    }

    private final Map<Op, Long> counts = new EnumMap<>(Op.class);
    private final Map<Object, TrackedFile> files = new HashMap<>();
    private final List<String> injected = new ArrayList<>();
    private Op failOp;
    private long failAt;
    private boolean sticky;
    private boolean tornWrites = true;
    private boolean crashed;

    /**
     * Arms a fault: the {@code k}-th operation of kind {@code op} (1-based) fails.
     *
     * @param sticky true to fail every later operation of any kind too (a dead disk), false for a single failure
     * @return this
     */
    synchronized FaultInjectingChannelFactory failAt(Op op, long k, boolean sticky) {
        this.failOp = op;
        this.failAt = k;
        this.sticky = sticky;
        return this;
    }

    /** @param torn whether a failing write first writes half its bytes */
    synchronized FaultInjectingChannelFactory tornWrites(boolean torn) {
        this.tornWrites = torn;
        return this;
    }

    synchronized boolean tornWrites() {
        return tornWrites;
    }

    /** @return how many operations of this kind were attempted */
    synchronized long count(Op op) {
        return counts.getOrDefault(op, 0L);
    }

    /** @return a description of each injected fault, in order */
    synchronized List<String> injectedFaults() {
        return List.copyOf(injected);
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        TrackedFile tracked;
        synchronized (this) {
            IOException fault = faultFor(Op.OPEN, path);
            if (fault != null) {
                throw fault;
            }
        }
        boolean existed = Files.exists(path);
        FileChannel real = FileChannel.open(path, options);
        try {
            synchronized (this) {
                Object key = fileKey(path);
                tracked = files.get(key);
                if (tracked == null || !existed) {
                    tracked = new TrackedFile(key, path, existed ? Files.readAllBytes(path) : new byte[0]);
                    files.put(key, tracked);
                }
                tracked.path = path;
            }
        } catch (IOException | RuntimeException e) {
            real.close();
            throw e;
        }
        return new FaultInjectingFileChannel(this, real, tracked);
    }

    private static Object fileKey(Path path) throws IOException {
        Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        return key != null ? key : path.toAbsolutePath();
    }

    /** Throws the injected fault if the next operation of this kind is due to fail. */
    void before(Op op, TrackedFile file) throws IOException {
        IOException fault = faultFor(op, file);
        if (fault != null) {
            throw fault;
        }
    }

    /** Counts an operation; @return the fault to throw for it, or null to let it proceed */
    synchronized IOException faultFor(Op op, TrackedFile file) {
        return faultFor(op, file.path);
    }

    private IOException faultFor(Op op, Path path) {
        if (crashed) {
            return new IOException("simulated crash: the process is gone (" + op + " on " + path + ")");
        }
        long n = counts.merge(op, 1L, Long::sum);
        boolean due = op == failOp && n == failAt;
        boolean dead = sticky && !injected.isEmpty();
        if (due || dead) {
            String what = "injected fault: " + op + " #" + n + " on " + path + (due ? "" : " (disk failed earlier)");
            injected.add(what);
            return new IOException(what);
        }
        return null;
    }

    /** Records that {@code file} now durably holds {@code contents}. */
    synchronized void forced(TrackedFile file, byte[] contents) {
        file.durable = contents;
    }

    /** From now on every operation fails and no channel can be opened: the process died. */
    synchronized void crash() {
        crashed = true;
    }

    /**
     * Power loss: every tracked file that still exists under its last path is put back to its contents at its last
     * successful force (empty if never forced). Call after {@link #crash()} and after the dead log released its
     * channels.
     */
    synchronized void restoreDurableState() throws IOException {
        for (TrackedFile f : files.values()) {
            if (Files.exists(f.path) && fileKey(f.path).equals(f.key)) {
                Files.write(f.path, f.durable);
            }
        }
    }
}

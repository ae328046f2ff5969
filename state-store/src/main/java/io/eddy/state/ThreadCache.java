package io.eddy.state;

/**
 * The record-cache memory budget of one stream thread, shared by the record caches of every store of every task on
 * that thread (Kafka Streams' {@code ThreadCache}). The application budget ({@value #MAX_BYTES_CONFIG}, default
 * {@value #DEFAULT_MAX_BYTES} bytes per application instance) is divided evenly between stream threads with
 * {@link #perThreadBytes}; within a thread the caches share the budget dynamically: whenever a write makes the total
 * exceed {@link #maxBytes()}, the cache that grew evicts entries it has not used recently (writing dirty ones down)
 * until the total fits or it is empty. A budget of 0 disables caching: cached stores pass every write straight through.
 *
 * <p>Sizes are estimates in bytes of key, value and per-entry overhead (caches that hold typed objects learn the
 * serialized sizes when they flush).
 *
 * <p>Thread safety: none needed; a thread cache is used only by its stream thread (the size may be read from others).
 */
public final class ThreadCache {

    /** The configuration key of the application-wide record-cache budget in bytes. */
    public static final String MAX_BYTES_CONFIG = "statestore.cache.max.bytes";
    /** The default application-wide budget: 10 MiB. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

    private volatile long maxBytes;
    private volatile long sizeBytes;
    private int caches;

    /**
     * @param maxBytes this thread's budget in bytes, 0 to disable caching
     * @throws IllegalArgumentException if {@code maxBytes} is negative
     */
    public ThreadCache(long maxBytes) {
        this.maxBytes = requireNotNegative(maxBytes);
    }

    /**
     * @param applicationMaxBytes the application instance's budget
     * @param streamThreads the number of stream threads, at least 1
     * @return each thread's even share
     * @throws IllegalArgumentException if {@code applicationMaxBytes < 0} or {@code streamThreads < 1}
     */
    public static long perThreadBytes(long applicationMaxBytes, int streamThreads) {
        requireNotNegative(applicationMaxBytes);
        if (streamThreads < 1) {
            throw new IllegalArgumentException("streamThreads must be at least 1, streamThreads=" + streamThreads);
        }
        return applicationMaxBytes / streamThreads;
    }

    /** @return this thread's budget in bytes; 0 means caching is disabled */
    public long maxBytes() {
        return maxBytes;
    }

    /** @return the estimated bytes currently held by all caches of this thread */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** @return the number of caches currently sharing this budget */
    public int numCaches() {
        return caches;
    }

    /**
     * Changes the budget (e.g. when threads are added). Caches shrink to the new budget on their next write.
     *
     * @param newMaxBytes the new budget in bytes
     * @throws IllegalArgumentException if {@code newMaxBytes} is negative
     */
    public void resize(long newMaxBytes) {
        this.maxBytes = requireNotNegative(newMaxBytes);
    }

    /** Called by a cache layer when it opens. */
    public void registerCache() {
        caches++;
    }

    /**
     * Called by a cache layer when it closes, with the bytes it still accounted for.
     *
     * @param heldBytes the bytes the closing cache releases
     */
    public void unregisterCache(long heldBytes) {
        caches--;
        sizeBytes -= heldBytes;
    }

    /**
     * Called by a cache layer whenever its size changes.
     *
     * @param deltaBytes the change in bytes (negative when entries are released)
     * @return true when the total now exceeds the budget and the caller should evict
     */
    public boolean adjust(long deltaBytes) {
        long size = sizeBytes + deltaBytes;
        sizeBytes = size;
        return size > maxBytes;
    }

    /** @return true when the total exceeds the budget */
    public boolean overBudget() {
        return sizeBytes > maxBytes;
    }

    private static long requireNotNegative(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException(MAX_BYTES_CONFIG + " must not be negative, bytes=" + bytes);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "ThreadCache{maxBytes=" + maxBytes + ", sizeBytes=" + sizeBytes + ", caches=" + caches + "}";
    }
}

package io.eddy.state;

import java.util.Map;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The off-heap memory of all RocksDB stores of one application instance: one LRU block cache and one write-buffer
 * manager that charges memtables to that cache, so block cache, index/filter blocks and memtables together stay within
 * {@link #totalBytes()} ({@value #TOTAL_BYTES_CONFIG}, default 256 MiB). Created by the runtime, handed to stores
 * through {@link StateStoreContext#rocksDBMemoryBudget()}, and closed by the runtime after every store using it has
 * closed.
 *
 * <p>Thread safety: immutable after creation; RocksDB's cache and write-buffer manager are thread-safe.
 */
public final class RocksDBMemoryBudget implements AutoCloseable {

    /** The configuration key of the total off-heap budget in bytes. */
    public static final String TOTAL_BYTES_CONFIG = "rocksdb.memory.total.bytes";
    /** The configuration key of the fraction of the budget memtables may use, in (0, 1). */
    public static final String WRITE_BUFFER_RATIO_CONFIG = "rocksdb.memory.write.buffer.ratio";
    /** The default total: 256 MiB. */
    public static final long DEFAULT_TOTAL_BYTES = 256L * 1024 * 1024;
    /** The default memtable fraction: a quarter of the total. */
    public static final double DEFAULT_WRITE_BUFFER_RATIO = 0.25;
    /** The fraction of the block cache reserved for index and filter blocks (high priority). */
    private static final double HIGH_PRIORITY_POOL_RATIO = 0.1;

    static {
        RocksDB.loadLibrary();
    }

    private final long totalBytes;
    private final long writeBufferBytes;
    private final LRUCache cache;
    private final WriteBufferManager writeBufferManager;

    private RocksDBMemoryBudget(long totalBytes, double writeBufferRatio) {
        if (totalBytes <= 0) {
            throw new IllegalArgumentException(TOTAL_BYTES_CONFIG + " must be positive, totalBytes=" + totalBytes);
        }
        if (!(writeBufferRatio > 0 && writeBufferRatio < 1)) {
            throw new IllegalArgumentException(
                    WRITE_BUFFER_RATIO_CONFIG + " must be in (0, 1), writeBufferRatio=" + writeBufferRatio);
        }
        this.totalBytes = totalBytes;
        this.writeBufferBytes = (long) (totalBytes * writeBufferRatio);
        this.cache = new LRUCache(totalBytes, -1, false, HIGH_PRIORITY_POOL_RATIO);
        try {
            this.writeBufferManager = new WriteBufferManager(writeBufferBytes, cache);
        } catch (RuntimeException e) {
            cache.close();
            throw e;
        }
    }

    /**
     * @param totalBytes the total off-heap budget, positive
     * @param writeBufferRatio the fraction of it memtables may use, in (0, 1)
     * @return a new budget that the caller must close
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static RocksDBMemoryBudget create(long totalBytes, double writeBufferRatio) {
        return new RocksDBMemoryBudget(totalBytes, writeBufferRatio);
    }

    /**
     * @param configs application configs; {@value #TOTAL_BYTES_CONFIG} and {@value #WRITE_BUFFER_RATIO_CONFIG} are
     *     read as numbers or numeric strings, defaults apply when absent
     * @return a new budget that the caller must close
     * @throws IllegalArgumentException if a value is not a number or out of range
     */
    public static RocksDBMemoryBudget fromConfig(Map<String, ?> configs) {
        long total = DEFAULT_TOTAL_BYTES;
        double ratio = DEFAULT_WRITE_BUFFER_RATIO;
        Object t = configs.get(TOTAL_BYTES_CONFIG);
        Object r = configs.get(WRITE_BUFFER_RATIO_CONFIG);
        try {
            if (t != null) {
                total = t instanceof Number n ? n.longValue() : Long.parseLong(t.toString().trim());
            }
            if (r != null) {
                ratio = r instanceof Number n ? n.doubleValue() : Double.parseDouble(r.toString().trim());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("RocksDB memory config is not a number, " + TOTAL_BYTES_CONFIG + "="
                    + t + ", " + WRITE_BUFFER_RATIO_CONFIG + "=" + r, e);
        }
        return new RocksDBMemoryBudget(total, ratio);
    }

    /** @return the shared block cache (memtables are charged to it too) */
    public Cache blockCache() {
        return cache;
    }

    /** @return the shared write-buffer manager */
    public WriteBufferManager writeBufferManager() {
        return writeBufferManager;
    }

    /** @return the total off-heap budget in bytes */
    public long totalBytes() {
        return totalBytes;
    }

    /** @return the memtable share of the budget in bytes */
    public long writeBufferBytes() {
        return writeBufferBytes;
    }

    /** Releases the cache and write-buffer manager. Call only after every store using them has closed. Idempotent. */
    @Override
    public void close() {
        writeBufferManager.close();
        cache.close();
    }
}

package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serializer;
import io.eddy.state.BatchingStateRestoreCallback;
import io.eddy.state.InvalidStateStoreException;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.KeyValueStore;
import io.eddy.state.ProcessorStateException;
import io.eddy.state.RocksDBConfigSetter;
import io.eddy.state.RocksDBMemoryBudget;
import io.eddy.state.StateDirectoryLockedException;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.TaskStateManager;
import io.eddy.state.TransactionalStore;
import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persistent byte-level key-value store on RocksDB, kept in {@link StateStoreContext#storeDirectory(String)}.
 *
 * <p>Memory: every instance uses the application's shared block cache and write-buffer manager
 * ({@link RocksDBMemoryBudget}); a {@link RocksDBConfigSetter} named in the configs may tune the options further.
 *
 * <p>Durability: writes go to RocksDB's write-ahead log without a sync; {@link #flush()} syncs the WAL (unless
 * {@value TaskStateManager#FSYNC_CONFIG} is false), so that a checkpoint written after a flush never names an offset
 * the local state does not reflect. Every bulk write ({@code putAll}, cache flush, restore) is one atomic batch,
 * encoded on the heap ({@link WriteBatchEncoder}) and handed to RocksDB in one call.
 *
 * <p>Exactly-once mode ({@value TaskStateManager#EXACTLY_ONCE_CONFIG}{@code =true}, see {@link TransactionalStore}):
 * every write (put, putAll, cache flush and eviction, restore) goes to a map of uncommitted writes on the heap
 * instead of the database, and the task's reads look there first (iterators merge a copy of its entries in range,
 * deletes included, with a database iterator). {@link #commit(long)} writes those entries and the
 * changelog offset ({@link StoreMetadata}, in its own column family, never seen by reads, iteration or counts) in one
 * atomic {@code db.write}, synced unless fsync is off (a deferring store instead holds each commit's writes and has a
 * background thread write several commits at once: the {@code deferWrites} constructor argument); {@link #close()}
 * without a commit drops the batch, as a crash does. Reads from other threads (interactive queries) see the committed
 * contents only; the batch is touched by the owner thread alone (the thread that opened the store or last wrote to
 * it). {@link #flush()} does nothing in this mode: durability comes with the commit. In at-least-once mode a committed offset left by an earlier exactly-once
 * run is deleted on open, so it can never be mistaken for the state of later writes.
 *
 * <p>Thread safety: one writer (the task) and any number of readers on other threads. Reads are thread-safe;
 * iterators read a consistent point-in-time view of the database taken at their creation and never see later writes.
 * A read/write lock only keeps {@link #close()} from freeing native handles under a concurrent read.
 *
 * <p>Native resources: every RocksDB object is created through a {@link RocksObjectRegistry} and closed in reverse
 * order when the store closes; iterators still open then are reported with a warning and closed.
 */
public class RocksDBStore implements KeyValueStore<Bytes, byte[]>, TimestampedBulkWriter, BatchingStateRestoreCallback,
        TransactionalStore {

    private static final Logger LOG = LoggerFactory.getLogger(RocksDBStore.class);

    static {
        RocksDB.loadLibrary();
    }

    private final String name;
    private final String metricsScope;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<RocksDBRangeIterator> openIterators = ConcurrentHashMap.newKeySet();

    private RocksObjectRegistry registry = new RocksObjectRegistry();
    private File directory;
    private RocksDB db;
    private Options options;
    private WriteOptions writeOptions;
    private RocksDBConfigSetter configSetter;
    private boolean syncOnFlush;
    private volatile boolean open;
    private ColumnFamilyHandle dataFamily;
    private ColumnFamilyHandle metadataFamily;
    private boolean exactlyOnce;
    /**
     * Exactly-once only: the writes since the last commit ({@link #DELETED} marks a delete); touched by the owner thread
     * alone. Heap maps rather than RocksDB's indexed batch: every write and read of them stays in Java, and a commit
     * hands the whole batch to RocksDB in one call. {@code sortedUncommitted} orders the same writes for iterators; it
     * is kept only once the store served a range read, so a store read by key alone never pays for ordering.
     */
    private HashMap<Bytes, byte[]> uncommitted;
    private TreeMap<Bytes, byte[]> sortedUncommitted;
    private boolean rangeReadsSeen;
    private static final byte[] DELETED = DeferredCommits.DELETED;
    /** Builds the serialized batches this store writes (owner thread, or under the write paths' callers). */
    private final WriteBatchEncoder encoder = new WriteBatchEncoder();
    private WriteOptions commitOptions;
    private volatile Thread owner;
    /** The offset of the last commit (which may not be written to RocksDB yet, see {@link #deferred}). */
    private long committedOffset = NO_OFFSET;
    /** The offset stored in RocksDB with the data it reflects. */
    private long writtenOffset = NO_OFFSET;
    /**
     * Exactly-once, deferring stores only: writes of recent commits not written to RocksDB yet, read by any thread
     * (interactive queries see committed state) and written out, with their offset, every
     * {@link #MAX_DEFERRED_COMMITS} commits, or sooner when large, in the background: a key updated at every commit is
     * written once per round instead of once per commit, and never on the task's thread. A crash loses them and the
     * store reopens at the last written commit, from which restore replays the changelog tail.
     */
    private DeferredCommits deferred;
    /** Builds the batches of {@link #deferred}'s write-outs (one at a time, on the write-behind thread or owner). */
    private final WriteBatchEncoder writeOutEncoder = new WriteBatchEncoder();
    private final boolean deferWrites;
    /**
     * True while the data column family is known to hold no key: opened empty and not written since. Reads then skip
     * RocksDB (a fresh app's every first read of a key would otherwise cross JNI to find nothing). Cleared before
     * every write, so a reader never skips a key the database holds.
     */
    private volatile boolean dataKnownEmpty;
    /**
     * A deferring store starts writing committed data out every this many commits; a commit waits for a write-out
     * still running once twice as many are held, so a crash leaves the store at most that many commits back.
     */
    public static final int MAX_DEFERRED_COMMITS = 10;
    /** A deferring store writes committed data out once it holds this many entries back. */
    public static final int MAX_DEFERRED_ENTRIES = 100_000;

    /**
     * @param name the store name
     * @param metricsScope the metrics scope reported by its supplier
     */
    public RocksDBStore(String name, String metricsScope) {
        this(name, metricsScope, false);
    }

    /**
     * @param name the store name
     * @param metricsScope the metrics scope reported by its supplier
     * @param deferWrites in exactly-once mode, write committed data to RocksDB every few commits rather than at each
     *     one (see {@link #deferred}); only for a store that is its own commit unit and has a changelog
     */
    public RocksDBStore(String name, String metricsScope, boolean deferWrites) {
        this.name = Objects.requireNonNull(name, "name");
        this.metricsScope = metricsScope;
        this.deferWrites = deferWrites;
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the metrics scope */
    public String metricsScope() {
        return metricsScope;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (open) {
            throw new IllegalStateException("Store '" + name + "' is already open");
        }
        registry = new RocksObjectRegistry();
        directory = context.storeDirectory(name);
        Map<String, Object> configs = context.appConfigs();
        syncOnFlush = !"false".equalsIgnoreCase(String.valueOf(configs.getOrDefault(TaskStateManager.FSYNC_CONFIG,
                "true")));
        exactlyOnce = TaskStateManager.exactlyOnce(configs);
        RocksDBMemoryBudget budget = context.rocksDBMemoryBudget();
        if (budget == null) {
            throw new IllegalStateException("Store '" + name + "' of task " + context.taskId()
                    + " needs a RocksDBMemoryBudget from its StateStoreContext, but the context returned null");
        }
        if (!directory.isDirectory() && !directory.mkdirs()) {
            throw new ProcessorStateException("Cannot create directory " + directory.getAbsolutePath()
                    + " of store '" + name + "'");
        }
        try {
            openDatabase(budget, configs);
        } catch (RuntimeException e) {
            closeNativeObjects();
            throw e;
        }
        owner = Thread.currentThread();
        open = true;
        context.register(root, this);
    }

    private void openDatabase(RocksDBMemoryBudget budget, Map<String, Object> configs) {
        options = registry.track(new Options());
        BlockBasedTableConfig table = new BlockBasedTableConfig();
        table.setBlockCache(budget.blockCache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        table.setBlockSize(4096L);
        table.setFilterPolicy(registry.track(new BloomFilter(10)));
        options.setCreateIfMissing(true);
        options.setErrorIfExists(false);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(budget.writeBufferManager());
        options.setWriteBufferSize(16L * 1024 * 1024);
        options.setMaxWriteBufferNumber(3);
        options.setCompactionStyle(CompactionStyle.UNIVERSAL);
        options.setCompressionType(CompressionType.NO_COMPRESSION);
        options.setMaxBackgroundJobs(2);
        options.setMaxOpenFiles(-1);
        options.setKeepLogFileNum(2);
        // the metadata family (the committed changelog offset) is written at every commit but its memtable never fills:
        // without flushing it with the data, every write-ahead log since the store opened stays needed, and recovery
        // after a crash replays them all, a time that grows with the data written
        options.setAtomicFlush(true);
        options.setMaxTotalWalSize(64L * 1024 * 1024);
        configSetter = newConfigSetter(configs.get(RocksDBConfigSetter.CONFIG));
        if (configSetter != null) {
            configSetter.setConfig(name, options, configs);
        }
        writeOptions = registry.track(new WriteOptions());
        writeOptions.setSync(false);
        DBOptions dbOptions = registry.track(new DBOptions(options));
        dbOptions.setCreateMissingColumnFamilies(true);
        ColumnFamilyOptions familyOptions = registry.track(new ColumnFamilyOptions(options));
        List<ColumnFamilyDescriptor> families = List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions),
                new ColumnFamilyDescriptor(StoreMetadata.COLUMN_FAMILY, familyOptions));
        List<ColumnFamilyHandle> handles = new ArrayList<>(2);
        try {
            db = registry.track(RocksDB.open(dbOptions, directory.getAbsolutePath(), families, handles));
        } catch (RocksDBException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("lock")) {
                throw new StateDirectoryLockedException(name, directory, e);
            }
            throw new ProcessorStateException("Cannot open RocksDB store '" + name + "' in directory "
                    + directory.getAbsolutePath() + ": " + e.getMessage(), e);
        }
        dataFamily = registry.track(handles.get(0));
        metadataFamily = registry.track(handles.get(1));
        try (RocksIterator first = db.newIterator(dataFamily)) {
            first.seekToFirst();
            dataKnownEmpty = !first.isValid();
        }
        try {
            byte[] offset = db.get(metadataFamily, StoreMetadata.CHANGELOG_OFFSET_KEY);
            if (exactlyOnce) {
                committedOffset = offset == null ? NO_OFFSET : StoreMetadata.decodeOffset(offset, name);
                uncommitted = new HashMap<>();
                sortedUncommitted = null;
                rangeReadsSeen = false;
                writtenOffset = committedOffset;
                deferred = deferWrites ? new DeferredCommits(this::writeOut, MAX_DEFERRED_COMMITS,
                        MAX_DEFERRED_ENTRIES) : null;
                commitOptions = registry.track(new WriteOptions());
                commitOptions.setSync(syncOnFlush);
            } else if (offset != null) {
                db.delete(metadataFamily, StoreMetadata.CHANGELOG_OFFSET_KEY);
            }
        } catch (RocksDBException e) {
            throw new ProcessorStateException("Cannot read the committed changelog offset of store '" + name + "' in "
                    + directory.getAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private RocksDBConfigSetter newConfigSetter(Object setting) {
        if (setting == null) {
            return null;
        }
        if (setting instanceof RocksDBConfigSetter setter) {
            return setter;
        }
        try {
            Class<?> type = setting instanceof Class<?> c ? c
                    : Class.forName(setting.toString().trim(), true, Thread.currentThread().getContextClassLoader());
            return (RocksDBConfigSetter) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("Cannot create the " + RocksDBConfigSetter.CONFIG + " for store '" + name
                    + "' from " + RocksDBConfigSetter.CONFIG + "=" + setting
                    + " (it must name a RocksDBConfigSetter with a public no-argument constructor)", e);
        }
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** @return the directory holding the database files (null before the first init) */
    public File directory() {
        return directory;
    }

    /** @return the registry of this store's native objects (for leak checks) */
    public RocksObjectRegistry nativeObjects() {
        return registry;
    }

    /**
     * @return the commits of an exactly-once deferring store held back from RocksDB (written out in the background
     *     every {@value #MAX_DEFERRED_COMMITS} commits); 0 for other stores
     */
    public int heldBackCommits() {
        DeferredCommits held = deferred;
        return held == null ? 0 : held.generationCount();
    }

    /** @return the number of iterators created and not yet closed */
    public int openIteratorCount() {
        return openIterators.size();
    }

    @Override
    public byte[] get(Bytes key) {
        Objects.requireNonNull(key, "key");
        lock.readLock().lock();
        try {
            checkOpen();
            if (exactlyOnce && Thread.currentThread() == owner) {
                byte[] pending = uncommitted.get(key);
                if (pending != null) {
                    return pending == DELETED ? null : pending;
                }
            }
            DeferredCommits held = deferred;
            if (held != null) {
                byte[] committed = held.get(key);
                if (committed != null) {
                    return committed == DELETED ? null : committed;
                }
            }
            return dataKnownEmpty ? null : db.get(dataFamily, key.get());
        } catch (RocksDBException e) {
            throw failure("get", key, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void put(Bytes key, byte[] value) {
        Objects.requireNonNull(key, "key");
        lock.readLock().lock();
        try {
            checkOpen();
            if (exactlyOnce) {
                owner = Thread.currentThread();
                putUncommitted(key, value);
            } else if (value == null) {
                dataKnownEmpty = false;
                db.delete(writeOptions, key.get());
            } else {
                dataKnownEmpty = false;
                db.put(writeOptions, key.get(), value);
            }
        } catch (RocksDBException e) {
            throw failure("put", key, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (exactlyOnce) {
            for (KeyValue<Bytes, byte[]> entry : entries) {
                Objects.requireNonNull(entry.key, "key");
            }
            lock.readLock().lock();
            try {
                checkOpen();
                owner = Thread.currentThread();
                for (KeyValue<Bytes, byte[]> entry : entries) {
                    putUncommitted(entry.key, entry.value);
                }
            } finally {
                lock.readLock().unlock();
            }
            return;
        }
        lock.readLock().lock();
        try {
            checkOpen();
            int family = dataFamily.getID();
            for (KeyValue<Bytes, byte[]> entry : entries) {
                Objects.requireNonNull(entry.key, "key");
                if (entry.value == null) {
                    encoder.delete(family, entry.key.get());
                } else {
                    encoder.put(family, entry.key.get(), entry.value);
                }
            }
            writeEncoded(writeOptions, "a batch of " + entries.size() + " entries");
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Writes (and empties) the store's encoder's batch in one call; caller holds the read lock. */
    private void writeEncoded(WriteOptions options, String what) {
        writeEncoded(encoder, options, what);
    }

    private void writeEncoded(WriteBatchEncoder encoder, WriteOptions options, String what) {
        try (WriteBatch batch = encoder.toWriteBatch()) {
            dataKnownEmpty = false;
            db.write(options, batch);
        } catch (RocksDBException e) {
            throw new ProcessorStateException("Cannot write " + what + " to store '" + name + "' in "
                    + directory.getAbsolutePath() + ": " + e.getMessage(), e);
        } finally {
            encoder.reset();
        }
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries, long[] timestamps) {
        putAll(entries);
    }

    private void writeUncommitted(Collection<KeyValue<byte[], byte[]>> records) {
        lock.readLock().lock();
        try {
            checkOpen();
            owner = Thread.currentThread();
            for (KeyValue<byte[], byte[]> record : records) {
                putUncommitted(Bytes.wrap(record.key), record.value);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private void putUncommitted(Bytes key, byte[] value) {
        byte[] v = value == null ? DELETED : value;
        uncommitted.put(key, v);
        if (sortedUncommitted != null) {
            sortedUncommitted.put(key, v);
        }
    }

    @Override
    public boolean transactional() {
        return exactlyOnce;
    }

    @Override
    public void commit(long changelogOffset) {
        lock.readLock().lock();
        try {
            checkOpen();
            checkTransactional();
            boolean newOffset = changelogOffset != NO_OFFSET && changelogOffset != committedOffset;
            if (uncommitted.isEmpty() && !newOffset) {
                return;
            }
            if (newOffset) {
                committedOffset = changelogOffset;
            }
            if (deferred != null) {
                // the commit's map itself becomes a generation of the deferred writes: nothing is copied
                deferred.add(uncommitted, committedOffset);
                uncommitted = new HashMap<>(Math.max(16, uncommitted.size() * 4 / 3));
                sortedUncommitted = rangeReadsSeen ? new TreeMap<>() : null;
                if (changelogOffset == NO_OFFSET || rangeReadsSeen) {
                    deferred.writeAllNow();
                }
                return;
            }
            write(uncommitted);
            uncommitted.clear();
            sortedUncommitted = rangeReadsSeen ? new TreeMap<>() : null;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Writes sorted entries ({@link #DELETED} marks deletes) and an offset (unless {@code NO_OFFSET}) in one atomic
     * batch, under the read lock (so close cannot free the database meanwhile): a commit's writes, or a write-out of
     * {@link #deferred} on the write-behind thread.
     */
    private void writeOut(Map.Entry<Bytes, byte[]>[] sorted, long offset) {
        lock.readLock().lock();
        try {
            checkOpen();
            int family = dataFamily.getID();
            for (Map.Entry<Bytes, byte[]> e : sorted) {
                if (e.getValue() == DELETED) {
                    writeOutEncoder.delete(family, e.getKey().get());
                } else {
                    writeOutEncoder.put(family, e.getKey().get(), e.getValue());
                }
            }
            if (offset != NO_OFFSET) {
                writeOutEncoder.put(metadataFamily.getID(), StoreMetadata.CHANGELOG_OFFSET_KEY,
                        StoreMetadata.encodeOffset(offset));
            }
            if (writeOutEncoder.count() > 0) {
                writeEncoded(writeOutEncoder, commitOptions, sorted.length + " writes at changelog offset " + offset);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Writes {@code entries} and, when it moved, the committed offset, in one atomic batch; caller holds the read lock.
     */
    private void write(Map<Bytes, byte[]> entries) {
        writeOut(DeferredCommits.sorted(entries), committedOffset != writtenOffset ? committedOffset : NO_OFFSET);
        writtenOffset = committedOffset;
    }

    @Override
    public long committedOffset() {
        checkOpen();
        checkTransactional();
        return committedOffset;
    }

    /** @return true when exactly-once writes are waiting for {@link #commit} (owner thread only) */
    public boolean hasUncommittedWrites() {
        checkOpen();
        return exactlyOnce && !uncommitted.isEmpty();
    }

    private void checkTransactional() {
        if (!exactlyOnce) {
            throw new IllegalStateException("Store '" + name + "' is not in exactly-once mode ("
                    + TaskStateManager.EXACTLY_ONCE_CONFIG + " is not true); it has nothing to commit");
        }
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] existing = get(key);
        put(key, null);
        return existing;
    }

    @Override
    public void restoreAll(Collection<KeyValue<byte[], byte[]>> records) {
        if (exactlyOnce) {
            writeUncommitted(records);
            return;
        }
        lock.readLock().lock();
        try {
            checkOpen();
            int family = dataFamily.getID();
            for (KeyValue<byte[], byte[]> record : records) {
                if (record.value == null) {
                    encoder.delete(family, record.key);
                } else {
                    encoder.put(family, record.key, record.value);
                }
            }
            writeEncoded(writeOptions, "a restore batch of " + records.size() + " records");
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return KeyValueIterators.isInvertedRange(name, from, to) ? KeyValueIterators.empty()
                : newIterator(from, to, true, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return KeyValueIterators.isInvertedRange(name, from, to) ? KeyValueIterators.empty()
                : newIterator(from, to, true, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return newIterator(null, null, true, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return newIterator(null, null, true, false);
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(prefixKeySerializer, "prefixKeySerializer");
        Bytes from = Bytes.wrap(prefixKeySerializer.serialize(null, prefix));
        return newIterator(from, from.prefixUpperBound(), false, true);
    }

    private KeyValueIterator<Bytes, byte[]> newIterator(Bytes from, Bytes to, boolean toInclusive, boolean forward) {
        lock.readLock().lock();
        try {
            checkOpen();
            boolean ownerThread = exactlyOnce && Thread.currentThread() == owner;
            if (ownerThread && deferred != null) {
                // a store read by range writes at every commit from now on: iterators then only merge the
                // uncommitted writes, kept ordered
                rangeReadsSeen = true;
                deferred.writeAllNow();
            }
            List<KeyValue<Bytes, byte[]>> pending;
            if (ownerThread) {
                pending = uncommitted.isEmpty() ? List.of() : uncommittedEntries(from, to, toInclusive, forward);
            } else {
                DeferredCommits held = deferred;
                // taken before the database iterator: an entry written out and dropped meanwhile is in one of them
                pending = held == null || held.isEmpty() ? List.of()
                        : sortedInRange(held.sortedSnapshot(), from, to, toInclusive, forward);
            }
            ReadOptions readOptions = registry.track(new ReadOptions());
            RocksIterator iterator = registry.track(db.newIterator(dataFamily, readOptions));
            RocksDBRangeIterator result =
                    new RocksDBRangeIterator(this, readOptions, iterator, from, to, toInclusive, forward);
            openIterators.add(result);
            return pending.isEmpty() ? result
                    : new CacheMergingIterator<Bytes>(this, pending, result, key -> key, forward);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Copies the uncommitted entries in range (deletes with null values) in iteration order, so that an iterator reads
     * the batch as it was at its creation whatever the task writes afterwards.
     */
    private List<KeyValue<Bytes, byte[]>> uncommittedEntries(Bytes from, Bytes to, boolean toInclusive,
            boolean forward) {
        if (sortedUncommitted == null) {
            sortedUncommitted = new TreeMap<>(uncommitted);
            rangeReadsSeen = true;
        }
        return sortedInRange(sortedUncommitted, from, to, toInclusive, forward);
    }

    /** @return the entries of {@code sorted} in range, in iteration order, deletes as null values */
    private static List<KeyValue<Bytes, byte[]>> sortedInRange(TreeMap<Bytes, byte[]> sorted, Bytes from, Bytes to,
            boolean toInclusive, boolean forward) {
        java.util.NavigableMap<Bytes, byte[]> range;
        if (from == null && to == null) {
            range = sorted;
        } else if (from == null) {
            range = sorted.headMap(to, toInclusive);
        } else if (to == null) {
            range = sorted.tailMap(from, true);
        } else if (from.compareTo(to) > 0) {
            return List.of();
        } else {
            range = sorted.subMap(from, true, to, toInclusive);
        }
        List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>(range.size());
        for (Map.Entry<Bytes, byte[]> e : forward ? range.entrySet() : range.descendingMap().entrySet()) {
            entries.add(KeyValue.pair(e.getKey(), e.getValue() == DELETED ? null : e.getValue()));
        }
        return entries;
    }

    @Override
    public long approximateNumEntries() {
        lock.readLock().lock();
        try {
            checkOpen();
            long committed = db.getLongProperty(dataFamily, "rocksdb.estimate-num-keys");
            // uncommitted puts are counted once per write: an estimate, like RocksDB's own
            DeferredCommits deferredWrites = deferred;
            long held = deferredWrites == null ? 0 : deferredWrites.entries();
            return exactlyOnce && Thread.currentThread() == owner ? committed + held + uncommitted.size()
                    : committed + held;
        } catch (RocksDBException e) {
            throw new ProcessorStateException("Cannot read the entry estimate of store '" + name + "'", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void flush() {
        lock.readLock().lock();
        try {
            checkOpen();
            if (exactlyOnce) {
                return; // uncommitted writes stay in the batch; commit() makes them durable
            }
            db.flushWal(syncOnFlush);
        } catch (RocksDBException e) {
            throw new ProcessorStateException("Cannot flush the write-ahead log of store '" + name + "' in "
                    + directory.getAbsolutePath() + ": " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        writeOutDeferred(); // before the write lock: a write-out in progress holds the read lock
        lock.writeLock().lock();
        try {
            if (!open) {
                return;
            }
            open = false;
            if (exactlyOnce && uncommitted != null && !uncommitted.isEmpty()) {
                LOG.debug("Store '{}' closed with {} uncommitted writes; they are dropped", name, uncommitted.size());
            }
            if (!openIterators.isEmpty()) {
                LOG.warn("Store '{}' is closing with {} iterator(s) still open; closing them. Iterators must be closed "
                        + "by their user, best with try-with-resources", name, openIterators.size());
                for (RocksDBRangeIterator iterator : new ArrayList<>(openIterators)) {
                    iterator.close();
                }
            }
            closeNativeObjects();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Writes the committed data held back, so that a clean close keeps it; on failure it is left to restore from the
     * changelog, as after a crash.
     */
    private void writeOutDeferred() {
        DeferredCommits held = deferred;
        if (held == null || !open) {
            return;
        }
        try {
            held.writeAllNow();
        } catch (RuntimeException e) {
            LOG.warn("Store '{}' could not write its last committed data before closing; restore will replay it from"
                    + " the changelog: {}", name, e.toString());
        }
    }

    private void closeNativeObjects() {
        try {
            if (dataFamily != null) {
                registry.release(dataFamily);
                registry.release(metadataFamily);
            }
            if (db != null) {
                registry.release(db);
            }
            if (configSetter != null && options != null) {
                configSetter.close(name, options);
            }
        } finally {
            db = null;
            dataFamily = null;
            metadataFamily = null;
            uncommitted = null;
            deferred = null;
            committedOffset = NO_OFFSET;
            writtenOffset = NO_OFFSET;
            configSetter = null;
            registry.closeAll();
        }
    }

    void iteratorClosed(RocksDBRangeIterator iterator, ReadOptions readOptions, RocksIterator rocksIterator) {
        lock.readLock().lock();
        try {
            openIterators.remove(iterator);
            registry.release(rocksIterator);
            registry.release(readOptions);
        } finally {
            lock.readLock().unlock();
        }
    }

    ReentrantReadWriteLock.ReadLock readLock() {
        return lock.readLock();
    }

    private void checkOpen() {
        if (!open) {
            throw new InvalidStateStoreException("Store '" + name + "' is not open");
        }
    }

    private ProcessorStateException failure(String operation, Bytes key, RocksDBException e) {
        return new ProcessorStateException("RocksDB " + operation + " failed for key " + key + " in store '" + name
                + "' in " + directory.getAbsolutePath() + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "RocksDBStore{name=" + name + ", directory=" + directory + ", open=" + open + "}";
    }
}

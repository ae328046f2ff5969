package io.eddy.log.internal;

import io.eddy.log.CleanupPolicy;
import io.eddy.log.ConsumerConfig;
import io.eddy.log.InvalidRecordException;
import io.eddy.log.InvalidTopicException;
import io.eddy.log.IsolationLevel;
import io.eddy.log.LogClosedException;
import io.eddy.log.LogConsumer;
import io.eddy.log.LogException;
import io.eddy.log.LogProducer;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.ProducerConfig;
import io.eddy.log.ProducerRecord;
import io.eddy.log.ReadOnlyLogException;
import io.eddy.log.RecordTooLargeException;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicDescription;
import io.eddy.log.TopicExistsException;
import io.eddy.log.TopicPartition;
import io.eddy.log.TransactionalProducer;
import io.eddy.log.UnexpectedFileException;
import io.eddy.log.UnknownTopicException;
import io.eddy.log.UnsupportedFormatVersionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LogStore} implementation. Directory layout:
 * <pre>
 * &lt;dir&gt;/.lock                         writer lock
 * &lt;dir&gt;/eddy-log.properties          format.version=1
 * &lt;dir&gt;/topics/&lt;topic&gt;/topic.properties
 * &lt;dir&gt;/topics/&lt;topic&gt;/&lt;partition&gt;/&lt;20-digit base offset&gt;.log | .index | .timeindex
 * &lt;dir&gt;/staging/                      topics being created (moved into topics/ when complete)
 * &lt;dir&gt;/deleted/                      topics being deleted (emptied on open)
 * </pre>
 */
public final class DefaultLogStore implements LogStore {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultLogStore.class);
    static final String MARKER_FILE = "eddy-log.properties";
    private static final String TOPICS = "topics";
    private static final String STAGING = "staging";
    private static final String DELETED = "deleted";
    private static final Set<String> ROOT_ENTRIES = Set.of(DirectoryLock.FILE_NAME, MARKER_FILE, MARKER_FILE + ".tmp",
            TOPICS, STAGING, DELETED);
    private static final ThreadLocal<ScanBuffer> SCRATCH = ThreadLocal.withInitial(() -> new ScanBuffer(1 << 20));

    private final Path dir;
    private final LogStoreOptions options;
    private final boolean readOnly;
    private final DirectoryLock lock;
    private final Map<String, TopicLog> topics = new ConcurrentHashMap<>();
    private final Object topicsLock = new Object();
    private final AppendSignal signal = new AppendSignal();
    private final LogCompactor compactor;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final List<String> recoveryReports = new ArrayList<>();
    private GroupOffsetStore groupOffsets;
    private TransactionCoordinator transactions;
    private ScheduledExecutorService maintenance;
    private volatile boolean closed;

    private DefaultLogStore(Path dir, LogStoreOptions options, boolean readOnly, DirectoryLock lock) {
        this.dir = dir;
        this.options = options;
        this.readOnly = readOnly;
        this.lock = lock;
        this.compactor = new LogCompactor(options.compactionMapEntries());
    }

    public static DefaultLogStore open(Path dir, LogStoreOptions options, boolean readOnly) {
        Path abs = dir.toAbsolutePath().normalize();
        DirectoryLock lock = null;
        if (!readOnly) {
            try {
                Files.createDirectories(abs);
            } catch (IOException e) {
                throw new LogException("cannot create log directory " + abs, e);
            }
            lock = DirectoryLock.acquire(abs);
        } else if (!Files.isRegularFile(abs.resolve(MARKER_FILE))) {
            throw new LogException("no Eddy log in " + abs + " (" + MARKER_FILE + " is missing)");
        }
        DefaultLogStore store = new DefaultLogStore(abs, options, readOnly, lock);
        try {
            store.load();
        } catch (RuntimeException e) {
            store.closeQuietly();
            throw e;
        }
        return store;
    }

    private void load() {
        try {
            checkMarker();
            checkRootEntries();
            if (!readOnly) {
                Files.createDirectories(dir.resolve(TOPICS));
                purge(dir.resolve(STAGING));
                purge(dir.resolve(DELETED));
            }
            Path topicsDir = dir.resolve(TOPICS);
            if (Files.isDirectory(topicsDir)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(topicsDir)) {
                    for (Path t : ds) {
                        loadTopic(t);
                    }
                }
            }
            if (!readOnly) {
                createTopicIfAbsent(CONSUMER_OFFSETS_TOPIC, 1, TopicConfig.builder()
                        .cleanupPolicy(CleanupPolicy.COMPACT).segmentBytes(16 * 1024 * 1024).build());
            }
            if (!readOnly) {
                transactions = new TransactionCoordinator(this::allPartitions, options.clock());
                TopicLog state = topics.get(TRANSACTION_STATE_TOPIC);
                if (state != null) {
                    transactions.attach(state.partition(0));
                }
                recoveryReports.addAll(transactions.recover());
            }
            TopicLog offsets = topics.get(CONSUMER_OFFSETS_TOPIC);
            if (offsets != null) {
                groupOffsets = new GroupOffsetStore(offsets.partition(0));
                groupOffsets.catchUp();
            }
            if (!readOnly && options.backgroundMaintenance()) {
                startMaintenance();
            }
        } catch (IOException e) {
            throw new LogException("cannot open log directory " + dir, e);
        }
    }

    private void checkMarker() throws IOException {
        Path marker = dir.resolve(MARKER_FILE);
        if (!Files.exists(marker)) {
            if (readOnly) {
                throw new LogException("no Eddy log in " + dir);
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.anyMatch(p -> !p.getFileName().toString().equals(DirectoryLock.FILE_NAME))) {
                    throw new UnexpectedFileException("directory " + dir + " is not empty and holds no Eddy log ("
                            + MARKER_FILE + " is missing); refusing to write into it");
                }
            }
            Path tmp = dir.resolve(MARKER_FILE + ".tmp");
            Files.writeString(tmp, "format.version=" + LogFileFormat.VERSION + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE);
            SegmentSwap.fsyncDirectory(dir);
            return;
        }
        String content = Files.readString(marker, StandardCharsets.UTF_8).trim();
        if (!content.equals("format.version=" + LogFileFormat.VERSION)) {
            throw new UnsupportedFormatVersionException("log directory marker " + marker + " says '" + content
                    + "'; this Eddy reads format.version=" + LogFileFormat.VERSION);
        }
    }

    private void checkRootEntries() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (!ROOT_ENTRIES.contains(p.getFileName().toString())) {
                    throw new UnexpectedFileException("unexpected entry " + p + " in log directory " + dir
                            + "; the log only keeps " + ROOT_ENTRIES + " there. Move it away and reopen");
                }
            }
        }
    }

    private TopicLog loadTopic(Path topicDir) {
        String name = topicDir.getFileName().toString();
        try {
            TopicNames.validate(name);
        } catch (InvalidTopicException e) {
            throw new UnexpectedFileException("unexpected entry " + topicDir + " in the topics directory: " + e.getMessage());
        }
        if (!Files.isRegularFile(topicDir.resolve(TopicMetadataFile.FILE_NAME))) {
            throw new UnexpectedFileException("directory " + topicDir + " holds no " + TopicMetadataFile.FILE_NAME
                    + "; it is not a topic of this log. Move it away and reopen");
        }
        TopicMetadataFile.Contents meta = TopicMetadataFile.read(topicDir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(topicDir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.equals(TopicMetadataFile.FILE_NAME) || (n.equals(TopicMetadataFile.FILE_NAME + ".tmp") && !readOnly)) {
                    continue;
                }
                int part = parsePartition(n);
                if (part < 0 || part >= meta.partitions() || !Files.isDirectory(p)) {
                    throw new UnexpectedFileException("unexpected entry " + p + " in topic directory " + topicDir
                            + " (the topic has partitions 0.." + (meta.partitions() - 1) + ")");
                }
            }
        } catch (IOException e) {
            throw new LogException("cannot list topic directory " + topicDir, e);
        }
        PartitionLog[] parts = new PartitionLog[meta.partitions()];
        try {
            for (int i = 0; i < parts.length; i++) {
                parts[i] = PartitionLog.open(new TopicPartition(name, i), topicDir.resolve(Integer.toString(i)),
                        meta.config(), options.channels(), options.clock(), !readOnly, signal);
            }
        } catch (RuntimeException e) {
            for (PartitionLog p : parts) {
                if (p != null) {
                    p.close();
                }
            }
            throw e;
        }
        TopicLog topic = new TopicLog(name, topicDir, meta.config(), parts);
        topics.put(name, topic);
        return topic;
    }

    private static int parsePartition(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9' || (i == 0 && s.charAt(i) == '0' && s.length() > 1)) {
                return -1;
            }
        }
        return Integer.parseInt(s);
    }

    private void startMaintenance() {
        maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eddy-log-maintenance");
            t.setDaemon(true);
            return t;
        });
        long flushMs = options.flushCheckInterval().toMillis();
        maintenance.scheduleWithFixedDelay(() -> guarded(() -> flushDue(options.clock().millis())),
                flushMs, flushMs, TimeUnit.MILLISECONDS);
        long cleanMs = options.cleanupInterval().toMillis();
        maintenance.scheduleWithFixedDelay(() -> guarded(() -> cleanup(options.clock().millis(), false)),
                cleanMs, cleanMs, TimeUnit.MILLISECONDS);
    }

    private void guarded(Runnable r) {
        try {
            if (!closed) {
                r.run();
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("log maintenance in {} failed", dir, e);
            }
        }
    }

    private void flushDue(long now) {
        for (TopicLog t : topics.values()) {
            for (PartitionLog p : t.partitions()) {
                p.flushIfDue(now);
            }
        }
    }

    private long cleanup(long now, boolean forceCompaction) {
        long done = 0;
        for (TopicLog t : topics.values()) {
            for (PartitionLog p : t.partitions()) {
                if (closed) {
                    return done;
                }
                done += p.applyRetention(now);
                done += compactor.maybeClean(p, now, forceCompaction);
            }
        }
        return done;
    }

    /** For tests: the transaction coordinator of a writable log, to inject simulated crashes. */
    public TransactionCoordinator transactionCoordinator() {
        return transactions;
    }

    /** For tests: the compactor, to inject simulated crashes. */
    public LogCompactor compactor() {
        return compactor;
    }

    /** @return what recovery cut from each partition on open, and the transactions it completed */
    public List<String> recoveryReports() {
        List<String> out = new ArrayList<>(recoveryReports);
        for (TopicLog t : topics.values()) {
            for (PartitionLog p : t.partitions()) {
                if (p.recoveryReport() != null) {
                    out.add(p.recoveryReport());
                }
            }
        }
        return out;
    }

    @Override
    public Path directory() {
        return dir;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogClosedException("log store " + dir + " is closed");
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (readOnly) {
            throw new ReadOnlyLogException("log " + dir + " is open read-only");
        }
    }

    @Override
    public void createTopic(String name, int partitions, TopicConfig config) {
        if (!createTopicIfAbsent(name, partitions, config)) {
            throw new TopicExistsException("topic '" + name + "' already exists in " + dir);
        }
    }

    @Override
    public boolean createTopicIfAbsent(String name, int partitions, TopicConfig config) {
        TopicNames.validate(name);
        if (partitions < 1) {
            throw new InvalidTopicException("topic '" + name + "' needs at least one partition, asked for " + partitions);
        }
        java.util.Objects.requireNonNull(config, "topic config");
        ensureWritable();
        synchronized (topicsLock) {
            if (topics.containsKey(name)) {
                return false;
            }
            Path staging = dir.resolve(STAGING).resolve(name);
            Path target = dir.resolve(TOPICS).resolve(name);
            try {
                purge(staging);
                Files.createDirectories(staging);
                TopicMetadataFile.write(staging, partitions, config);
                for (int i = 0; i < partitions; i++) {
                    Files.createDirectories(staging.resolve(Integer.toString(i)));
                }
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                SegmentSwap.fsyncDirectory(target.getParent());
            } catch (IOException e) {
                throw new LogException("cannot create topic '" + name + "' in " + dir, e);
            }
            loadTopic(target);
            LOG.debug("created topic {} with {} partition(s), {}", name, partitions, config);
            return true;
        }
    }

    @Override
    public void deleteTopic(String name) {
        ensureWritable();
        if (CONSUMER_OFFSETS_TOPIC.equals(name) || TRANSACTION_STATE_TOPIC.equals(name)) {
            throw new InvalidTopicException("the internal topic " + name + " cannot be deleted");
        }
        synchronized (topicsLock) {
            TopicLog t = topics.remove(name);
            if (t == null) {
                throw new UnknownTopicException("topic '" + name + "' does not exist in " + dir);
            }
            t.markDeleted();
            for (PartitionLog p : t.partitions()) {
                compactor.forget(p);
            }
            t.close();
            Path trash = dir.resolve(DELETED).resolve(name + "-" + System.nanoTime());
            try {
                Files.createDirectories(trash.getParent());
                Files.move(t.dir(), trash, StandardCopyOption.ATOMIC_MOVE);
                purge(trash);
            } catch (IOException e) {
                throw new LogException("cannot delete topic '" + name + "' in " + dir, e);
            }
        }
    }

    private static void purge(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path f : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        }
        if (p.getFileName().toString().equals(STAGING) || p.getFileName().toString().equals(DELETED)) {
            Files.createDirectories(p);
        }
    }

    private void refreshTopicsIfReadOnly() {
        if (!readOnly) {
            return;
        }
        synchronized (topicsLock) {
            Path topicsDir = dir.resolve(TOPICS);
            Set<String> present = new TreeSet<>();
            if (Files.isDirectory(topicsDir)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(topicsDir)) {
                    for (Path t : ds) {
                        String name = t.getFileName().toString();
                        present.add(name);
                        if (!topics.containsKey(name) && Files.exists(t.resolve(TopicMetadataFile.FILE_NAME))) {
                            loadTopic(t);
                        }
                    }
                } catch (IOException e) {
                    throw new LogException("cannot list topics of " + dir, e);
                }
            }
            topics.keySet().removeIf(name -> {
                if (!present.contains(name)) {
                    topics.get(name).close();
                    return true;
                }
                return false;
            });
        }
    }

    TopicLog topic(String name) {
        ensureOpen();
        TopicLog t = topics.get(name);
        if (t == null) {
            refreshTopicsIfReadOnly();
            t = topics.get(name);
            if (t == null) {
                throw new UnknownTopicException("topic '" + name + "' does not exist in " + dir);
            }
        }
        return t;
    }

    PartitionLog partition(TopicPartition tp) {
        PartitionLog p = topic(tp.topic()).partition(tp);
        if (readOnly) {
            p.refresh();
        }
        return p;
    }

    AppendSignal signal() {
        return signal;
    }

    LogStoreOptions options() {
        return options;
    }

    @Override
    public Set<String> listTopics() {
        ensureOpen();
        refreshTopicsIfReadOnly();
        return Set.copyOf(topics.keySet());
    }

    @Override
    public boolean topicExists(String name) {
        ensureOpen();
        if (!topics.containsKey(name)) {
            refreshTopicsIfReadOnly();
        }
        return topics.containsKey(name);
    }

    @Override
    public TopicDescription describeTopic(String name) {
        TopicLog t = topic(name);
        List<TopicDescription.PartitionInfo> infos = new ArrayList<>();
        for (PartitionLog p : t.partitions()) {
            if (readOnly) {
                p.refresh();
            }
            infos.add(new TopicDescription.PartitionInfo(p.topicPartition().partition(), p.startOffset(),
                    p.endOffset(), p.segmentCount(), p.sizeInBytes()));
        }
        return new TopicDescription(name, t.config(), List.copyOf(infos), name.startsWith("__"));
    }

    @Override
    public int partitionCount(String topic) {
        return topic(topic).partitionCount();
    }

    /** Checks one record against its topic's rules; throws before anything is appended. */
    static void validateRecord(TopicPartition tp, TopicConfig config, byte[] key, byte[] value, io.eddy.log.Headers h) {
        int size = RecordBatchBuilder.recordSize(key, value, h);
        if (size > config.maxMessageBytes()) {
            throw new RecordTooLargeException("record of " + size + " bytes for " + tp + " exceeds the topic's "
                    + TopicConfig.MAX_MESSAGE_BYTES + " of " + config.maxMessageBytes());
        }
        if (key == null && config.compacted()) {
            throw new InvalidRecordException("compacted topic " + tp.topic() + " only accepts records with a key");
        }
    }

    @Override
    public long append(TopicPartition tp, List<ProducerRecord> records) {
        ensureWritable();
        if (records.isEmpty()) {
            throw new IllegalArgumentException("nothing to append to " + tp);
        }
        PartitionLog p = partition(tp);
        TopicConfig config = p.config();
        int estimate = 0;
        for (ProducerRecord r : records) {
            validateRecord(tp, config, r.key(), r.value(), r.headers());
            estimate += RecordBatchBuilder.recordSize(r.key(), r.value(), r.headers());
        }
        RecordBatchBuilder b = new RecordBatchBuilder(RecordBatchLayout.HEADER_SIZE + estimate);
        long now = options.clock().millis();
        for (ProducerRecord r : records) {
            b.append(r.timestamp() < 0 ? now : r.timestamp(), r.key(), r.value(), r.headers());
        }
        return p.append(b);
    }

    /** Appends a batch built by a producer. */
    long append(TopicPartition tp, RecordBatchBuilder batch) {
        ensureWritable();
        return partition(tp).append(batch);
    }

    @Override
    public List<LogRecord> read(TopicPartition tp, long offset, int maxRecords) {
        return read(tp, offset, maxRecords, IsolationLevel.READ_UNCOMMITTED);
    }

    @Override
    public List<LogRecord> read(TopicPartition tp, long offset, int maxRecords, IsolationLevel isolation) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1 when reading " + tp + ", was "
                    + maxRecords);
        }
        PartitionLog p = partition(tp);
        boolean committed = isolation == IsolationLevel.READ_COMMITTED;
        long limit = committed ? p.lastStableOffset() : Long.MAX_VALUE;
        List<LogRecord> out = new ArrayList<>();
        // skipped batches (markers, aborted transactions) return nothing: read on until a record or the end
        long next = offset;
        while (out.isEmpty()) {
            long after = p.read(next, 1 << 20, maxRecords, limit, committed, SCRATCH.get(), out);
            if (after <= next) {
                break;
            }
            next = after;
        }
        return out;
    }

    @Override
    public long lastStableOffset(TopicPartition tp) {
        return partition(tp).lastStableOffset();
    }

    @Override
    public TransactionalProducer transactionalProducer(String transactionalId, ProducerConfig config) {
        ensureWritable();
        if (transactionalId == null || transactionalId.isEmpty()) {
            throw new IllegalArgumentException("transactional id must not be empty");
        }
        java.util.Objects.requireNonNull(config, "producer config");
        if (!transactions.attached()) {
            createTopicIfAbsent(TRANSACTION_STATE_TOPIC, 1, TopicConfig.builder()
                    .cleanupPolicy(CleanupPolicy.COMPACT).segmentBytes(16 * 1024 * 1024).build());
            transactions.attach(topics.get(TRANSACTION_STATE_TOPIC).partition(0));
        }
        TransactionCoordinator.Entry entry = transactions.initProducer(transactionalId);
        DefaultTransactionalProducer p = new DefaultTransactionalProducer(this, transactions, entry, config);
        synchronized (clients) {
            clients.add(p);
        }
        return p;
    }

    /** @return every partition of every topic */
    private Iterable<PartitionLog> allPartitions() {
        List<PartitionLog> all = new ArrayList<>();
        for (TopicLog t : topics.values()) {
            all.addAll(List.of(t.partitions()));
        }
        return all;
    }

    @Override
    public long startOffset(TopicPartition tp) {
        return partition(tp).startOffset();
    }

    @Override
    public long endOffset(TopicPartition tp) {
        return partition(tp).endOffset();
    }

    @Override
    public OptionalLong offsetForTimestamp(TopicPartition tp, long timestamp) {
        return partition(tp).offsetForTimestamp(timestamp, SCRATCH.get());
    }

    @Override
    public void commitOffsets(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
        ensureWritable();
        validateGroup(groupId);
        for (TopicPartition tp : offsets.keySet()) {
            topic(tp.topic()).partition(tp);
        }
        flush();
        groupOffsets.commit(groupId, offsets, options.clock().millis());
        topics.get(CONSUMER_OFFSETS_TOPIC).partition(0).flush();
    }

    private static void validateGroup(String groupId) {
        if (groupId == null || groupId.isEmpty()) {
            throw new IllegalArgumentException("consumer group id must not be empty");
        }
    }

    /** @return the consumer-offsets store of a writable log */
    GroupOffsetStore groupOffsetStore() {
        return groupOffsets;
    }

    private GroupOffsetStore groupOffsets() {
        ensureOpen();
        if (groupOffsets == null) {
            refreshTopicsIfReadOnly();
            TopicLog t = topics.get(CONSUMER_OFFSETS_TOPIC);
            if (t == null) {
                return null;
            }
            groupOffsets = new GroupOffsetStore(t.partition(0));
        }
        if (readOnly) {
            groupOffsets.catchUp();
        }
        return groupOffsets;
    }

    @Override
    public Optional<OffsetAndMetadata> committedOffset(String groupId, TopicPartition tp) {
        GroupOffsetStore g = groupOffsets();
        return g == null ? Optional.empty() : Optional.ofNullable(g.offsets(groupId).get(tp));
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> committedOffsets(String groupId) {
        GroupOffsetStore g = groupOffsets();
        return g == null ? Map.of() : g.offsets(groupId);
    }

    @Override
    public Set<String> listGroups() {
        GroupOffsetStore g = groupOffsets();
        return g == null ? Set.of() : g.groups();
    }

    @Override
    public void deleteGroupOffsets(String groupId) {
        ensureWritable();
        groupOffsets.delete(groupId, options.clock().millis());
        topics.get(CONSUMER_OFFSETS_TOPIC).partition(0).flush();
    }

    @Override
    public LogProducer producer(ProducerConfig config) {
        ensureWritable();
        DefaultLogProducer p = new DefaultLogProducer(this, config);
        synchronized (clients) {
            clients.add(p);
        }
        return p;
    }

    @Override
    public LogConsumer consumer(ConsumerConfig config) {
        ensureOpen();
        return new DefaultLogConsumer(this, config);
    }

    @Override
    public void flush() {
        ensureOpen();
        LogException failed = null;
        for (TopicLog t : topics.values()) {
            for (PartitionLog p : t.partitions()) {
                try {
                    p.flush();
                } catch (LogException e) {
                    // sync the healthy partitions anyway; the flush as a whole still fails
                    if (failed == null) {
                        failed = e;
                    } else {
                        failed.addSuppressed(e);
                    }
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public long runMaintenance() {
        ensureWritable();
        long now = options.clock().millis();
        flushDue(now);
        return cleanup(now, false);
    }

    /** Compacts every compacted partition now, whatever its dirty ratio. */
    public long compactNow() {
        ensureWritable();
        return cleanup(options.clock().millis(), true);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        List<AutoCloseable> toClose;
        synchronized (clients) {
            toClose = new ArrayList<>(clients);
            clients.clear();
        }
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing a producer of {} failed", dir, e);
            }
        }
        closed = true;
        closeQuietly();
    }

    private void closeQuietly() {
        closed = true;
        if (maintenance != null) {
            maintenance.shutdown(); // not shutdownNow: an interrupt would close file channels mid-I/O
            try {
                maintenance.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (TopicLog t : topics.values()) {
            try {
                t.close();
            } catch (RuntimeException e) {
                LOG.warn("closing topic {} failed", t.name(), e);
            }
        }
        topics.clear();
        if (lock != null) {
            lock.close();
        }
    }

    void removeClient(AutoCloseable client) {
        synchronized (clients) {
            clients.remove(client);
        }
    }

    boolean isClosed() {
        return closed;
    }
}

package io.eddy.streams.internal;

import io.eddy.log.LogConsumer;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.TopicPartition;
import io.eddy.state.RocksDBMemoryBudget;
import io.eddy.state.StateRestoreListener;
import io.eddy.state.StateStore;
import io.eddy.state.StoreBuilder;
import io.eddy.state.ThreadCache;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.errors.StreamsException;
import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.processor.TaskId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@code EddyStreams}: resolves topics and partition counts, creates internal topics, builds the
 * tasks and spreads them over stream threads, and performs the app-wide commit cut. One instance per start.
 */
public final class StreamRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRuntime.class);

    private final InternalTopologyBuilder topology;
    private final StreamsConfig config;
    private final LogBackend backend;
    private final Clock clock;
    private final RepartitionExchange exchange = new RepartitionExchange();
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private final List<StreamThread> threads = new ArrayList<>();
    private final List<StreamTask> allTasks = new ArrayList<>();
    private final List<GlobalStoreUpdater> globalUpdaters = new ArrayList<>();
    private final Map<String, StateStore> globalStores = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sourceOffsetReset = new HashMap<>();
    private final RocksDBMemoryBudget memoryBudget;
    private final CommitCoordinator coordinator;
    private final long commitIntervalMs;
    private final Consumer<Thread> onRunning;
    private final BiConsumer<Thread, Throwable> onExit;
    private final StateRestoreListener restoreListener;
    private TransactionalWriter transaction;
    /**
     * Input positions of the last completed cut, stores included: what queryable state reflects. Seeded at
     * {@link #prepare()} with the offsets earlier runs committed, which restored stores reflect.
     */
    private volatile Map<TopicPartition, Long> committedPositions = Map.of();
    private Set<TopicPartition> inputPartitions = Set.of();
    private volatile long lastCommitMs;
    private volatile long commits;

    public StreamRuntime(InternalTopologyBuilder topology, StreamsConfig config, LogBackend backend, Clock clock,
                         StateRestoreListener restoreListener, Consumer<Thread> onRunning,
                         BiConsumer<Thread, Throwable> onExit) {
        this.topology = topology;
        this.config = config;
        this.backend = backend;
        this.clock = clock;
        this.restoreListener = restoreListener == null ? StateRestoreListener.NO_OP : restoreListener;
        this.onRunning = onRunning;
        this.onExit = onExit;
        this.commitIntervalMs = config.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        this.memoryBudget = RocksDBMemoryBudget.fromConfig(config.values());
        int n = config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
        this.coordinator = new CommitCoordinator(n, this, this::wakeAll);
    }

    public String applicationId() {
        return config.applicationId();
    }

    LogBackend backend() {
        return backend;
    }

    boolean readCommitted() {
        return config.exactlyOnce();
    }

    /** @return how far a task can read {@code tp}: the log end, or under exactly-once the last stable offset */
    long inputEnd(TopicPartition tp) {
        return readCommitted() ? backend.lastStableOffset(tp) : backend.endOffset(tp);
    }

    CommitCoordinator coordinator() {
        return coordinator;
    }

    StateRestoreListener restoreListener() {
        return restoreListener;
    }

    /** Resolves topics and creates tasks; no thread runs yet. */
    public List<StreamTask> prepare() {
        topology.validate();
        String appId = config.applicationId();
        TopologyNamesCheck.verifyAndRecord(backend, appId, topology);
        boolean throughLog = config.getBoolean(StreamsConfig.REPARTITION_THROUGH_LOG_CONFIG);
        List<InternalTopologyBuilder.Subtopology> subs = topology.subtopologies();
        int defaultPartitions = config.getInt(StreamsConfig.DEFAULT_PARTITIONS_CONFIG);
        // external source topics: create if missing
        for (InternalTopologyBuilder.Subtopology s : subs) {
            for (String t : s.sourceTopics()) {
                if (!topology.isInternalTopic(t)) {
                    OptionalInt n = backend.partitionCount(t);
                    int count = n.isPresent() ? n.getAsInt()
                            : backend.createTopicIfAbsent(t, defaultPartitions, Map.of());
                    partitionCounts.put(t, count);
                }
            }
        }
        for (InternalTopologyBuilder.GlobalStoreDefinition g : topology.globalStores()) {
            OptionalInt n = backend.partitionCount(g.topic());
            partitionCounts.put(g.topic(), n.isPresent() ? n.getAsInt()
                    : backend.createTopicIfAbsent(g.topic(), defaultPartitions, Map.of()));
        }
        // internal topics: explicit count, the largest count of the topics they follow, or the largest source
        // partition count of the subtopology writing them; repeated until nothing changes, since a count may depend
        // on another internal topic's (also across a cycle of subtopologies, when one of its topics follows others)
        boolean changed = true;
        while (changed) {
            changed = false;
            for (InternalTopologyBuilder.InternalTopic it : topology.internalTopics().values()) {
                String real = appId + "-" + it.name();
                if (partitionCounts.containsKey(real)) {
                    continue;
                }
                int count = it.partitions();
                if (count < 1 && !it.partitionsLike().isEmpty()) {
                    count = maxPartitions(it.partitionsLike(), appId);
                } else if (count < 1) {
                    for (InternalTopologyBuilder.Subtopology s : subs) {
                        if (s.sinkTopics().contains(it.name())) {
                            int max = maxSourcePartitions(s, appId);
                            if (max > 0) {
                                count = Math.max(count, max);
                            }
                        }
                    }
                }
                if (count >= 1) {
                    partitionCounts.put(real, count);
                    changed = true;
                }
            }
        }
        for (InternalTopologyBuilder.InternalTopic it : topology.internalTopics().values()) {
            String real = appId + "-" + it.name();
            Integer count = partitionCounts.get(real);
            if (count == null) {
                throw new TopologyException("cannot determine the partition count of internal topic " + real
                        + (it.partitionsLike().isEmpty() ? ""
                        : ": it follows topics " + it.partitionsLike() + ", which must be read by the topology"));
            }
            if (it.repartition() && !throughLog) {
                exchange.register(real, count);
            } else {
                Map<String, String> cfg = new LinkedHashMap<>(it.config());
                int actual = backend.createTopicIfAbsent(real, count, cfg);
                partitionCounts.put(real, actual);
            }
        }
        for (Set<String> group : topology.copartitionGroups()) {
            Integer first = null;
            for (String t : group) {
                Integer c = partitionCounts.get(topology.resolveTopic(appId, t));
                if (first == null) {
                    first = c;
                } else if (c != null && !c.equals(first)) {
                    throw new TopologyException("topics " + group + " must be co-partitioned (joined), but their"
                            + " partition counts differ: " + describeCounts(group, appId));
                }
            }
        }
        // tasks
        int threadsCount = config.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
        List<List<StreamTask>> perThread = new ArrayList<>();
        List<RecordCollector> collectors = new ArrayList<>();
        List<ThreadCache> caches = new ArrayList<>();
        long cacheBytes = ThreadCache.perThreadBytes(config.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG),
                threadsCount);
        if (config.exactlyOnce()) {
            // one transaction per commit interval holds every output, changelog record and input offset of the app
            transaction = backend.transactionalWriter(appId);
            transaction.begin();
        }
        RecordCollector.Appender appender = transaction != null ? transaction::append : backend::append;
        for (int i = 0; i < threadsCount; i++) {
            perThread.add(new ArrayList<>());
            collectors.add(new RecordCollector(appender));
            caches.add(new ThreadCache(cacheBytes));
        }
        Path stateRoot = config.stateDir().resolve(appId);
        for (InternalTopologyBuilder.GlobalStoreDefinition g : topology.globalStores()) {
            GlobalStoreUpdater u = new GlobalStoreUpdater(g, backend, config, clock,
                    stateRoot.resolve("global").resolve(g.builder().name()), memoryBudget, partitionCounts.get(g.topic()));
            globalUpdaters.add(u);
            globalStores.put(u.storeName(), u.store());
        }
        for (InternalTopologyBuilder.Subtopology s : subs) {
            int tasks = maxSourcePartitions(s, appId);
            for (String storeName : s.storeNames()) {
                StoreBuilder<?> sb = topology.stores().get(storeName).builder();
                if (sb.loggingEnabled()) {
                    String changelog = appId + "-" + storeName + "-changelog";
                    backend.createTopicIfAbsent(changelog, tasks, sb.changelogTopicConfig());
                    partitionCounts.put(changelog, tasks);
                }
            }
            for (int p = 0; p < tasks; p++) {
                int thread = p % threadsCount;
                TaskId id = new TaskId(s.id(), p);
                StreamTask task = new StreamTask(id, s, topology, config, backend, exchange, collectors.get(thread),
                        clock, stateRoot.resolve(id.toString()), caches.get(thread), memoryBudget, this::partitionCount,
                        globalStores);
                perThread.get(thread).add(task);
                allTasks.add(task);
            }
        }
        CountDownLatch restored = new CountDownLatch(threadsCount);
        long pollMs = config.getLong(StreamsConfig.POLL_MS_CONFIG);
        int buffered = config.getInt(StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG);
        long idleAdvance = config.getLong(StreamsConfig.IDLE_STREAM_TIME_ADVANCE_MS_CONFIG);
        for (int i = 0; i < threadsCount; i++) {
            StreamThread t = new StreamThread(appId + "-StreamThread-" + (i + 1), this, perThread.get(i),
                    collectors.get(i), caches.get(i), clock, pollMs, buffered, restored, idleAdvance);
            threads.add(t);
        }
        wireExchangeWakeups();
        for (String source : topology.nodes().keySet()) {
            if (topology.nodes().get(source) instanceof NodeDefinition.Source s && "LATEST".equals(s.offsetReset)) {
                for (String t : s.topics()) {
                    sourceOffsetReset.computeIfAbsent("LATEST", k -> new java.util.HashSet<>())
                            .add(topology.resolveTopic(appId, t));
                }
            }
        }
        seedCommittedPositions();
        lastCommitMs = clock.millis();
        return allTasks;
    }

    private void seedCommittedPositions() {
        Set<TopicPartition> inputs = new java.util.HashSet<>();
        for (StreamTask t : allTasks) {
            inputs.addAll(t.logPartitions());
        }
        inputPartitions = Set.copyOf(inputs);
        Map<TopicPartition, Long> seeded = new HashMap<>();
        backend.committedOffsets(config.applicationId()).forEach((tp, om) -> {
            if (inputs.contains(tp)) {
                seeded.put(tp, om.offset());
            }
        });
        committedPositions = Map.copyOf(seeded);
    }

    /** @return every log partition this runtime's tasks read (input and through-log repartition topics) */
    public Set<TopicPartition> inputPartitions() {
        return inputPartitions;
    }

    private void wireExchangeWakeups() {
        for (StreamThread t : threads) {
            for (StreamTask task : t.tasks()) {
                for (String topic : repartitionSourcesOf(task)) {
                    RepartitionExchange.ExchangeQueue q = exchange.queue(topic, task.taskId().partition());
                    q.wakeOwner = t::wake;
                    q.owner = t;
                }
            }
        }
    }

    private List<String> repartitionSourcesOf(StreamTask task) {
        List<String> out = new ArrayList<>();
        String appId = config.applicationId();
        for (InternalTopologyBuilder.Subtopology s : topology.subtopologies()) {
            if (s.id() == task.taskId().subtopology()) {
                for (String t : s.sourceTopics()) {
                    String real = topology.resolveTopic(appId, t);
                    if (exchange.handles(real)) {
                        out.add(real);
                    }
                }
            }
        }
        return out;
    }

    private String describeCounts(Set<String> topics, String appId) {
        StringBuilder sb = new StringBuilder();
        for (String t : topics) {
            sb.append(t).append('=').append(partitionCounts.get(topology.resolveTopic(appId, t))).append(' ');
        }
        return sb.toString().trim();
    }

    private int maxSourcePartitions(InternalTopologyBuilder.Subtopology s, String appId) {
        return maxPartitions(s.sourceTopics(), appId);
    }

    /** @return the largest partition count of {@code topics} (unprefixed names), or -1 if one is not known yet */
    private int maxPartitions(Collection<String> topics, String appId) {
        int max = -1;
        for (String t : topics) {
            Integer c = partitionCounts.get(topology.resolveTopic(appId, t));
            if (c == null) {
                return -1;
            }
            max = Math.max(max, c);
        }
        return max;
    }

    int partitionCount(String topic) {
        Integer c = partitionCounts.get(topic);
        if (c != null) {
            return c;
        }
        OptionalInt n = backend.partitionCount(topic);
        if (n.isEmpty()) {
            throw new StreamsException("output topic '" + topic + "' does not exist; create it before writing to it");
        }
        partitionCounts.put(topic, n.getAsInt());
        return n.getAsInt();
    }

    /** Loads every global store from its topic (before any task runs). */
    public void loadGlobalStores() {
        for (GlobalStoreUpdater u : globalUpdaters) {
            u.load();
        }
    }

    /** Loads global stores, starts following their topics, and starts every stream thread. */
    public void start() {
        loadGlobalStores();
        for (GlobalStoreUpdater u : globalUpdaters) {
            u.startFollowing();
        }
        for (StreamThread t : threads) {
            t.start();
        }
    }

    public List<? extends Thread> threads() {
        return threads;
    }

    public List<StreamTask> tasks() {
        return allTasks;
    }

    void onThreadRunning(StreamThread t) {
        if (onRunning != null) {
            onRunning.accept(t);
        }
    }

    void onThreadExit(StreamThread t, Throwable failure) {
        if (onExit != null) {
            onExit.accept(t, failure);
        }
    }

    void applyOffsetResets(LogConsumer consumer, Collection<TopicPartition> partitions) {
        Set<String> latest = sourceOffsetReset.getOrDefault("LATEST", Set.of());
        for (TopicPartition tp : partitions) {
            if (latest.contains(tp.topic()) && consumer.committed(tp).isEmpty()) {
                consumer.seekToEnd(List.of(tp));
            }
        }
    }

    void maybeRequestCommit(long now, List<StreamTask> tasks) {
        boolean due = now - lastCommitMs >= commitIntervalMs;
        if (!due) {
            for (StreamTask t : tasks) {
                if (t.commitRequested()) {
                    due = true;
                    break;
                }
            }
        }
        if (due) {
            coordinator.request();
        }
    }

    /**
     * @return for each input partition with a committed offset, the position of the last commit this runtime
     *     completed, stores included, or, before its first commit of that partition, the offset committed before it
     *     started. A partition's offset counts only once the cut's stores committed too, never as soon as the
     *     offsets reach the log: under exactly-once that comes first.
     */
    public Map<TopicPartition, Long> committedPositions() {
        return committedPositions;
    }

    /** @return the offset after the last record processed from {@code tp} (not necessarily committed), or -1 */
    public long processedPosition(TopicPartition tp) {
        for (StreamTask t : allTasks) {
            if (t.logPartitions().contains(tp)) {
                return t.processedPosition(tp);
            }
        }
        return -1;
    }

    /** Asks for a commit as soon as the threads can (read-your-writes waiters). */
    public void requestCommitSoon() {
        coordinator.request();
    }

    /** Asks every thread to stop after a final commit. */
    public void shutdown() {
        for (StreamThread t : threads) {
            t.shutdown();
        }
    }

    private void wakeAll() {
        for (StreamThread t : threads) {
            t.wake();
        }
    }

    /**
     * The commit cut, run by one thread while all others wait: drain the exchange and flush caches until nothing is
     * in flight, append all buffered output, commit every task's input offsets in one atomic fsynced write, then
     * checkpoint every task's stores.
     */
    /**
     * The whole commit cut on the calling thread, over every task (test driver; with one thread the same steps the
     * coordinator runs).
     */
    void cut() {
        long t0 = System.nanoTime();
        for (int rounds = 0; ; rounds++) {
            drainAndFlush(allTasks);
            if (exchange.inFlight() == 0) {
                break;
            }
            if (rounds > 10_000) {
                throw new StreamsException("commit could not drain the repartition exchange: " + exchange.inFlight()
                        + " record(s) still in flight");
            }
        }
        commitLog();
        commitState(allTasks);
        finishCommit(System.nanoTime() - t0);
    }

    /**
     * Cut step 1, run by each thread on its own tasks (stores and caches belong to their task's thread): process
     * what the exchange handed over, then flush stores — caches emit downstream (possibly into the exchange again),
     * changelog writes go to the collectors. Stores flush in registration order, which follows the topology.
     */
    void drainAndFlush(List<StreamTask> tasks) {
        for (StreamTask t : tasks) {
            while (t.processExchangeOnly(10_000) > 0) {
                // drain everything handed over so far
            }
        }
        for (StreamTask t : tasks) {
            t.flushState();
        }
    }

    /** @return true when no record is in flight between tasks (decided while every thread waits) */
    boolean exchangeIdle() {
        return exchange.inFlight() == 0;
    }

    private Map<TopicPartition, OffsetAndMetadata> cutOffsets = Map.of();

    /**
     * Cut step 2, run by one thread while all wait: append every collector, then commit all input offsets — in one
     * fsynced offsets write (at-least-once), or with the outputs and changelogs in one log transaction (exactly-once).
     */
    void commitLog() {
        for (StreamThread t : threads) {
            t.collector().flush();
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (StreamTask t : allTasks) {
            offsets.putAll(t.committableOffsets());
        }
        if (transaction != null) {
            if (!offsets.isEmpty()) {
                transaction.commitOffsets(config.applicationId(), offsets);
            }
            transaction.commit();
        } else if (!offsets.isEmpty()) {
            backend.commitOffsets(config.applicationId(), offsets);
        } else {
            backend.flush();
        }
        cutOffsets = offsets;
    }

    /**
     * Cut step 3, run by each thread on its own tasks: exactly-once stores commit their pending writes with their
     * changelog offsets; at-least-once stores checkpoint.
     */
    void commitState(List<StreamTask> tasks) {
        for (StreamTask t : tasks) {
            if (transaction != null) {
                t.commitState();
            } else {
                t.checkpoint();
            }
        }
    }

    /** Cut step 4, by one thread: the commit is complete; start the next transaction and publish the positions. */
    void finishCommit(long nanos) {
        if (transaction != null) {
            transaction.begin();
        }
        if (!cutOffsets.isEmpty()) {
            Map<TopicPartition, Long> positions = new HashMap<>(committedPositions);
            cutOffsets.forEach((tp, om) -> positions.put(tp, om.offset()));
            committedPositions = Map.copyOf(positions);
        }
        lastCommitMs = clock.millis();
        commitNanos += nanos;
        commits++;
        logMetricsIfDue(lastCommitMs);
    }

    private volatile long commitNanos;

    /** @return average commit (cut) latency in ms, or 0 before the first commit */
    public double commitLatencyAvgMs() {
        long c = commits;
        return c == 0 ? 0 : commitNanos / 1e6 / c;
    }

    private long lastMetricsLogMs;

    /** Logs per-task progress at debug, at most once a minute (checked at commits). */
    private void logMetricsIfDue(long now) {
        if (!LOG.isDebugEnabled() || now - lastMetricsLogMs < 60_000) {
            return;
        }
        lastMetricsLogMs = now;
        for (StreamTask t : allTasks) {
            LOG.debug("task {}: {} records processed, {} dropped, {} punctuations", t.taskId(),
                    t.metrics().processed(), t.metrics().dropped(), t.metrics().punctuations());
        }
    }

    // ---- synchronous driving, for the test driver: the same tasks and commit cut, on the caller's thread ----

    /** Restores every task's state (instead of {@link #start()}). */
    public void restoreInline() {
        loadGlobalStores();
        for (StreamThread t : threads) {
            t.restoreInline();
        }
    }

    /** Processes everything available, across all tasks, until no task makes progress. */
    public void runInline() {
        for (GlobalStoreUpdater u : globalUpdaters) {
            u.catchUp();
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (StreamThread t : threads) {
                if (t.runInline() > 0) {
                    progress = true;
                }
            }
        }
    }

    /** Fires due wall-clock punctuations of every task, processing what they cause. */
    public void punctuateInline(long now) {
        for (StreamThread t : threads) {
            for (StreamTask task : t.tasks()) {
                task.punctuateWallClock(now);
            }
        }
        runInline();
    }

    /** Performs a commit cut now. */
    public void commitInline() {
        cut();
    }

    /**
     * Processes and commits until nothing is left: a commit may append records the topology itself reads (a
     * repartition through the log), which the next round processes.
     */
    public void runAndCommitUntilIdle() {
        for (int round = 0; round < 1000; round++) {
            runInline();
            cut();
            boolean pending = false;
            for (StreamThread t : threads) {
                pending |= t.hasPendingInline();
            }
            if (!pending) {
                return;
            }
        }
        throw new StreamsException("the topology kept producing input for itself for 1000 commit rounds");
    }

    /** Closes the inline consumers and the tasks. */
    public void closeInline() {
        for (StreamThread t : threads) {
            t.closeInline();
        }
        close();
    }

    public long commits() {
        return commits;
    }

    /** @return the global stores by name */
    public Map<String, StateStore> globalStores() {
        return globalStores;
    }

    /** Closes every task (checkpointing, as after a final commit) and the shared RocksDB memory. */
    public void close() {
        close(true);
    }

    /**
     * Closes every task and the shared RocksDB memory. Call after the threads ended.
     *
     * @param clean true after a final commit (tasks checkpoint), false after a failure (state rolls back on restart)
     */
    public void close(boolean clean) {
        if (transaction != null) {
            try {
                transaction.close(); // aborts what the last, empty or failed, interval left open
            } catch (RuntimeException e) {
                LOG.warn("closing the transactional writer of {} failed", config.applicationId(), e);
            }
        }
        for (GlobalStoreUpdater u : globalUpdaters) {
            try {
                u.close();
            } catch (RuntimeException e) {
                LOG.warn("closing global store {} failed", u.storeName(), e);
            }
        }
        for (StreamTask t : allTasks) {
            try {
                t.close(clean);
            } catch (RuntimeException e) {
                LOG.warn("closing task {} failed", t.taskId(), e);
            }
        }
        memoryBudget.close();
    }
}

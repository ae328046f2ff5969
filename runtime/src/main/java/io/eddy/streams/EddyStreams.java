package io.eddy.streams;

import io.eddy.log.LogStore;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.TopicPartition;
import io.eddy.state.StateRestoreListener;
import io.eddy.state.StateStore;
import io.eddy.state.InvalidStateStoreException;
import io.eddy.streams.errors.StreamsException;
import io.eddy.streams.internal.EmbeddedLogBackend;
import io.eddy.streams.internal.LogBackend;
import io.eddy.streams.internal.MetricsRegistry;
import io.eddy.streams.internal.StreamRuntime;
import io.eddy.streams.internal.StreamTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Topology} on Eddy's embedded log, as Kafka Streams' {@code KafkaStreams} runs one on Kafka: tasks
 * (one per subtopology and input partition) spread over {@code num.stream.threads} threads, state restored from
 * changelogs before processing, commits every {@code commit.interval.ms} as one consistent cut of the whole app.
 *
 * <p><b>Guarantee</b> (at_least_once): after a crash at any moment (SIGKILL), a restart reprocesses input from the
 * last commit; no input record's effect is lost, some may repeat.
 *
 * <p><b>Thread safety:</b> all public methods may be called from any thread; {@link #store} views may be read while
 * processing continues and see committed state.
 */
public class EddyStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EddyStreams.class);

    /** The lifecycle states, as in Kafka Streams. */
    public enum State {
        CREATED, REBALANCING, RUNNING, PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR;

        /** @return true while starting (restoring) or running */
        public boolean isRunningOrRebalancing() {
            return this == RUNNING || this == REBALANCING;
        }
    }

    /** Observes state changes; called on the thread causing the change, so keep it short. */
    @FunctionalInterface
    public interface StateListener {
        /**
         * @param newState the new state
         * @param oldState the previous state
         */
        void onChange(State newState, State oldState);
    }

    private final Topology topology;
    private final StreamsConfig config;
    private final Clock clock;
    private final LogStore sharedLog;
    private final Object stateLock = new Object();
    private final Object commitMonitor = new Object();
    private State state = State.CREATED;
    private StateListener stateListener;
    private StreamsUncaughtExceptionHandler exceptionHandler;
    private StateRestoreListener restoreListener;
    private LogBackend backend;
    private volatile StreamRuntime runtime;
    private MetricsRegistry metrics;
    private int runningThreads;
    private volatile boolean closing;

    /**
     * @param topology the topology
     * @param props the configuration
     * @throws io.eddy.streams.errors.ConfigException for an invalid configuration
     */
    public EddyStreams(Topology topology, Properties props) {
        this(topology, new StreamsConfig(props), Clock.systemUTC());
    }

    /**
     * @param topology the topology
     * @param config the configuration
     */
    public EddyStreams(Topology topology, StreamsConfig config) {
        this(topology, config, Clock.systemUTC());
    }

    /**
     * @param topology the topology
     * @param config the configuration
     * @param clock the wall clock (wall-clock punctuations, commit interval, idle time)
     */
    public EddyStreams(Topology topology, StreamsConfig config, Clock clock) {
        this(topology, config, clock, null);
    }

    /**
     * Runs on a log this process already has open for writing (for example to append input while the app runs),
     * instead of opening {@code data.dir/log} itself. The app does not close that log.
     *
     * @param topology the topology
     * @param config the configuration ({@code log.dir}/{@code data.dir} are then used for state only)
     * @param log the open, writable log
     */
    public EddyStreams(Topology topology, StreamsConfig config, LogStore log) {
        this(topology, config, Clock.systemUTC(), Objects.requireNonNull(log, "log"));
    }

    private EddyStreams(Topology topology, StreamsConfig config, Clock clock, LogStore sharedLog) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sharedLog = sharedLog;
    }

    /** @param listener called on every state change */
    public void setStateListener(StateListener listener) {
        synchronized (stateLock) {
            requireState(State.CREATED, "set a state listener");
            this.stateListener = listener;
        }
    }

    /** @param handler decides what happens when a stream thread dies */
    public void setUncaughtExceptionHandler(StreamsUncaughtExceptionHandler handler) {
        synchronized (stateLock) {
            requireState(State.CREATED, "set an exception handler");
            this.exceptionHandler = handler;
        }
    }

    /** @param listener told about restore progress of every store */
    public void setGlobalStateRestoreListener(StateRestoreListener listener) {
        synchronized (stateLock) {
            requireState(State.CREATED, "set a restore listener");
            this.restoreListener = listener;
        }
    }

    private void requireState(State expected, String action) {
        if (state != expected) {
            throw new IllegalStateException("cannot " + action + " in state " + state + "; only in " + expected);
        }
    }

    /** @return the current state */
    public State state() {
        synchronized (stateLock) {
            return state;
        }
    }

    private void setState(State next) {
        State old;
        StateListener l;
        synchronized (stateLock) {
            old = state;
            if (!isValidTransition(old, next)) {
                return;
            }
            state = next;
            l = stateListener;
            stateLock.notifyAll();
        }
        LOG.info("{} state {} -> {}", config.applicationId(), old, next);
        if (l != null) {
            l.onChange(next, old);
        }
    }

    private static boolean isValidTransition(State from, State to) {
        return switch (from) {
            case CREATED -> to == State.REBALANCING || to == State.PENDING_SHUTDOWN || to == State.ERROR;
            case REBALANCING -> to == State.RUNNING || to == State.PENDING_SHUTDOWN || to == State.PENDING_ERROR
                    || to == State.ERROR;
            case RUNNING -> to == State.REBALANCING || to == State.PENDING_SHUTDOWN || to == State.PENDING_ERROR;
            case PENDING_SHUTDOWN -> to == State.NOT_RUNNING;
            case PENDING_ERROR -> to == State.ERROR;
            case NOT_RUNNING, ERROR -> false;
        };
    }

    /**
     * Opens the log, creates missing topics, restores state and starts processing. Returns at once; the state moves
     * to RUNNING when every thread has restored.
     *
     * @throws IllegalStateException if already started
     * @throws StreamsException if the topology cannot run (for example topics that must be co-partitioned are not)
     */
    public void start() {
        synchronized (stateLock) {
            requireState(State.CREATED, "start");
        }
        setState(State.REBALANCING);
        try {
            backend = sharedLog != null ? new EmbeddedLogBackend(sharedLog, false)
                    : new EmbeddedLogBackend(LogStore.open(config.logDir()), true);
            startRuntime();
        } catch (RuntimeException e) {
            if (backend != null) {
                backend.close();
            }
            setState(State.ERROR);
            throw e;
        }
    }

    private void startRuntime() {
        StreamRuntime rt = new StreamRuntime(topology.internalBuilder(), config, backend, clock, restoreListener,
                t -> onThreadRunning(), this::onThreadExit);
        rt.prepare();
        runtime = rt;
        if (metrics == null) {
            metrics = new MetricsRegistry(config.applicationId(), this::currentRuntime);
            metrics.registerJmx();
        }
        synchronized (stateLock) {
            runningThreads = 0;
        }
        rt.start();
    }

    private StreamRuntime currentRuntime() {
        return runtime;
    }

    private void onThreadRunning() {
        boolean all;
        synchronized (stateLock) {
            runningThreads++;
            all = runningThreads == runtime.threads().size();
        }
        if (all) {
            setState(State.RUNNING);
        }
    }

    private void onThreadExit(Object thread, Throwable failure) {
        synchronized (commitMonitor) {
            commitMonitor.notifyAll();
        }
        if (failure == null || closing) {
            return;
        }
        StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse response =
                exceptionHandler == null ? StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT
                        : exceptionHandler.handle(failure);
        Thread supervisor = new Thread(() -> {
            if (response == StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD) {
                LOG.warn("{}: a stream thread died; restarting processing from the last commit", config.applicationId(),
                        failure);
                stopRuntime();
                if (!closing) {
                    setState(State.REBALANCING);
                    try {
                        startRuntime();
                    } catch (RuntimeException e) {
                        LOG.error("{}: restart failed", config.applicationId(), e);
                        setState(State.PENDING_ERROR);
                        closeBackend();
                        setState(State.ERROR);
                    }
                }
            } else {
                setState(State.PENDING_ERROR);
                stopRuntime();
                closeBackend();
                setState(State.ERROR);
            }
        }, config.applicationId() + "-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    private void stopRuntime() {
        StreamRuntime rt = runtime;
        if (rt == null) {
            return;
        }
        rt.shutdown();
        for (Thread t : rt.threads()) {
            if (t != Thread.currentThread()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        rt.close(false);
    }

    private void closeBackend() {
        if (metrics != null) {
            metrics.unregisterJmx();
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** Stops processing after a final commit, closes state and the log, and waits for it to finish. */
    @Override
    public void close() {
        close(Duration.ofDays(365 * 100));
    }

    /**
     * Stops processing after a final commit and closes state and the log.
     *
     * @param timeout how long to wait for the threads to finish
     * @return true if everything stopped within the timeout
     */
    public boolean close(Duration timeout) {
        synchronized (stateLock) {
            if (state == State.CREATED) {
                state = State.NOT_RUNNING;
                return true;
            }
            if (state == State.NOT_RUNNING || state == State.ERROR) {
                return true;
            }
        }
        closing = true;
        setState(State.PENDING_SHUTDOWN);
        StreamRuntime rt = runtime;
        long deadline = System.nanoTime() + saturatedNanos(timeout);
        if (rt != null) {
            rt.shutdown();
            for (Thread t : rt.threads()) {
                long left = deadline - System.nanoTime();
                try {
                    t.join(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (t.isAlive()) {
                    LOG.warn("{}: thread {} did not stop within {}", config.applicationId(), t.getName(), timeout);
                    return false;
                }
            }
            rt.close();
        }
        closeBackend();
        setState(State.NOT_RUNNING);
        return true;
    }

    private static long saturatedNanos(Duration d) {
        return d.compareTo(Duration.ofDays(365L * 200)) > 0 ? Long.MAX_VALUE / 2 : d.toNanos();
    }

    /**
     * Returns a read-only view of a store over all local tasks, as Kafka Streams' interactive queries.
     *
     * @param params the store name and view type
     * @param <T> the view type
     * @return the view; safe to use from any thread while processing continues; sees committed state
     * @throws InvalidStateStoreException if the app is not running, the store does not exist or is of another type
     */
    public <T> T store(StoreQueryParameters<T> params) {
        StreamRuntime rt = runtime;
        State s = state();
        if (rt == null || !(s == State.RUNNING || s == State.REBALANCING)) {
            throw new InvalidStateStoreException("cannot query store '" + params.storeName() + "' in state " + s
                    + "; wait until the app is RUNNING");
        }
        List<StateStore> found = new ArrayList<>();
        for (StreamTask t : rt.tasks()) {
            if (params.partition() != null && t.taskId().partition() != params.partition()) {
                continue;
            }
            StateStore store = t.storesView().get(params.storeName());
            if (store != null) {
                if (!params.queryableStoreType().accepts(store)) {
                    throw new InvalidStateStoreException("store '" + params.storeName() + "' is a "
                            + store.getClass().getSimpleName() + ", which the requested view type does not accept");
                }
                found.add(store);
            }
        }
        if (found.isEmpty() && s == State.REBALANCING) {
            throw new InvalidStateStoreException("store '" + params.storeName() + "' is not available yet: the app is"
                    + " restoring its state (REBALANCING); retry once it is RUNNING");
        }
        if (found.isEmpty()) {
            throw new InvalidStateStoreException("no store named '" + params.storeName() + "' in this app"
                    + (params.partition() == null ? "" : " for partition " + params.partition()));
        }
        return params.queryableStoreType().create(params.storeName(), found);
    }

    /**
     * The input position queryable state reflects: the committed offset (next offset to process) of every input
     * partition. A caller that appended a record at offset {@code o} sees its effect once this reaches {@code o + 1}.
     *
     * @return committed offsets per input partition
     */
    public Map<TopicPartition, Long> committedOffsets() {
        LogBackend b = backend;
        if (b == null) {
            return Map.of();
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : b.committedOffsets(config.applicationId()).entrySet()) {
            out.put(e.getKey(), e.getValue().offset());
        }
        StreamRuntime rt = runtime;
        if (rt != null) {
            // while running, a position counts once the whole commit (stores included) completed, not when the
            // offsets reached the log, so a caller who waited for it reads its own write through queries; the log's
            // value is never a fallback for a partition the runtime reads (it runs ahead of the stores mid-commit)
            Map<TopicPartition, Long> positions = rt.committedPositions();
            for (TopicPartition tp : rt.inputPartitions()) {
                Long at = positions.get(tp);
                if (at == null) {
                    out.remove(tp);
                } else {
                    out.put(tp, at);
                }
            }
        }
        return out;
    }

    /**
     * Waits until the app's committed position in {@code tp} reaches {@code offset} (read-your-writes).
     *
     * @param tp an input partition
     * @param offset the position to reach (the offset after the caller's record)
     * @param timeout the longest wait
     * @throws TimeoutException if the position was not reached in time; the message says where it stands
     * @throws InterruptedException if interrupted
     */
    public void awaitCommittedOffset(TopicPartition tp, long offset, Duration timeout)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + saturatedNanos(timeout);
        while (true) {
            Long at = committedOffsets().get(tp);
            if (at != null && at >= offset) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException("app " + config.applicationId() + " has committed " + tp + " up to "
                        + at + ", not yet " + offset + ", after " + timeout);
            }
            StreamRuntime rt = runtime;
            if (rt != null && rt.processedPosition(tp) >= offset) {
                // processed but not committed yet: commit now rather than at the next interval
                rt.requestCommitSoon();
            }
            synchronized (commitMonitor) {
                commitMonitor.wait(Math.max(1, Math.min(left / 1_000_000, 20)));
            }
        }
    }

    /** @return a snapshot of the app's metrics (name to value); also registered as a JMX MBean */
    public Map<String, Number> metrics() {
        MetricsRegistry m = metrics;
        return m == null ? Map.of() : m.snapshot();
    }

    /**
     * Deletes this app's local state directory (all tasks' stores and checkpoints), so the next start restores
     * everything from the changelogs. Only when not running.
     *
     * @throws IllegalStateException if the app is running
     */
    public void cleanUp() {
        State s = state();
        if (s.isRunningOrRebalancing() || s == State.PENDING_SHUTDOWN) {
            throw new IllegalStateException("cannot clean up local state while the app is " + s);
        }
        Path dir = config.stateDir().resolve(config.applicationId());
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new StreamsException("cannot delete local state " + dir, e);
        }
    }
}

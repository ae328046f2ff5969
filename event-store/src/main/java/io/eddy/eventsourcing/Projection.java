package io.eddy.eventsourcing;

import io.eddy.log.LogStore;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.KryoSerde;
import io.eddy.serialization.Serdes;
import io.eddy.streams.EddyStreams;
import io.eddy.streams.QueryableStoreType;
import io.eddy.streams.StoreQueryParameters;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.kstream.Consumed;
import io.eddy.streams.kstream.KStream;
import io.eddy.streams.kstream.StreamsBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A read model built from the event topic by an Eddy topology, run exactly-once on the store's log and queried
 * through interactive queries:
 *
 * <pre>{@code
 * Projection balances = Projection.builder(store, "balances", events -> events
 *         .groupByKey()
 *         .aggregate(() -> 0L, (account, event, balance) -> balance + delta(event),
 *                 Materialized.as("balances"))).build();
 * balances.start();
 * AppendResult r = store.append(...);
 * ReadOnlyKeyValueStore<String, Long> view = balances.query("balances", QueryableStoreTypes.keyValueStore(),
 *         r.lastPosition(), Duration.ofSeconds(5));   // sees the append
 * }</pre>
 *
 * <p>The definition receives the event topic as a {@code KStream<String, Object>}: key = stream id, value = the
 * event object, timestamp = the event's. The app id is {@code projection-<name>}, so its stores, changelogs and
 * offsets keep stable names. It runs with {@code processing.guarantee=exactly_once}: the read model reflects each
 * committed event exactly once, also after a crash.
 *
 * <p><b>Read-your-writes.</b> {@link #query(String, QueryableStoreType, Position, Duration)} waits until the
 * projection's committed position in the event's partition is past the given position, then returns the view.
 *
 * <p><b>Rebuild.</b> {@link #rebuild()} stops the app, drops its local state, changelog and repartition topics and
 * committed offsets, and starts it again from the first event: a deterministic definition rebuilds the same state.
 *
 * <p>Thread-safe.
 */
public final class Projection implements AutoCloseable {
    private final EventStore store;
    private final String name;
    private final Consumer<KStream<String, Object>> definition;
    private final Path stateDir;
    private final Duration commitInterval;
    private final int threads;
    private EddyStreams app;

    private Projection(Builder b) {
        this.store = b.store;
        this.name = b.name;
        this.definition = b.definition;
        this.stateDir = b.stateDir != null ? b.stateDir
                : store.log().directory().toAbsolutePath().resolveSibling("projections");
        this.commitInterval = b.commitInterval;
        this.threads = b.threads;
    }

    /**
     * @param store the event store whose log the projection reads (and shares)
     * @param name the projection's name (stable: the app id is {@code projection-<name>})
     * @param definition builds the read model from the event stream, naming its stores
     * @return a builder
     */
    public static Builder builder(EventStore store, String name, Consumer<KStream<String, Object>> definition) {
        return new Builder(store, name, definition);
    }

    /** Configures a {@link Projection}. Not thread-safe. */
    public static final class Builder {
        private final EventStore store;
        private final String name;
        private final Consumer<KStream<String, Object>> definition;
        private Path stateDir;
        private Duration commitInterval = Duration.ofMillis(200);
        private int threads = 1;

        private Builder(EventStore store, String name, Consumer<KStream<String, Object>> definition) {
            this.store = Objects.requireNonNull(store, "store");
            this.name = Objects.requireNonNull(name, "name");
            this.definition = Objects.requireNonNull(definition, "definition");
        }

        /**
         * @param dir where the projection's local state lives (default: {@code projections} beside the log
         *     directory)
         * @return this
         */
        public Builder stateDir(Path dir) {
            this.stateDir = dir;
            return this;
        }

        /**
         * @param interval the commit interval (default 200 ms); a read-your-writes query commits sooner
         * @return this
         */
        public Builder commitInterval(Duration interval) {
            this.commitInterval = interval;
            return this;
        }

        /**
         * @param count stream threads (default 1)
         * @return this
         */
        public Builder threads(int count) {
            this.threads = count;
            return this;
        }

        /** @return the projection, not started */
        public Projection build() {
            return new Projection(this);
        }
    }

    /** @return the projection's app id, {@code projection-<name>} */
    public String applicationId() {
        return "projection-" + name;
    }

    private EddyStreams newApp() {
        StreamsBuilder builder = new StreamsBuilder(store.config().registrations());
        KStream<String, Object> events = builder.stream(store.config().topic(),
                Consumed.with(Serdes.String(), KryoSerde.of(store.config().registrations())));
        definition.accept(events);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId());
        props.put(StreamsConfig.DATA_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(threads));
        return new EddyStreams(builder.build(), new StreamsConfig(props), store.log());
    }

    /**
     * Starts processing (resuming from the last commit).
     *
     * @throws IllegalStateException if already started
     */
    public synchronized void start() {
        if (app != null) {
            throw new IllegalStateException("projection '" + name + "' is already started");
        }
        app = newApp();
        app.start();
    }

    /**
     * Waits until the projection has processed and committed every event up to and including {@code position}.
     *
     * @param position an event's position (for example {@link AppendResult#lastPosition()})
     * @param timeout the longest wait
     * @throws ProjectionTimeoutException if not reached in time, saying where the projection stands
     */
    public void awaitPosition(Position position, Duration timeout) {
        TopicPartition tp = new TopicPartition(store.config().topic(), position.partition());
        long deadline = System.nanoTime() + timeout.toNanos();
        EddyStreams a = running();
        try {
            a.awaitCommittedOffset(tp, position.offset() + 1, timeout);
            // the committed position may be known before the stores are restored to it after a restart
            while (a.state() != EddyStreams.State.RUNNING) {
                if (a.state() == EddyStreams.State.ERROR || a.state() == EddyStreams.State.NOT_RUNNING) {
                    throw new EventStoreException("projection '" + name + "' is " + a.state());
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the app is still " + a.state() + " (restoring its state)");
                }
                Thread.sleep(5);
            }
        } catch (TimeoutException e) {
            throw new ProjectionTimeoutException("projection '" + name + "' has not reached event position "
                    + position + " within " + timeout + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProjectionTimeoutException("interrupted while waiting for projection '" + name
                    + "' to reach " + position, e);
        }
    }

    /**
     * Returns a view of a store once the projection has seen {@code atLeast} (read-your-writes).
     *
     * @param storeName the store, as named in the definition
     * @param type the view type
     * @param atLeast the position the view must include
     * @param timeout the longest wait
     * @param <T> the view type
     * @return the view
     * @throws ProjectionTimeoutException if the projection did not reach the position in time
     */
    public <T> T query(String storeName, QueryableStoreType<T> type, Position atLeast, Duration timeout) {
        awaitPosition(atLeast, timeout);
        return query(storeName, type);
    }

    /**
     * @param storeName the store, as named in the definition
     * @param type the view type
     * @param <T> the view type
     * @return a view of its committed state, however far the projection is
     */
    public <T> T query(String storeName, QueryableStoreType<T> type) {
        return running().store(StoreQueryParameters.fromNameAndType(storeName, type));
    }

    private synchronized EddyStreams running() {
        if (app == null) {
            throw new IllegalStateException("projection '" + name + "' is not started");
        }
        return app;
    }

    /**
     * Drops the projection's state and replays every event into it: stops the app, deletes its local state, its
     * internal topics ({@code projection-<name>-*}) and its committed offsets, and starts it again.
     */
    public synchronized void rebuild() {
        if (app != null) {
            app.close();
            app.cleanUp();
            app = null;
        }
        LogStore log = store.log();
        String prefix = applicationId() + "-";
        for (String topic : log.listTopics()) {
            if (topic.startsWith(prefix)) {
                log.deleteTopic(topic);
            }
        }
        log.deleteGroupOffsets(applicationId());
        start();
    }

    /** Stops the app after a final commit. Idempotent. */
    @Override
    public synchronized void close() {
        if (app != null) {
            app.close();
            app = null;
        }
    }
}

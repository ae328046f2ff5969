package io.eddy.eventsourcing;

import io.eddy.log.CleanupPolicy;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.KryoSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Loads aggregates by folding their events and runs commands against them:
 *
 * <pre>{@code
 * AggregateRepository<Account> accounts = AggregateRepository.builder(store, "account", Account.EMPTY,
 *         (Account a, Object event) -> a.apply(event)).snapshotEvery(100).build();
 * CommandResult<Account> r = accounts.execute("account-42", a -> a.deposit(100), 3);
 * }</pre>
 *
 * <p><b>Commands.</b> {@link #execute} loads the aggregate, asks the decide function for the events (plain objects
 * or {@link EventData}), and appends them expecting the loaded version. If another writer appended first it
 * reloads and decides again, up to the given number of attempts, so a decision is always made on the state it is
 * appended after.
 *
 * <p><b>Snapshots.</b> With {@link Builder#snapshotEvery(int) snapshotEvery(n)}, the state is written to the
 * compacted topic {@code <event topic>-snapshots-<name>} whenever at least {@code n} events were folded since the
 * last snapshot; loading then reads the latest snapshot and folds only the events after it. The state class must be
 * registered in the store's Kryo registrations. Change {@code name} when the state class or the fold changes
 * incompatibly, so old snapshots are ignored. Snapshots are a cache: losing them only makes loading slower.
 *
 * <p>Thread-safe, as long as the fold and decide functions are.
 *
 * @param <S> the state type; treat it as immutable (the fold returns new states)
 */
public final class AggregateRepository<S> {
    private final EventStore store;
    private final String name;
    private final S initialState;
    private final BiFunction<S, Object, S> fold;
    private final int snapshotEvery;
    private final TopicPartition snapshotTopic;
    private final KryoSerde<Object> stateSerde;
    /** stream id → {version, offset} of its latest snapshot. */
    private final ConcurrentHashMap<String, long[]> snapshots = new ConcurrentHashMap<>();

    private AggregateRepository(Builder<S> b) {
        this.store = b.store;
        this.name = b.name;
        this.initialState = b.initialState;
        this.fold = b.fold;
        this.snapshotEvery = b.snapshotEvery;
        this.stateSerde = KryoSerde.of(store.config().registrations());
        this.snapshotTopic = new TopicPartition(store.config().topic() + "-snapshots-" + name, 0);
        if (snapshotEvery > 0) {
            store.log().createTopicIfAbsent(snapshotTopic.topic(), 1,
                    TopicConfig.builder().cleanupPolicy(CleanupPolicy.COMPACT).build());
            indexSnapshots();
        }
    }

    /**
     * @param store the event store
     * @param name the aggregate type's name (stable: it names the snapshot topic)
     * @param initialState the state of an aggregate without events
     * @param fold applies one event object to a state, returning the new state
     * @param <S> the state type
     * @return a builder
     */
    public static <S> Builder<S> builder(EventStore store, String name, S initialState,
                                         BiFunction<S, Object, S> fold) {
        return new Builder<>(store, name, initialState, fold);
    }

    /** Configures an {@link AggregateRepository}. Not thread-safe. */
    public static final class Builder<S> {
        private final EventStore store;
        private final String name;
        private final S initialState;
        private final BiFunction<S, Object, S> fold;
        private int snapshotEvery;

        private Builder(EventStore store, String name, S initialState, BiFunction<S, Object, S> fold) {
            this.store = Objects.requireNonNull(store, "store");
            this.name = Objects.requireNonNull(name, "name");
            this.initialState = initialState;
            this.fold = Objects.requireNonNull(fold, "fold");
        }

        /**
         * @param events write a snapshot once this many events were folded since the last one; 0 (the default)
         *     for no snapshots
         * @return this
         */
        public Builder<S> snapshotEvery(int events) {
            if (events < 0) {
                throw new IllegalArgumentException("snapshotEvery must be >= 0, was " + events + " for aggregate '"
                        + name + "'");
            }
            this.snapshotEvery = events;
            return this;
        }

        /** @return the repository (reads the snapshot topic's index when snapshots are on) */
        public AggregateRepository<S> build() {
            return new AggregateRepository<>(this);
        }
    }

    private void indexSnapshots() {
        LogStore log = store.log();
        long offset = log.startOffset(snapshotTopic);
        while (true) {
            List<LogRecord> batch = log.read(snapshotTopic, offset, 10_000);
            if (batch.isEmpty()) {
                return;
            }
            for (LogRecord r : batch) {
                if (r.value() != null) {
                    remember(EventRecordLayout.streamId(r), SnapshotLayout.version(r.value()), r.offset());
                }
            }
            offset = batch.get(batch.size() - 1).offset() + 1;
        }
    }

    private void remember(String streamId, long version, long offset) {
        snapshots.merge(streamId, new long[] {version, offset}, (old, now) -> now[0] >= old[0] ? now : old);
    }

    /**
     * Loads an aggregate: its latest snapshot (if any) plus the fold of the events after it.
     *
     * @param streamId the aggregate's stream
     * @return the aggregate at the stream's current committed version
     */
    @SuppressWarnings("unchecked")
    public Aggregate<S> load(String streamId) {
        S state = initialState;
        long version = ExpectedVersion.NO_STREAM;
        long[] snapshot = snapshotEvery > 0 ? snapshots.get(streamId) : null;
        if (snapshot != null) {
            List<LogRecord> records = store.log().read(snapshotTopic, snapshot[1], 1);
            if (!records.isEmpty() && records.get(0).offset() == snapshot[1]) {
                byte[] value = records.get(0).value();
                state = (S) stateSerde.deserializer().deserialize(snapshotTopic.topic(), SnapshotLayout.state(value));
                version = SnapshotLayout.version(value);
            }
        }
        long snapshotVersion = version;
        while (true) {
            List<RecordedEvent> events = store.read(streamId, version + 1, 5000);
            if (events.isEmpty()) {
                break;
            }
            for (RecordedEvent e : events) {
                state = fold.apply(state, e.data());
                version = e.version();
            }
        }
        Aggregate<S> loaded = new Aggregate<>(streamId, state, version);
        maybeSnapshot(loaded, snapshotVersion);
        return loaded;
    }

    /**
     * Decides and appends a command's events, retrying on a version conflict.
     *
     * @param streamId the aggregate's stream
     * @param decide given the current state, returns the events to append (objects or {@link EventData}; empty for
     *     none); may throw to reject the command
     * @param maxAttempts how many times to decide at most (1 = no retry on conflict)
     * @return the aggregate after the command and what was appended
     * @throws WrongExpectedVersionException if the last attempt still conflicted
     */
    public CommandResult<S> execute(String streamId, Function<S, List<?>> decide, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        Aggregate<S> current = load(streamId);
        for (int attempt = 1; ; attempt++) {
            List<?> decided = decide.apply(current.state());
            if (decided == null || decided.isEmpty()) {
                return new CommandResult<>(current, null, attempt);
            }
            List<EventData> events = new ArrayList<>(decided.size());
            for (Object o : decided) {
                events.add(o instanceof EventData ed ? ed : EventData.of(o));
            }
            try {
                AppendResult appended = store.append(streamId, current.version(), events);
                S state = current.state();
                for (EventData e : events) {
                    state = fold.apply(state, e.data());
                }
                Aggregate<S> after = new Aggregate<>(streamId, state, appended.lastVersion());
                if (appended.duplicate()) {
                    after = load(streamId);
                }
                long[] snap = snapshots.get(streamId);
                maybeSnapshot(after, snap == null ? ExpectedVersion.NO_STREAM : snap[0]);
                return new CommandResult<>(after, appended, attempt);
            } catch (WrongExpectedVersionException e) {
                if (attempt >= maxAttempts) {
                    throw e;
                }
                current = catchUp(current);
            }
        }
    }

    /** Folds the events appended since {@code a} was loaded. */
    private Aggregate<S> catchUp(Aggregate<S> a) {
        S state = a.state();
        long version = a.version();
        for (RecordedEvent e : store.read(a.streamId(), version + 1)) {
            state = fold.apply(state, e.data());
            version = e.version();
        }
        return new Aggregate<>(a.streamId(), state, version);
    }

    private void maybeSnapshot(Aggregate<S> a, long snapshotVersion) {
        if (snapshotEvery > 0 && a.version() - snapshotVersion >= snapshotEvery) {
            snapshot(a);
        }
    }

    /**
     * Writes a snapshot of {@code aggregate} now (whatever the snapshot interval).
     *
     * @param aggregate a loaded aggregate
     * @throws IllegalStateException if this repository was built without snapshots
     */
    public void snapshot(Aggregate<S> aggregate) {
        if (snapshotEvery == 0) {
            throw new IllegalStateException("aggregate '" + name + "' was built without snapshots");
        }
        if (aggregate.version() < 0) {
            return;
        }
        byte[] state = stateSerde.serializer().serialize(snapshotTopic.topic(), aggregate.state());
        long offset = store.log().append(snapshotTopic, List.of(new ProducerRecord(snapshotTopic.topic(), 0,
                EventRecordLayout.key(aggregate.streamId()), SnapshotLayout.value(aggregate.version(), state), -1L,
                null)));
        remember(aggregate.streamId(), aggregate.version(), offset);
    }

    /** @return the snapshot topic's name */
    public String snapshotTopic() {
        return snapshotTopic.topic();
    }

    /**
     * @param streamId a stream
     * @return the version of its latest snapshot, or -1 when it has none
     */
    public long snapshotVersion(String streamId) {
        long[] s = snapshots.get(streamId);
        return s == null ? ExpectedVersion.NO_STREAM : s[0];
    }

    @Override
    public String toString() {
        return "AggregateRepository(" + name + ", snapshotEvery=" + snapshotEvery + ", snapshots="
                + snapshots.size() + ")";
    }
}

package io.eddy.eventsourcing;

import io.eddy.log.DefaultPartitioner;
import io.eddy.log.IsolationLevel;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.TopicPartition;
import io.eddy.log.TransactionalProducer;
import io.eddy.serialization.KryoSerde;
import io.eddy.serialization.Serializer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Event streams on Eddy's log. Every event is a record of one event topic (key = stream id); a stream's events get
 * versions 0, 1, 2, … without gaps, and a {@link Position} (partition, offset) in the topic.
 *
 * <pre>{@code
 * try (EventStore store = EventStore.open(dataDir, EventStoreConfig.of(registrations))) {
 *     AppendResult r = store.append("account-1", ExpectedVersion.NO_STREAM, EventData.of(new Opened("alice")));
 *     List<RecordedEvent> events = store.read("account-1", 0);
 *     try (Subscription s = store.subscribe(Position.START, e -> System.out.println(e))) { ... }
 * }
 * }</pre>
 *
 * <p><b>Atomicity and durability.</b> An append is all or nothing: its events are written in one log transaction
 * (concurrent appends may share one). When {@code append} returns, the transaction is committed and fsynced; it
 * survives a crash of the process or the machine.
 *
 * <p><b>Concurrency.</b> Thread-safe. Appends are checked one after another by a single writer against the
 * committed state of the stream, so of several appends expecting the same version exactly one wins and the others
 * fail with {@link WrongExpectedVersionException}. The current versions live in an in-memory index rebuilt from the
 * topic (read committed) on open: O(1) checks, correct after any crash since it derives from committed events only,
 * at the cost of one pass over the topic's events on open and memory per event (an offset and an id).
 *
 * <p><b>Ordering.</b> With one partition (the default) positions form one total order over all streams, which
 * {@link #readAll} and {@link #subscribe} follow. With several, each stream lives in one partition (by a hash of its
 * id) and events are ordered per partition: read and subscribe per partition.
 *
 * <p>A store owns the log it {@linkplain #open opened} and closes it; one made {@linkplain #on on} a shared log
 * leaves it open. Only one store per log and topic may write (a second one fences the first's writer).
 */
public final class EventStore implements AutoCloseable {
    private final LogStore log;
    private final boolean ownsLog;
    private final EventStoreConfig config;
    private final int partitions;
    private final StreamIndex index = new StreamIndex();
    private final CommitSignal signal = new CommitSignal();
    private final EventDecoder decoder;
    private final Serializer<Object> values;
    private final EventWriter writer;
    private final List<Subscription> subscriptions = new ArrayList<>();

    private EventStore(LogStore log, boolean ownsLog, EventStoreConfig config) {
        this.log = log;
        this.ownsLog = ownsLog;
        this.config = config;
        log.createTopicIfAbsent(config.topic(), config.partitions(), config.topicConfig());
        this.partitions = log.partitionCount(config.topic());
        this.decoder = new EventDecoder(config);
        this.values = KryoSerde.of(config.registrations()).serializer();
        // fence (and abort) any earlier writer first, so the rebuild sees only decided transactions
        TransactionalProducer producer = log.transactionalProducer(config.transactionalId());
        try {
            rebuildIndex();
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
        this.writer = new EventWriter(config, index, signal, producer);
    }

    /**
     * Opens (creating if needed) an event store with its own log in {@code dataDir/log}.
     *
     * @param dataDir the data directory
     * @param config the store's settings
     * @return the store, which closes the log when closed
     * @throws io.eddy.log.LogLockedException if another process has the log open for writing
     * @throws EventStoreException if the event topic holds a record that is not a valid event
     */
    public static EventStore open(Path dataDir, EventStoreConfig config) {
        LogStore log = LogStore.open(dataDir.resolve("log"));
        try {
            return new EventStore(log, true, config);
        } catch (RuntimeException e) {
            log.close();
            throw e;
        }
    }

    /**
     * Opens an event store on a log this process already has open for writing (to share it with projections and
     * other apps). The store does not close the log.
     *
     * @param log the open, writable log
     * @param config the store's settings
     * @return the store
     */
    public static EventStore on(LogStore log, EventStoreConfig config) {
        return new EventStore(Objects.requireNonNull(log, "log"), false, config);
    }

    private void rebuildIndex() {
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(config.topic(), p);
            long offset = log.startOffset(tp);
            while (true) {
                List<LogRecord> batch = log.read(tp, offset, 10_000, IsolationLevel.READ_COMMITTED);
                if (batch.isEmpty()) {
                    break;
                }
                for (LogRecord r : batch) {
                    String streamId = EventRecordLayout.streamId(r);
                    index.getOrCreate(streamId, p).add(EventRecordLayout.eventId(r), EventRecordLayout.version(r),
                            r.offset(), streamId);
                }
                offset = batch.get(batch.size() - 1).offset() + 1;
            }
        }
    }

    /**
     * Appends events to a stream, atomically, if the stream is at {@code expectedVersion}. Blocks until the append
     * is committed and durable.
     *
     * <p>If every event's id is already in the stream, at consecutive versions (a retry of an append that
     * succeeded), nothing is written and the original versions and positions are returned, whatever the expected
     * version.
     *
     * @param streamId the stream, not empty
     * @param expectedVersion the version of the stream's last event the caller expects, {@link ExpectedVersion#ANY}
     *     or {@link ExpectedVersion#NO_STREAM}
     * @param events the events, at least one, with distinct ids
     * @return the versions and positions written
     * @throws WrongExpectedVersionException if the stream is at another version (naming both)
     * @throws DuplicateEventException if some but not all event ids are already in the stream
     * @throws io.eddy.serialization.SerializationException if an event's class is not registered
     * @throws EventStoreException if the store is closed or the log failed
     */
    public AppendResult append(String streamId, long expectedVersion, EventData... events) {
        return append(streamId, expectedVersion, Arrays.asList(events));
    }

    /**
     * As {@link #append(String, long, EventData...)}.
     *
     * @param streamId the stream
     * @param expectedVersion the expected version
     * @param events the events
     * @return the versions and positions written
     */
    public AppendResult append(String streamId, long expectedVersion, List<EventData> events) {
        try {
            return appendAsync(streamId, expectedVersion, events).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                re.addSuppressed(new EventStoreException("append to stream '" + streamId + "' failed"));
                throw re;
            }
            throw e;
        }
    }

    /**
     * As {@link #append(String, long, List)} without blocking: the future completes once the append is committed,
     * or exceptionally with the exceptions {@code append} throws.
     *
     * @param streamId the stream
     * @param expectedVersion the expected version
     * @param events the events
     * @return the result, once durable
     */
    public CompletableFuture<AppendResult> appendAsync(String streamId, long expectedVersion, List<EventData> events) {
        if (streamId == null || streamId.isEmpty()) {
            throw new IllegalArgumentException("stream id must not be null or empty, was " + streamId);
        }
        if (expectedVersion < ExpectedVersion.ANY) {
            throw new IllegalArgumentException("expected version must be >= 0, ANY (-2) or NO_STREAM (-1), was "
                    + expectedVersion + " for stream '" + streamId + "'");
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an append to stream '" + streamId + "' needs at least one event");
        }
        List<EventWriter.EncodedEvent> encoded = new ArrayList<>(events.size());
        Set<UUID> ids = new HashSet<>();
        for (EventData e : events) {
            UUID id = e.eventId() != null ? e.eventId() : config.idGenerator().get();
            if (!ids.add(id)) {
                throw new IllegalArgumentException("event id " + id + " appears twice in one append to stream '"
                        + streamId + "'");
            }
            encoded.add(new EventWriter.EncodedEvent(id, values.serialize(config.topic(), e.data()), e.causationId(),
                    e.correlationId()));
        }
        return writer.submit(new EventWriter.Request(streamId, partitionFor(streamId), expectedVersion,
                List.copyOf(encoded), new CompletableFuture<>()));
    }

    /**
     * @param streamId a stream
     * @return the version of its last committed event, or {@link ExpectedVersion#NO_STREAM} (-1) when it has none
     */
    public long currentVersion(String streamId) {
        StreamIndex.StreamState s = index.get(streamId);
        return s == null ? ExpectedVersion.NO_STREAM : s.version();
    }

    /**
     * @param streamId a stream
     * @return the partition of the event topic that holds it
     */
    public int partitionFor(String streamId) {
        return partitions == 1 ? 0 : DefaultPartitioner.partition(EventRecordLayout.key(streamId), partitions);
    }

    /**
     * Reads a stream's committed events from a version on, in version order.
     *
     * @param streamId the stream
     * @param fromVersion the first version wanted, at least 0
     * @return the events, empty if the stream has none at or after {@code fromVersion}
     */
    public List<RecordedEvent> read(String streamId, long fromVersion) {
        return read(streamId, fromVersion, Integer.MAX_VALUE);
    }

    /**
     * Reads at most {@code maxCount} of a stream's committed events from a version on, in version order. Each read
     * seeks to the next event by its indexed offset, so a stream interleaved with others costs no full scan.
     *
     * @param streamId the stream
     * @param fromVersion the first version wanted, at least 0
     * @param maxCount the most events returned
     * @return the events
     */
    public List<RecordedEvent> read(String streamId, long fromVersion, int maxCount) {
        if (fromVersion < 0) {
            throw new IllegalArgumentException("fromVersion must be >= 0, was " + fromVersion + " for stream '"
                    + streamId + "'");
        }
        StreamIndex.StreamState s = index.get(streamId);
        if (s == null) {
            return List.of();
        }
        long last = Math.min(s.version(), fromVersion + maxCount - 1L);
        TopicPartition tp = new TopicPartition(config.topic(), s.partition());
        byte[] key = EventRecordLayout.key(streamId);
        List<RecordedEvent> out = new ArrayList<>();
        long v = fromVersion;
        while (v <= last) {
            long offset = s.offsetOf(v);
            List<LogRecord> records = log.read(tp, offset, 2000, IsolationLevel.READ_COMMITTED);
            if (records.isEmpty()) {
                throw new EventStoreException("stream '" + streamId + "' version " + v + " at " + tp + "@" + offset
                        + " is not readable (log start " + log.startOffset(tp) + "; was the topic truncated?)");
            }
            for (LogRecord r : records) {
                if (r.offset() < offset || !Arrays.equals(r.key(), key)) {
                    continue;
                }
                if (EventRecordLayout.version(r) == v) {
                    out.add(decoder.decode(r));
                    if (++v > last) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Reads committed events of one partition of the event topic from a position on, in position order.
     *
     * @param from where to start (its partition is the one read)
     * @param maxCount the most events returned, at least 1
     * @return the events; empty at the end of the partition. Resume at the last one's {@code position().next()}
     */
    public List<RecordedEvent> readAll(Position from, int maxCount) {
        TopicPartition tp = topicPartition(from.partition());
        long offset = Math.max(from.offset(), log.startOffset(tp));
        List<RecordedEvent> out = new ArrayList<>();
        while (out.size() < maxCount) {
            List<LogRecord> records = log.read(tp, offset, Math.min(maxCount - out.size(), 10_000),
                    IsolationLevel.READ_COMMITTED);
            if (records.isEmpty()) {
                break;
            }
            for (LogRecord r : records) {
                if (r.offset() >= offset && out.size() < maxCount) {
                    out.add(decoder.decode(r));
                }
            }
            offset = records.get(records.size() - 1).offset() + 1;
        }
        return out;
    }

    /**
     * Starts a catch-up subscription: the handler gets every committed event of {@code from}'s partition at or
     * after {@code from}, first the history and then live events as they commit, each exactly once and in position
     * order, on the subscription's own thread.
     *
     * @param from where to start
     * @param handler receives the events; if it throws, the subscription stops (logged)
     * @return the running subscription; close it to stop
     */
    public Subscription subscribe(Position from, EventHandler handler) {
        Objects.requireNonNull(handler, "handler");
        CatchUpSubscription s = new CatchUpSubscription(log, topicPartition(from.partition()), from.offset(), decoder,
                signal, handler);
        synchronized (subscriptions) {
            subscriptions.add(s);
        }
        return s.start();
    }

    private TopicPartition topicPartition(int partition) {
        if (partition >= partitions) {
            throw new IllegalArgumentException("event topic '" + config.topic() + "' has " + partitions
                    + " partition(s); no partition " + partition);
        }
        return new TopicPartition(config.topic(), partition);
    }

    /** @return the log the events are in */
    public LogStore log() {
        return log;
    }

    /** @return the settings */
    public EventStoreConfig config() {
        return config;
    }

    /** @return the partition count of the event topic */
    public int partitions() {
        return partitions;
    }

    /** @return how many streams hold at least one event */
    public int streamCount() {
        return index.size();
    }

    /** Stops subscriptions and the writer (failing appends still queued), then closes the log if it owns it. */
    @Override
    public void close() {
        List<Subscription> subs;
        synchronized (subscriptions) {
            subs = new ArrayList<>(subscriptions);
            subscriptions.clear();
        }
        subs.forEach(Subscription::close);
        writer.close();
        if (ownsLog) {
            log.close();
        }
    }
}

package io.eddy.streams.test;

import io.eddy.log.Headers;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Deserializer;
import io.eddy.serialization.Serializer;
import io.eddy.state.KeyValueStore;
import io.eddy.state.SessionStore;
import io.eddy.state.StateStore;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.TimestampedWindowStore;
import io.eddy.state.WindowStore;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.Topology;
import io.eddy.streams.internal.InternalTopologyBuilder;
import io.eddy.streams.internal.LogBackend;
import io.eddy.streams.internal.NodeDefinition;
import io.eddy.streams.internal.StreamRuntime;
import io.eddy.streams.internal.StreamTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs a {@link Topology} synchronously and deterministically for tests, as Kafka Streams' {@code TopologyTestDriver}:
 * every piped record is fully processed, and the app committed (so record caches flush), before the pipe call
 * returns. It runs the runtime's own task, store and commit code over a temporary embedded log with fsync off and a
 * virtual wall clock — not a second, simplified engine — so a test sees what production does. Every topic has one
 * partition. Not thread-safe; close it to delete its temporary files.
 */
public class TopologyTestDriver implements AutoCloseable {
    private final Path dir;
    private final MutableClock clock;
    private final LogStore log;
    private final StreamRuntime runtime;
    private final StreamsConfig config;
    private final InternalTopologyBuilder builder;
    private final Set<String> producedTopics = new LinkedHashSet<>();
    private final Map<String, Long> readPositions = new HashMap<>();
    private final Set<String> inputTopics = new LinkedHashSet<>();
    private boolean closed;

    /** @param topology the topology */
    public TopologyTestDriver(Topology topology) {
        this(topology, new Properties());
    }

    /**
     * @param topology the topology
     * @param props app configuration; application.id defaults to {@code topology-test-driver}
     */
    public TopologyTestDriver(Topology topology, Properties props) {
        this(topology, props, Instant.EPOCH);
    }

    /**
     * @param topology the topology
     * @param initialWallClockTime the virtual wall clock's start
     */
    public TopologyTestDriver(Topology topology, Instant initialWallClockTime) {
        this(topology, new Properties(), initialWallClockTime);
    }

    /**
     * @param topology the topology
     * @param props app configuration; application.id defaults to {@code topology-test-driver}
     * @param initialWallClockTime the virtual wall clock's start
     */
    public TopologyTestDriver(Topology topology, Properties props, Instant initialWallClockTime) {
        try {
            dir = Files.createTempDirectory("eddy-test-driver-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the test driver's temporary directory", e);
        }
        clock = new MutableClock(initialWallClockTime.toEpochMilli());
        Map<Object, Object> p = new LinkedHashMap<>(props);
        p.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test-driver");
        p.put(StreamsConfig.DATA_DIR_CONFIG, dir.toString());
        p.remove(StreamsConfig.LOG_DIR_CONFIG);
        p.remove(StreamsConfig.STATE_DIR_CONFIG);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.DEFAULT_PARTITIONS_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.MAX_VALUE / 4);
        p.put(StreamsConfig.STATESTORE_FSYNC_CONFIG, false);
        config = new StreamsConfig(p);
        builder = topology.internalBuilder();
        log = LogStore.open(config.logDir(), LogStoreOptions.defaults().withClock(clock)
                .withBackgroundMaintenance(false).withFsyncDisabled());
        LogBackend backend = new RecordingBackend(log, producedTopics);
        for (NodeDefinition n : builder.nodes().values()) {
            if (n instanceof NodeDefinition.Source s) {
                for (String t : s.topics()) {
                    inputTopics.add(builder.resolveTopic(config.applicationId(), t));
                }
            } else if (n instanceof NodeDefinition.Sink s && s.topic() != null && !builder.isInternalTopic(s.topic())) {
                log.createTopicIfAbsent(s.topic(), 1, io.eddy.log.TopicConfig.defaults());
            }
        }
        for (InternalTopologyBuilder.GlobalStoreDefinition g : builder.globalStores()) {
            inputTopics.add(g.topic());
        }
        runtime = new StreamRuntime(builder, config, backend, clock, null, null, null);
        runtime.prepare();
        runtime.restoreInline();
    }

    /**
     * @param topic an input topic of the topology
     * @param keySerializer serializes keys
     * @param valueSerializer serializes values
     * @param <K> key type
     * @param <V> value type
     * @return a pipe into it, stamping records from the driver's start time with no auto-advance
     */
    public final <K, V> TestInputTopic<K, V> createInputTopic(String topic, Serializer<K> keySerializer,
                                                              Serializer<V> valueSerializer) {
        return createInputTopic(topic, keySerializer, valueSerializer, Instant.ofEpochMilli(clock.millis()),
                Duration.ZERO);
    }

    /**
     * @param topic an input topic of the topology
     * @param keySerializer serializes keys
     * @param valueSerializer serializes values
     * @param startTimestamp time of the first record piped without one
     * @param autoAdvance step added after each such record
     * @param <K> key type
     * @param <V> value type
     * @return a pipe into it
     */
    public final <K, V> TestInputTopic<K, V> createInputTopic(String topic, Serializer<K> keySerializer,
                                                              Serializer<V> valueSerializer, Instant startTimestamp,
                                                              Duration autoAdvance) {
        if (!inputTopics.contains(topic)) {
            throw new IllegalArgumentException("unknown topic " + topic + ": the topology reads " + inputTopics);
        }
        return new TestInputTopic<>(this, topic, keySerializer, valueSerializer, startTimestamp, autoAdvance);
    }

    /**
     * @param topic a topic the topology writes
     * @param keyDeserializer reads keys
     * @param valueDeserializer reads values
     * @param <K> key type
     * @param <V> value type
     * @return a reader of it, from its start
     */
    public final <K, V> TestOutputTopic<K, V> createOutputTopic(String topic, Deserializer<K> keyDeserializer,
                                                                Deserializer<V> valueDeserializer) {
        return new TestOutputTopic<>(this, topic, keyDeserializer, valueDeserializer);
    }

    void pipe(String topic, byte[] key, byte[] value, long timestamp, Headers headers) {
        ensureOpen();
        log.append(new TopicPartition(topic, 0), List.of(new ProducerRecord(topic, 0, key, value, timestamp,
                headers == null || headers.isEmpty() ? null : headers)));
        runtime.runAndCommitUntilIdle();
    }

    LogRecord readOutput(String topic) {
        ensureOpen();
        if (!log.topicExists(topic)) {
            return null;
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        long pos = Math.max(readPositions.getOrDefault(topic, 0L), log.startOffset(tp));
        if (pos >= log.endOffset(tp)) {
            return null;
        }
        List<LogRecord> r = log.read(tp, pos, 1, outputIsolation());
        if (r.isEmpty()) {
            return null;
        }
        readPositions.put(topic, r.get(0).offset() + 1);
        return r.get(0);
    }

    /**
     * @return how many records are left to read: under exactly-once the log also holds transaction markers, which
     *     take offsets but are no records, so the unread records are counted rather than their offsets
     */
    long unreadCount(String topic) {
        if (!log.topicExists(topic)) {
            return 0;
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        long pos = Math.max(readPositions.getOrDefault(topic, 0L), log.startOffset(tp));
        long end = log.endOffset(tp);
        if (!config.exactlyOnce()) {
            return Math.max(0, end - pos);
        }
        long count = 0;
        while (pos < end) {
            List<LogRecord> batch = log.read(tp, pos, 10_000, outputIsolation());
            if (batch.isEmpty()) {
                break;
            }
            count += batch.size();
            pos = batch.get(batch.size() - 1).offset() + 1;
        }
        return count;
    }

    /** Outputs are read as a read-committed consumer would under exactly-once: aborted writes stay hidden. */
    private io.eddy.log.IsolationLevel outputIsolation() {
        return config.exactlyOnce() ? io.eddy.log.IsolationLevel.READ_COMMITTED
                : io.eddy.log.IsolationLevel.READ_UNCOMMITTED;
    }

    /**
     * Moves the virtual wall clock, fires due wall-clock punctuations, and commits.
     *
     * @param advance how far
     */
    public void advanceWallClockTime(Duration advance) {
        ensureOpen();
        if (advance.isNegative()) {
            throw new IllegalArgumentException("wall clock cannot go back, advance was " + advance);
        }
        clock.advance(advance.toMillis());
        runtime.punctuateInline(clock.millis());
        runtime.runAndCommitUntilIdle();
    }

    /** @return every topic the topology wrote to so far (outputs, repartition through the log, changelogs) */
    public final Set<String> producedTopicNames() {
        return Set.copyOf(producedTopics);
    }

    /** @return every store of the topology by name */
    public Map<String, StateStore> getAllStateStores() {
        Map<String, StateStore> out = new LinkedHashMap<>(runtime.globalStores());
        for (StreamTask t : runtime.tasks()) {
            out.putAll(t.storesView());
        }
        return out;
    }

    /**
     * @param name a store name
     * @return the store, or null
     */
    public StateStore getStateStore(String name) {
        StateStore global = runtime.globalStores().get(name);
        if (global != null) {
            return global;
        }
        for (StreamTask t : runtime.tasks()) {
            StateStore s = t.storesView().get(name);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /**
     * @param name a key-value store name
     * @param <K> key type
     * @param <V> value type
     * @return the store (a plain view over a timestamped store), or null
     */
    @SuppressWarnings("unchecked")
    public <K, V> KeyValueStore<K, V> getKeyValueStore(String name) {
        StateStore s = getStateStore(name);
        if (s instanceof TimestampedKeyValueStore<?, ?> ts) {
            return new KeyValueStoreFacade<>((TimestampedKeyValueStore<K, V>) ts, clock::millis);
        }
        return s instanceof KeyValueStore<?, ?> kv ? (KeyValueStore<K, V>) kv : null;
    }

    /**
     * @param name a timestamped key-value store name
     * @param <K> key type
     * @param <V> value type
     * @return the store, or null
     */
    @SuppressWarnings("unchecked")
    public <K, V> TimestampedKeyValueStore<K, V> getTimestampedKeyValueStore(String name) {
        StateStore s = getStateStore(name);
        return s instanceof TimestampedKeyValueStore<?, ?> ts ? (TimestampedKeyValueStore<K, V>) ts : null;
    }

    /**
     * @param name a window store name
     * @param <K> key type
     * @param <V> value type
     * @return the store, or null
     */
    @SuppressWarnings("unchecked")
    public <K, V> WindowStore<K, V> getWindowStore(String name) {
        StateStore s = getStateStore(name);
        return s instanceof WindowStore<?, ?> w ? (WindowStore<K, V>) w : null;
    }

    /**
     * @param name a timestamped window store name
     * @param <K> key type
     * @param <V> value type
     * @return the store, or null
     */
    @SuppressWarnings("unchecked")
    public <K, V> TimestampedWindowStore<K, V> getTimestampedWindowStore(String name) {
        StateStore s = getStateStore(name);
        return s instanceof TimestampedWindowStore<?, ?> w ? (TimestampedWindowStore<K, V>) w : null;
    }

    /**
     * @param name a session store name
     * @param <K> key type
     * @param <V> value type
     * @return the store, or null
     */
    @SuppressWarnings("unchecked")
    public <K, V> SessionStore<K, V> getSessionStore(String name) {
        StateStore s = getStateStore(name);
        return s instanceof SessionStore<?, ?> w ? (SessionStore<K, V>) w : null;
    }

    /** @return the app's metrics by name */
    public Map<String, Number> metrics() {
        Map<String, Number> out = new LinkedHashMap<>();
        long processed = 0;
        for (StreamTask t : runtime.tasks()) {
            processed += t.metrics().processed();
            out.put("task." + t.taskId() + ".dropped-records-total", t.metrics().dropped());
        }
        out.put("records-processed-total", processed);
        return out;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the test driver is closed");
        }
    }

    /** Closes the topology's processors and stores and deletes the temporary files. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            runtime.closeInline();
        } finally {
            log.close();
            deleteDir();
        }
    }

    private void deleteDir() {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test driver's directory " + dir, e);
        }
    }

    /** The virtual wall clock. */
    private static final class MutableClock extends Clock {
        private volatile long millis;

        MutableClock(long millis) {
            this.millis = millis;
        }

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

package io.eddy.streams.internal;

import io.eddy.log.ConsumerConfig;
import io.eddy.log.LogConsumer;
import io.eddy.log.LogRecord;
import io.eddy.log.TopicPartition;
import io.eddy.log.WakeupException;
import io.eddy.serialization.Deserializer;
import io.eddy.serialization.Serde;
import io.eddy.state.ChangelogPartition;
import io.eddy.state.ChangelogWriter;
import io.eddy.state.RocksDBMemoryBudget;
import io.eddy.state.StateRestoreCallback;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.TaskStateManager;
import io.eddy.state.ThreadCache;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.errors.StreamsException;
import io.eddy.streams.processor.Cancellable;
import io.eddy.streams.processor.PunctuationType;
import io.eddy.streams.processor.Punctuator;
import io.eddy.streams.processor.TaskId;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;
import io.eddy.streams.processor.api.RecordMetadata;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one global store up to date: before any task runs, {@link #load()} feeds every record of the store's topic
 * (all partitions, from the start) through its update processor; afterwards a daemon thread follows the topic and
 * applies new records, flushing after each batch so task threads (which read the store concurrently) see them. The
 * topic is the store's changelog, so local files are rebuilt from it on every start.
 */
final class GlobalStoreUpdater implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalStoreUpdater.class);

    private final InternalTopologyBuilder.GlobalStoreDefinition def;
    private final LogBackend backend;
    private final StreamsConfig config;
    /**
     * The app's configs as the global store sees them: never in exactly-once store mode. A global store is written by
     * the global thread alone and read by every stream thread, and is rebuilt from its topic (read committed under
     * exactly-once), so its writes must be visible at once; it has no commit that would publish them.
     */
    private final Map<String, Object> storeConfigs;
    private final Clock clock;
    private final Path dir;
    private final RocksDBMemoryBudget memoryBudget;
    private final StateStore store;
    private final Processor<Object, Object, Void, Void> processor;
    private final Deserializer<Object> keyDeserializer;
    private final Deserializer<Object> valueDeserializer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private LogConsumer consumer;
    private Thread follower;
    private volatile boolean running;
    private final CurrentMetadata current = new CurrentMetadata();

    /** The record being applied. */
    private static final class CurrentMetadata {
        String topic;
        int partition;
        long offset;
        long timestamp;
    }

    @SuppressWarnings("unchecked")
    GlobalStoreUpdater(InternalTopologyBuilder.GlobalStoreDefinition def, LogBackend backend, StreamsConfig config,
                       Clock clock, Path dir, RocksDBMemoryBudget memoryBudget, int partitionCount) {
        this.def = def;
        this.backend = backend;
        this.config = config;
        Map<String, Object> configs = new java.util.HashMap<>(config.values());
        configs.put(TaskStateManager.EXACTLY_ONCE_CONFIG, "false");
        this.storeConfigs = java.util.Collections.unmodifiableMap(configs);
        this.clock = clock;
        this.dir = dir;
        this.memoryBudget = memoryBudget;
        Serde<?> ks = config.defaultKeySerde();
        Serde<?> vs = config.defaultValueSerde();
        this.keyDeserializer = (Deserializer<Object>) (def.keyDeserializer() != null ? def.keyDeserializer()
                : ks == null ? null : ks.deserializer());
        this.valueDeserializer = (Deserializer<Object>) (def.valueDeserializer() != null ? def.valueDeserializer()
                : vs == null ? null : vs.deserializer());
        if (keyDeserializer == null || valueDeserializer == null) {
            throw new StreamsException("global store '" + def.builder().name() + "' has no deserializers: pass them to"
                    + " addGlobalStore or configure default serdes");
        }
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new TopicPartition(def.topic(), p));
        }
        wipe(dir);
        this.store = def.builder().build();
        this.processor = (Processor<Object, Object, Void, Void>) def.supplier().get();
    }

    StateStore store() {
        return store;
    }

    String storeName() {
        return def.builder().name();
    }

    /** Initializes the store and processor and applies the whole topic. */
    long load() {
        store.init(new GlobalContext(), store);
        processor.init(new GlobalProcessorContext());
        consumer = backend.consumer(ConsumerConfig.of(null).withIsolationLevel(config.exactlyOnce()
                ? io.eddy.log.IsolationLevel.READ_COMMITTED : io.eddy.log.IsolationLevel.READ_UNCOMMITTED));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        long applied = catchUp();
        LOG.info("loaded global store {} from {}: {} records", storeName(), def.topic(), applied);
        return applied;
    }

    /** Applies everything appended to the topic so far, then flushes the store. */
    long catchUp() {
        long applied = 0;
        while (true) {
            boolean behind = false;
            for (TopicPartition tp : partitions) {
                long end = config.exactlyOnce() ? backend.lastStableOffset(tp) : backend.endOffset(tp);
                if (consumer.position(tp) < end) {
                    behind = true;
                }
            }
            if (!behind) {
                break;
            }
            applied += apply(consumer.poll(Duration.ZERO));
        }
        store.flush();
        return applied;
    }

    private int apply(List<LogRecord> records) {
        for (LogRecord r : records) {
            current.topic = r.topic();
            current.partition = r.partition();
            current.offset = r.offset();
            current.timestamp = r.timestamp();
            Object k = keyDeserializer.deserialize(r.topic(), r.headers(), r.key());
            Object v = valueDeserializer.deserialize(r.topic(), r.headers(), r.value());
            processor.process(new Record<>(k, v, r.timestamp(), r.headers().copy()));
        }
        return records.size();
    }

    /** Starts following the topic on a daemon thread. */
    void startFollowing() {
        running = true;
        follower = new Thread(() -> {
            try {
                while (running) {
                    List<LogRecord> batch;
                    try {
                        batch = consumer.poll(Duration.ofMillis(100));
                    } catch (WakeupException e) {
                        continue;
                    }
                    if (!batch.isEmpty()) {
                        apply(batch);
                        store.flush();
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("global store {} stopped following {}", storeName(), def.topic(), e);
            }
        }, config.applicationId() + "-GlobalStoreUpdater-" + storeName());
        follower.setDaemon(true);
        follower.start();
    }

    @Override
    public void close() {
        running = false;
        if (follower != null) {
            consumer.wakeup();
            try {
                follower.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (consumer != null) {
            consumer.close();
        }
        try {
            processor.close();
        } finally {
            store.close();
        }
    }

    private static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new StreamsException("cannot clear global state directory " + dir, e);
        }
    }

    /** The store's context: no changelog (the topic is one), a cache-less budget, the global state directory. */
    private final class GlobalContext implements StateStoreContext {
        private final ThreadCache noCache = new ThreadCache(0);

        @Override
        public String applicationId() {
            return config.applicationId();
        }

        @Override
        public String taskId() {
            return "global";
        }

        @Override
        public File stateDir() {
            return dir.toFile();
        }

        @Override
        public Map<String, Object> appConfigs() {
            return storeConfigs;
        }

        @Override
        public Clock clock() {
            return clock;
        }

        @Override
        public long recordTimestamp() {
            return current.timestamp;
        }

        @Override
        public Optional<ChangelogWriter> changelogWriter() {
            return Optional.empty();
        }

        @Override
        public int changelogPartition() {
            return 0;
        }

        @Override
        public ThreadCache cache() {
            return noCache;
        }

        @Override
        public RocksDBMemoryBudget rocksDBMemoryBudget() {
            return memoryBudget;
        }

        @Override
        public void register(StateStore s, StateRestoreCallback restoreCallback) {
            // restored by replaying the topic through the processor in load()
        }

        @Override
        public void register(StateStore s, StateRestoreCallback restoreCallback, ChangelogPartition changelog) {
            throw new StreamsException("global store '" + s.name() + "' must not have a changelog");
        }
    }

    /** The update processor's context: it may reach its store; it forwards nothing. */
    private final class GlobalProcessorContext implements ProcessorContext<Void, Void> {
        @Override
        public String applicationId() {
            return config.applicationId();
        }

        @Override
        public TaskId taskId() {
            return new TaskId(-1, -1);
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return Optional.of(new SourceRecordMetadata(current.topic, current.partition, current.offset));
        }

        @Override
        public Serde<?> keySerde() {
            return config.defaultKeySerde();
        }

        @Override
        public Serde<?> valueSerde() {
            return config.defaultValueSerde();
        }

        @Override
        public File stateDir() {
            return dir.toFile();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S extends StateStore> S getStateStore(String name) {
            if (!name.equals(storeName())) {
                throw new StreamsException("the update processor of global store '" + storeName()
                        + "' can only reach that store, not '" + name + "'");
            }
            return (S) store;
        }

        @Override
        public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
            throw new StreamsException("global store update processors cannot schedule punctuations");
        }

        @Override
        public <K extends Void, V extends Void> void forward(Record<K, V> record) {
            throw new StreamsException("global store update processors cannot forward records");
        }

        @Override
        public <K extends Void, V extends Void> void forward(Record<K, V> record, String childName) {
            throw new StreamsException("global store update processors cannot forward records");
        }

        @Override
        public void commit() {
        }

        @Override
        public Map<String, Object> appConfigs() {
            return config.values();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return Map.of();
        }

        @Override
        public long currentSystemTimeMs() {
            return clock.millis();
        }

        @Override
        public long currentStreamTimeMs() {
            return current.timestamp;
        }
    }
}

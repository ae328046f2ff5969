package io.eddy.streams;

import io.eddy.serialization.Serde;
import io.eddy.state.ThreadCache;
import io.eddy.streams.errors.ConfigException;
import io.eddy.streams.errors.DeserializationExceptionHandler;
import io.eddy.streams.errors.ProcessingExceptionHandler;
import io.eddy.streams.errors.ProductionExceptionHandler;
import io.eddy.streams.processor.TimestampExtractor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration of an {@link EddyStreams} app, with Kafka Streams' key names. Immutable; validated at
 * construction: an unknown key or an invalid value fails with a {@link ConfigException} naming the key. Kafka client
 * keys ({@code bootstrap.servers}, {@code producer.}/{@code consumer.}/{@code admin.}-prefixed keys, …) and Kafka
 * Streams keys without meaning on one machine ({@code replication.factor}, {@code num.standby.replicas}, …) are
 * accepted with one warning each that they are ignored, so a ported app starts.
 */
public final class StreamsConfig {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsConfig.class);

    public static final String APPLICATION_ID_CONFIG = "application.id";
    /** Holds {@code log/} and {@code state/}; default {@code ./eddy-data}. */
    public static final String DATA_DIR_CONFIG = "data.dir";
    /** Overrides {@code <data.dir>/log}. */
    public static final String LOG_DIR_CONFIG = "log.dir";
    /** Overrides {@code <data.dir>/state}. */
    public static final String STATE_DIR_CONFIG = "state.dir";
    public static final String NUM_STREAM_THREADS_CONFIG = "num.stream.threads";
    public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";
    public static final String PROCESSING_GUARANTEE_CONFIG = "processing.guarantee";
    public static final String AT_LEAST_ONCE = "at_least_once";
    public static final String EXACTLY_ONCE = "exactly_once";
    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
    public static final String STATESTORE_CACHE_MAX_BYTES_CONFIG = ThreadCache.MAX_BYTES_CONFIG;
    /** Kafka Streams' older name of {@link #STATESTORE_CACHE_MAX_BYTES_CONFIG}; accepted as the same setting. */
    public static final String CACHE_MAX_BYTES_BUFFERING_CONFIG = "cache.max.bytes.buffering";
    public static final String DEFAULT_KEY_SERDE_CLASS_CONFIG = "default.key.serde";
    public static final String DEFAULT_VALUE_SERDE_CLASS_CONFIG = "default.value.serde";
    public static final String DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG = "default.timestamp.extractor";
    public static final String DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG =
            "default.deserialization.exception.handler";
    public static final String PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG = "processing.exception.handler";
    public static final String DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG =
            "default.production.exception.handler";
    /** Topic that the dead-letter handlers write failed records to (with the error in headers). */
    public static final String ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG = "errors.dead.letter.queue.topic.name";
    public static final String MAX_TASK_IDLE_MS_CONFIG = "max.task.idle.ms";
    /** Partition count of input topics the app creates because they are missing; default 1. */
    public static final String DEFAULT_PARTITIONS_CONFIG = "eddy.default.partitions";
    /** When true, repartitions go through the log instead of in memory (for comparison); default false. */
    public static final String REPARTITION_THROUGH_LOG_CONFIG = "eddy.repartition.through.log";
    /** Longest time a stream thread blocks waiting for input, in ms; default 100. */
    public static final String POLL_MS_CONFIG = "poll.ms";
    public static final String MAX_POLL_RECORDS_CONFIG = "max.poll.records";
    /** Records buffered per input partition before the thread stops reading it; default 1000. */
    public static final String BUFFERED_RECORDS_PER_PARTITION_CONFIG = "buffered.records.per.partition";
    /** Whether commits fsync state (RocksDB WAL, checkpoints); default true, false in test drivers. */
    public static final String STATESTORE_FSYNC_CONFIG = io.eddy.state.TaskStateManager.FSYNC_CONFIG;
    /** Total RocksDB block cache + write buffer memory for the whole app, bytes; default 256 MiB. */
    public static final String ROCKSDB_MEMORY_BYTES_CONFIG = io.eddy.state.RocksDBMemoryBudget.TOTAL_BYTES_CONFIG;
    /** Share of the RocksDB memory given to write buffers; default 0.25. */
    public static final String ROCKSDB_WRITE_BUFFER_RATIO_CONFIG =
            io.eddy.state.RocksDBMemoryBudget.WRITE_BUFFER_RATIO_CONFIG;
    public static final String ROCKSDB_CONFIG_SETTER_CLASS_CONFIG = io.eddy.state.RocksDBConfigSetter.CONFIG;
    /** Require explicit names for every stateful DSL operator; default false. */
    public static final String REQUIRE_EXPLICIT_NAMES_CONFIG = "eddy.require.explicit.names";
    /** Advance stream time by the wall clock after a task has been idle this long (ms); -1 (default) never. */
    public static final String IDLE_STREAM_TIME_ADVANCE_MS_CONFIG = "eddy.idle.stream.time.advance.ms";
    public static final String METRICS_RECORDING_LEVEL_CONFIG = "metrics.recording.level";

    private static final Map<String, Object> DEFAULTS = defaults();

    private static final Set<String> IGNORED_KAFKA_KEYS = Set.of("bootstrap.servers", "client.id", "replication.factor",
            "num.standby.replicas", "acceptable.recovery.lag", "max.warmup.replicas", "probing.rebalance.interval.ms",
            "security.protocol", "topology.optimization", "upgrade.from", "rack.aware.assignment.tags",
            "rack.aware.assignment.strategy", "application.server", "state.cleanup.delay.ms", "request.timeout.ms",
            "retry.backoff.ms", "reconnect.backoff.ms", "metadata.max.age.ms", "task.timeout.ms",
            "window.size.ms", "windowed.inner.class.serde", "default.dsl.store", "dsl.store.suppliers.class",
            "statestore.cache.max.bytes.buffering", "metric.reporters", "metrics.num.samples", "metrics.sample.window.ms",
            "receive.buffer.bytes", "send.buffer.bytes", "connections.max.idle.ms", "poll.interval.ms");
    private static final String[] IGNORED_KAFKA_PREFIXES = {"producer.", "consumer.", "admin.", "main.consumer.",
        "restore.consumer.", "global.consumer.", "topic.", "sasl.", "ssl."};

    private final Map<String, Object> values;
    private final Map<String, Object> originals;

    /**
     * @param props the configuration entries; values may be strings or typed values
     * @throws ConfigException naming the key for an unknown key, a missing application.id or an invalid value
     */
    public StreamsConfig(Map<?, ?> props) {
        Map<String, Object> v = new LinkedHashMap<>(DEFAULTS);
        Map<String, Object> originals = new LinkedHashMap<>();
        boolean commitIntervalSet = false;
        for (Map.Entry<?, ?> e : props.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            originals.put(key, value);
            if (CACHE_MAX_BYTES_BUFFERING_CONFIG.equals(key)) {
                key = STATESTORE_CACHE_MAX_BYTES_CONFIG;
            }
            if (DEFAULTS.containsKey(key) || key.equals(APPLICATION_ID_CONFIG)) {
                v.put(key, value);
                commitIntervalSet |= key.equals(COMMIT_INTERVAL_MS_CONFIG);
            } else if (isIgnoredKafkaKey(key)) {
                LOG.warn("config '{}' has no meaning for Eddy's embedded runtime and is ignored", key);
            } else {
                throw new ConfigException(key, value, "unknown config key");
            }
        }
        String guarantee = String.valueOf(v.get(PROCESSING_GUARANTEE_CONFIG)).trim();
        boolean eos = guarantee.equals(EXACTLY_ONCE) || guarantee.equals(EXACTLY_ONCE_V2);
        if (!commitIntervalSet && eos) {
            v.put(COMMIT_INTERVAL_MS_CONFIG, 100L); // Kafka Streams' default under exactly-once
        }
        // stores keep uncommitted writes apart and commit them with their changelog offset (no wipe after a crash)
        v.put(io.eddy.state.TaskStateManager.EXACTLY_ONCE_CONFIG, eos);
        if (eos && !originals.containsKey(STATESTORE_FSYNC_CONFIG)) {
            // Under exactly-once the fsynced log transaction is what makes a commit durable. A store writes its data
            // and its changelog offset in one atomic batch, so an OS crash that loses an unsynced store commit only
            // moves the store back to an earlier commit it can name, and restore replays the committed tail from
            // there: syncing the store at every commit (every 100 ms) would buy nothing.
            v.put(STATESTORE_FSYNC_CONFIG, false);
        }
        this.originals = Collections.unmodifiableMap(originals);
        this.values = Collections.unmodifiableMap(v);
        validate(commitIntervalSet);
    }

    /**
     * @param props the configuration entries
     * @throws ConfigException naming the key for an unknown key or invalid value
     */
    public StreamsConfig(Properties props) {
        this((Map<?, ?>) props);
    }

    private static boolean isIgnoredKafkaKey(String key) {
        if (IGNORED_KAFKA_KEYS.contains(key)) {
            return true;
        }
        for (String p : IGNORED_KAFKA_PREFIXES) {
            if (key.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(DATA_DIR_CONFIG, "eddy-data");
        d.put(LOG_DIR_CONFIG, null);
        d.put(STATE_DIR_CONFIG, null);
        d.put(NUM_STREAM_THREADS_CONFIG, 1);
        d.put(COMMIT_INTERVAL_MS_CONFIG, 30_000L);
        d.put(PROCESSING_GUARANTEE_CONFIG, AT_LEAST_ONCE);
        d.put(STATESTORE_CACHE_MAX_BYTES_CONFIG, ThreadCache.DEFAULT_MAX_BYTES);
        d.put(DEFAULT_KEY_SERDE_CLASS_CONFIG, null);
        d.put(DEFAULT_VALUE_SERDE_CLASS_CONFIG, null);
        d.put(DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, null);
        d.put(DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, null);
        d.put(PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, null);
        d.put(DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, null);
        d.put(ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, null);
        d.put(MAX_TASK_IDLE_MS_CONFIG, 0L);
        d.put(DEFAULT_PARTITIONS_CONFIG, 1);
        d.put(REPARTITION_THROUGH_LOG_CONFIG, false);
        d.put(POLL_MS_CONFIG, 100L);
        d.put(MAX_POLL_RECORDS_CONFIG, 10_000);
        d.put(BUFFERED_RECORDS_PER_PARTITION_CONFIG, 1000);
        d.put(STATESTORE_FSYNC_CONFIG, true);
        d.put(ROCKSDB_MEMORY_BYTES_CONFIG, 256L * 1024 * 1024);
        d.put(ROCKSDB_WRITE_BUFFER_RATIO_CONFIG, io.eddy.state.RocksDBMemoryBudget.DEFAULT_WRITE_BUFFER_RATIO);
        d.put(ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, null);
        d.put(REQUIRE_EXPLICIT_NAMES_CONFIG, false);
        d.put(IDLE_STREAM_TIME_ADVANCE_MS_CONFIG, -1L);
        d.put(METRICS_RECORDING_LEVEL_CONFIG, "INFO");
        return d;
    }

    private void validate(boolean commitIntervalSet) {
        String appId = getString(APPLICATION_ID_CONFIG);
        if (appId == null || appId.isBlank()) {
            throw new ConfigException(APPLICATION_ID_CONFIG, appId, "an application id is required");
        }
        if (!appId.matches("[a-zA-Z0-9._-]+")) {
            throw new ConfigException(APPLICATION_ID_CONFIG, appId,
                    "only a-z A-Z 0-9 . _ - are allowed (it prefixes topic names)");
        }
        positive(NUM_STREAM_THREADS_CONFIG, getInt(NUM_STREAM_THREADS_CONFIG));
        positive(COMMIT_INTERVAL_MS_CONFIG, getLong(COMMIT_INTERVAL_MS_CONFIG));
        String guarantee = getString(PROCESSING_GUARANTEE_CONFIG);
        if (!guarantee.equals(AT_LEAST_ONCE) && !guarantee.equals(EXACTLY_ONCE) && !guarantee.equals(EXACTLY_ONCE_V2)) {
            throw new ConfigException(PROCESSING_GUARANTEE_CONFIG, guarantee,
                    "must be at_least_once, exactly_once or exactly_once_v2");
        }

        if (getLong(STATESTORE_CACHE_MAX_BYTES_CONFIG) < 0) {
            throw new ConfigException(STATESTORE_CACHE_MAX_BYTES_CONFIG, get(STATESTORE_CACHE_MAX_BYTES_CONFIG),
                    "must not be negative");
        }
        if (getLong(MAX_TASK_IDLE_MS_CONFIG) < -1) {
            throw new ConfigException(MAX_TASK_IDLE_MS_CONFIG, get(MAX_TASK_IDLE_MS_CONFIG), "must be -1 or more");
        }
        positive(DEFAULT_PARTITIONS_CONFIG, getInt(DEFAULT_PARTITIONS_CONFIG));
        positive(POLL_MS_CONFIG, getLong(POLL_MS_CONFIG));
        positive(MAX_POLL_RECORDS_CONFIG, getInt(MAX_POLL_RECORDS_CONFIG));
        positive(BUFFERED_RECORDS_PER_PARTITION_CONFIG, getInt(BUFFERED_RECORDS_PER_PARTITION_CONFIG));
        positive(ROCKSDB_MEMORY_BYTES_CONFIG, getLong(ROCKSDB_MEMORY_BYTES_CONFIG));
        getBoolean(REPARTITION_THROUGH_LOG_CONFIG);
        getBoolean(STATESTORE_FSYNC_CONFIG);
        getBoolean(REQUIRE_EXPLICIT_NAMES_CONFIG);
        getLong(IDLE_STREAM_TIME_ADVANCE_MS_CONFIG);
        // instantiate pluggable classes once, so a bad class name fails at construction
        defaultKeySerde();
        defaultValueSerde();
        defaultTimestampExtractor();
        deserializationExceptionHandler();
        processingExceptionHandler();
        productionExceptionHandler();
        if (!commitIntervalSet) {
            LOG.debug("commit.interval.ms defaults to {} for {}", getLong(COMMIT_INTERVAL_MS_CONFIG), guarantee);
        }
    }

    private static void positive(String key, long value) {
        if (value < 1) {
            throw new ConfigException(key, value, "must be at least 1");
        }
    }

    /**
     * @param key a config key
     * @return its value (default applied), or null
     */
    public Object get(String key) {
        if (!values.containsKey(key)) {
            throw new ConfigException(key, null, "unknown config key");
        }
        return values.get(key);
    }

    /** @return every setting, defaults included */
    public Map<String, Object> values() {
        return values;
    }

    /** @return the entries as given */
    public Map<String, Object> originals() {
        return originals;
    }

    /**
     * @param key a config key
     * @return its value as a string, or null
     */
    public String getString(String key) {
        Object v = get(key);
        return v == null ? null : v.toString().trim();
    }

    /**
     * @param key a config key
     * @return its value as an int
     * @throws ConfigException if it is not an integer
     */
    public int getInt(String key) {
        long l = getLong(key);
        if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
            throw new ConfigException(key, l, "must fit in an int");
        }
        return (int) l;
    }

    /**
     * @param key a config key
     * @return its value as a long
     * @throws ConfigException if it is not an integer
     */
    public long getLong(String key) {
        Object v = get(key);
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(key, v, "must be an integer");
        }
    }

    /**
     * @param key a config key
     * @return its value as a boolean
     * @throws ConfigException if it is not true or false
     */
    public boolean getBoolean(String key) {
        Object v = get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        throw new ConfigException(key, v, "must be true or false");
    }

    /** @return true when processing.guarantee is exactly_once (or Kafka Streams' exactly_once_v2) */
    public boolean exactlyOnce() {
        String g = getString(PROCESSING_GUARANTEE_CONFIG);
        return g.equals(EXACTLY_ONCE) || g.equals(EXACTLY_ONCE_V2);
    }

    /** @return the application id */
    public String applicationId() {
        return getString(APPLICATION_ID_CONFIG);
    }

    /** @return the log directory: log.dir, or data.dir/log */
    public Path logDir() {
        String d = getString(LOG_DIR_CONFIG);
        return d != null ? Path.of(d) : Path.of(getString(DATA_DIR_CONFIG)).resolve("log");
    }

    /** @return the state directory: state.dir, or data.dir/state */
    public Path stateDir() {
        String d = getString(STATE_DIR_CONFIG);
        return d != null ? Path.of(d) : Path.of(getString(DATA_DIR_CONFIG)).resolve("state");
    }

    /** @return the default key serde, or null when none is configured */
    public Serde<?> defaultKeySerde() {
        return instance(DEFAULT_KEY_SERDE_CLASS_CONFIG, Serde.class);
    }

    /** @return the default value serde, or null when none is configured */
    public Serde<?> defaultValueSerde() {
        return instance(DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serde.class);
    }

    /** @return the configured timestamp extractor, or null for the record's own timestamp */
    public TimestampExtractor defaultTimestampExtractor() {
        return instance(DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, TimestampExtractor.class);
    }

    /** @return the deserialization exception handler, or null for log-and-fail */
    public DeserializationExceptionHandler deserializationExceptionHandler() {
        return instance(DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeserializationExceptionHandler.class);
    }

    /** @return the processing exception handler, or null for log-and-fail */
    public ProcessingExceptionHandler processingExceptionHandler() {
        return instance(PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingExceptionHandler.class);
    }

    /** @return the production exception handler, or null for fail */
    public ProductionExceptionHandler productionExceptionHandler() {
        return instance(DEFAULT_PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ProductionExceptionHandler.class);
    }

    private <T> T instance(String key, Class<T> type) {
        Object v = get(key);
        if (v == null) {
            return null;
        }
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        Class<?> cls;
        if (v instanceof Class<?> c) {
            cls = c;
        } else {
            try {
                cls = Class.forName(v.toString().trim(), true, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException e) {
                throw new ConfigException(key, v, "class not found");
            }
        }
        if (!type.isAssignableFrom(cls)) {
            throw new ConfigException(key, v, "class " + cls.getName() + " does not implement " + type.getName());
        }
        try {
            Object o = cls.getDeclaredConstructor().newInstance();
            if (o instanceof Serde<?> s) {
                s.configure(values, key.equals(DEFAULT_KEY_SERDE_CLASS_CONFIG));
            }
            return type.cast(o);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException e) {
            throw new ConfigException(key, v, "cannot instantiate " + cls.getName() + " with a public no-arg"
                    + " constructor: " + e);
        }
    }

    @Override
    public String toString() {
        return "StreamsConfig" + values;
    }
}

package io.eddy.streams.internal;

import io.eddy.log.Headers;
import io.eddy.log.LogRecord;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Deserializer;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serializer;
import io.eddy.state.RocksDBMemoryBudget;
import io.eddy.state.StateRestoreListener;
import io.eddy.state.StateStore;
import io.eddy.state.StoreBuilder;
import io.eddy.state.ThreadCache;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.errors.DeserializationExceptionHandler;
import io.eddy.streams.errors.ErrorHandlerContext;
import io.eddy.streams.errors.HandlerResponse;
import io.eddy.streams.errors.LogAndFailExceptionHandler;
import io.eddy.streams.errors.LogAndFailProcessingExceptionHandler;
import io.eddy.streams.errors.DefaultProductionExceptionHandler;
import io.eddy.streams.errors.ProcessingExceptionHandler;
import io.eddy.streams.errors.ProductionExceptionHandler;
import io.eddy.streams.errors.StreamsException;
import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.processor.Cancellable;
import io.eddy.streams.processor.PunctuationType;
import io.eddy.streams.processor.Punctuator;
import io.eddy.streams.processor.RecordContext;
import io.eddy.streams.processor.TaskId;
import io.eddy.streams.processor.TimestampExtractor;
import io.eddy.streams.processor.api.Record;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task: the nodes of a subtopology instantiated for one partition, its stores, and per input partition a queue of
 * deserialized records. It always processes the queued record with the lowest timestamp next (waiting for a partition
 * that has unfetched data in the log, up to {@code max.task.idle.ms}), passes it depth-first through the nodes, and
 * fires punctuations. Single-threaded: owned by one stream thread.
 */
public final class StreamTask implements TaskContext {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTask.class);

    private final TaskId id;
    private final InternalTopologyBuilder.Subtopology subtopology;
    private final InternalTopologyBuilder builder;
    private final StreamsConfig config;
    private final LogBackend backend;
    private final RepartitionExchange exchange;
    private final RecordCollector collector;
    private final Clock clock;
    private final ToIntFunction<String> partitionCounts;
    private final TaskMetrics metrics = new TaskMetrics();
    private final Map<String, RuntimeNode> nodes = new LinkedHashMap<>();
    private final List<RecordQueue> queues = new ArrayList<>();
    private final Map<TopicPartition, RecordQueue> logQueues = new HashMap<>();
    private final Map<String, Set<String>> storesByProcessor = new HashMap<>();
    private final List<PunctuationSchedule> streamTimeSchedules = new ArrayList<>();
    private final List<PunctuationSchedule> wallClockSchedules = new ArrayList<>();
    private final TaskStoreContext stateManager;
    private final Serde<?> keySerde;
    private final Serde<?> valueSerde;
    private final DeserializationExceptionHandler deserializationHandler;
    private final ProcessingExceptionHandler processingHandler;
    private final ProductionExceptionHandler productionHandler;
    private final String deadLetterTopic;
    private final long maxTaskIdleMs;
    private final Map<String, StateStore> globalStores;
    private final CurrentRecord current = new CurrentRecord();
    private long streamTime = -1;
    private long idleSinceMs = -1;
    private boolean commitRequested;
    private boolean initialized;
    private volatile Map<String, StateStore> storesView = Map.of();

    /** The record context of the record being processed (or of a punctuation). */
    private static final class CurrentRecord implements RecordContext {
        String topic;
        int partition = -1;
        long offset = -1;
        long timestamp;
        Headers headers = Headers.empty();

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public int partition() {
            return partition;
        }

        @Override
        public long offset() {
            return offset;
        }

        @Override
        public long timestamp() {
            return timestamp;
        }

        @Override
        public Headers headers() {
            return headers;
        }
    }

    StreamTask(TaskId id, InternalTopologyBuilder.Subtopology subtopology, InternalTopologyBuilder builder,
               StreamsConfig config, LogBackend backend, RepartitionExchange exchange, RecordCollector collector,
               Clock clock, Path stateDir, ThreadCache cache, RocksDBMemoryBudget memoryBudget,
               ToIntFunction<String> partitionCounts, Map<String, StateStore> globalStores) {
        this.id = id;
        this.subtopology = subtopology;
        this.builder = builder;
        this.config = config;
        this.backend = backend;
        this.exchange = exchange;
        this.collector = collector;
        this.clock = clock;
        this.partitionCounts = partitionCounts;
        this.globalStores = globalStores;
        this.keySerde = config.defaultKeySerde();
        this.valueSerde = config.defaultValueSerde();
        DeserializationExceptionHandler dh = config.deserializationExceptionHandler();
        this.deserializationHandler = dh != null ? dh : new LogAndFailExceptionHandler();
        ProcessingExceptionHandler ph = config.processingExceptionHandler();
        this.processingHandler = ph != null ? ph : new LogAndFailProcessingExceptionHandler();
        ProductionExceptionHandler prh = config.productionExceptionHandler();
        this.productionHandler = prh != null ? prh : new DefaultProductionExceptionHandler();
        this.deadLetterTopic = config.getString(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        this.maxTaskIdleMs = config.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG);
        this.stateManager = new TaskStoreContext(this, stateDir, backend, collector, cache, memoryBudget, clock,
                config.getBoolean(StreamsConfig.STATESTORE_FSYNC_CONFIG), config.exactlyOnce());
        buildNodes();
    }

    @SuppressWarnings("unchecked")
    private void buildNodes() {
        Map<String, NodeDefinition> defs = builder.nodes();
        String appId = config.applicationId();
        for (String name : subtopology.nodeNames()) {
            NodeDefinition d = defs.get(name);
            RuntimeNode node;
            if (d instanceof NodeDefinition.Source s) {
                Deserializer<Object> kd = (Deserializer<Object>) (s.keyDeserializer != null ? s.keyDeserializer
                        : keySerde == null ? null : keySerde.deserializer());
                Deserializer<Object> vd = (Deserializer<Object>) (s.valueDeserializer != null ? s.valueDeserializer
                        : valueSerde == null ? null : valueSerde.deserializer());
                TimestampExtractor te = s.timestampExtractor != null ? s.timestampExtractor
                        : config.defaultTimestampExtractor();
                node = new SourceNodeRuntime(name, kd, vd, te);
                for (String topic : s.topics) {
                    String real = builder.resolveTopic(appId, topic);
                    boolean inMemory = exchange.handles(real);
                    if (!inMemory && (kd == null || vd == null)) {
                        throw new TopologyException("source '" + name + "' has no " + (kd == null ? "key" : "value")
                                + " deserializer: pass one to addSource or set "
                                + (kd == null ? StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG
                                : StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG));
                    }
                    RecordQueue q = inMemory
                            ? new RecordQueue(real, id.partition(), (SourceNodeRuntime) node,
                                    exchange.queue(real, id.partition()), exchange)
                            : new RecordQueue(real, id.partition(), (SourceNodeRuntime) node);
                    queues.add(q);
                    if (!inMemory) {
                        logQueues.put(new TopicPartition(real, id.partition()), q);
                    }
                }
            } else if (d instanceof NodeDefinition.Processor p) {
                node = new ProcessorNodeRuntime(name, p.supplier.get(), this);
                storesByProcessor.put(name, p.stores);
            } else {
                NodeDefinition.Sink s = (NodeDefinition.Sink) d;
                String topic = s.topic == null ? null : builder.resolveTopic(appId, s.topic);
                boolean inMemory = topic != null && exchange.handles(topic);
                Serializer<?> ks = s.keySerializer != null ? s.keySerializer
                        : keySerde == null ? null : keySerde.serializer();
                Serializer<?> vs = s.valueSerializer != null ? s.valueSerializer
                        : valueSerde == null ? null : valueSerde.serializer();
                if (ks == null || (vs == null && !inMemory)) {
                    throw new TopologyException("sink '" + name + "' has no " + (ks == null ? "key" : "value")
                            + " serializer: pass one to addSink or set "
                            + (ks == null ? StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG
                            : StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG));
                }
                node = new SinkNodeRuntime(name, topic, s.topicExtractor, ks, vs, s.partitioner, this, inMemory);
            }
            nodes.put(name, node);
        }
        for (String name : subtopology.nodeNames()) {
            for (String child : defs.get(name).children()) {
                nodes.get(name).children.add(nodes.get(child));
            }
        }
    }

    /** Opens and restores the stores, then initializes the processors. */
    long initialize(StateRestoreListener restoreListener) {
        for (String storeName : subtopology.storeNames()) {
            StateStore store = builder.stores().get(storeName).builder().build();
            store.init(stateManager, store);
        }
        CountingRestoreListener counting = new CountingRestoreListener(restoreListener);
        stateManager.restore(counting);
        long restored = counting.total();
        metrics.restored.add(restored);
        storesView = Map.copyOf(stateManager.stores());
        for (RuntimeNode n : nodes.values()) {
            n.init();
        }
        initialized = true;
        return restored;
    }

    /** Deserializes fetched records of one input partition into its queue. */
    void addRecords(TopicPartition tp, List<LogRecord> records, boolean caughtUp) {
        RecordQueue q = logQueues.get(tp);
        if (q == null) {
            throw new IllegalStateException("task " + id + " does not read " + tp);
        }
        SourceNodeRuntime source = q.source;
        for (LogRecord r : records) {
            Object key;
            Object value;
            try {
                key = source.keyDeserializer.deserialize(r.topic(), r.headers(), r.key());
                value = source.valueDeserializer.deserialize(r.topic(), r.headers(), r.value());
            } catch (RuntimeException e) {
                ErrorHandlerContext ctx = new ErrorHandlerContext(r.topic(), r.partition(), r.offset(), r.headers(),
                        source.name, id, r.timestamp());
                if (deserializationHandler.handle(ctx, r, e) == HandlerResponse.CONTINUE) {
                    metrics.droppedRecord();
                    deadLetter(ctx, r.key(), r.value(), e);
                    q.processedUpTo = Math.max(q.processedUpTo, r.offset() + 1);
                    continue;
                }
                throw new StreamsException("task " + id + ": record " + r.topic() + "-" + r.partition() + "@"
                        + r.offset() + " cannot be deserialized by source '" + source.name + "': " + e, e);
            }
            long ts = source.timestampExtractor == null ? r.timestamp()
                    : source.timestampExtractor.extract(r, key, value, q.partitionTime);
            if (ts < 0) {
                LOG.warn("task {}: dropping record {}-{}@{} with invalid timestamp {}", id, r.topic(), r.partition(),
                        r.offset(), ts);
                metrics.droppedRecord();
                q.processedUpTo = Math.max(q.processedUpTo, r.offset() + 1);
                continue;
            }
            q.partitionTime = Math.max(q.partitionTime, ts);
            q.add(new StampedRecord(key, value, ts, r.headers(), r.topic(), r.partition(), r.offset()));
        }
        q.caughtUp = caughtUp;
    }

    /** @return how many records are buffered for {@code tp} */
    int buffered(TopicPartition tp) {
        RecordQueue q = logQueues.get(tp);
        return q == null ? 0 : q.size();
    }

    void setCaughtUp(TopicPartition tp, boolean caughtUp) {
        RecordQueue q = logQueues.get(tp);
        if (q != null) {
            q.caughtUp = caughtUp;
        }
    }

    Set<TopicPartition> logPartitions() {
        return logQueues.keySet();
    }

    /**
     * Processes up to {@code max} records in timestamp order across partitions.
     *
     * @return records processed
     */
    int process(int max) {
        int done = 0;
        long t0 = System.nanoTime();
        while (done < max) {
            RecordQueue next = nextQueue();
            if (next == null) {
                break;
            }
            processOne(next);
            done++;
        }
        if (done > 0) {
            metrics.processNanos.add(System.nanoTime() - t0); // per batch, not per record: nanoTime is not free
        }
        return done;
    }

    /**
     * Processes only records handed over through the in-memory exchange (the commit cut drains those without taking
     * new input).
     *
     * @return records processed
     */
    int processExchangeOnly(int max) {
        int done = 0;
        while (done < max) {
            RecordQueue best = null;
            long bestTs = Long.MAX_VALUE;
            for (int i = 0, n = queues.size(); i < n; i++) {
                RecordQueue q = queues.get(i);
                if (!q.fromExchange()) {
                    continue;
                }
                StampedRecord head = q.peek();
                if (head != null && head.timestamp() < bestTs) {
                    bestTs = head.timestamp();
                    best = q;
                }
            }
            if (best == null) {
                break;
            }
            processOne(best);
            done++;
        }
        return done;
    }

    private RecordQueue nextQueue() {
        RecordQueue best = null;
        long bestTs = Long.MAX_VALUE;
        boolean waiting = false;
        for (int i = 0, n = queues.size(); i < n; i++) {
            RecordQueue q = queues.get(i);
            StampedRecord head = q.peek();
            if (head == null) {
                if (!q.fromExchange() && !q.caughtUp) {
                    waiting = true;
                }
                continue;
            }
            if (head.timestamp() < bestTs) {
                bestTs = head.timestamp();
                best = q;
            }
        }
        if (best == null) {
            idleSinceMs = -1;
            return null;
        }
        if (waiting && maxTaskIdleMs >= 0) {
            // a partition has data in the log not fetched yet: wait for it (time synchronization) up to the idle limit
            long now = clock.millis();
            if (idleSinceMs < 0) {
                idleSinceMs = now;
            }
            // 0 waits until the unfetched data is fetched (the thread fetches before it processes again)
            if (maxTaskIdleMs == 0 || now - idleSinceMs < maxTaskIdleMs) {
                return null;
            }
        }
        idleSinceMs = -1;
        return best;
    }

    @SuppressWarnings("unchecked")
    private void processOne(RecordQueue q) {
        StampedRecord r = q.poll();
        current.topic = r.topic();
        current.partition = r.partition();
        current.offset = r.offset();
        current.timestamp = r.timestamp();
        current.headers = r.headers();
        if (r.timestamp() > streamTime) {
            streamTime = r.timestamp();
        }
        Headers headers = r.headers().isEmpty() ? new Headers() : r.headers().copy();
        q.source.process(new Record<>(r.key(), r.value(), r.timestamp(), headers));
        if (r.offset() >= 0) {
            q.processedUpTo = r.offset() + 1;
        }
        metrics.processedRecord();
        punctuateStreamTime();
    }

    private void punctuateStreamTime() {
        for (int i = 0; i < streamTimeSchedules.size(); i++) {
            PunctuationSchedule s = streamTimeSchedules.get(i);
            if (s.dueAt(streamTime)) {
                punctuate(s, streamTime);
            }
        }
        streamTimeSchedules.removeIf(s -> s.cancelled);
    }

    /** Fires due wall-clock punctuations. */
    int punctuateWallClock(long now) {
        int fired = 0;
        for (int i = 0; i < wallClockSchedules.size(); i++) {
            PunctuationSchedule s = wallClockSchedules.get(i);
            if (s.dueAt(now)) {
                punctuate(s, now);
                fired++;
            }
        }
        wallClockSchedules.removeIf(s -> s.cancelled);
        return fired;
    }

    private void punctuate(PunctuationSchedule s, long time) {
        current.topic = null;
        current.partition = -1;
        current.offset = -1;
        current.timestamp = time;
        current.headers = new Headers();
        try {
            s.punctuator.punctuate(time);
            metrics.punctuations.increment();
        } catch (ProcessingFailure e) {
            throw e;
        } catch (RuntimeException e) {
            ErrorHandlerContext ctx = errorContext(s.nodeName, time);
            if (processingHandler.handle(ctx, new Record<>(null, null, Math.max(0, time)), e) == HandlerResponse.CONTINUE) {
                return;
            }
            throw new StreamsException("punctuation of processor '" + s.nodeName + "' in task " + id + " failed: " + e, e);
        }
    }

    /** Advances stream time without a record (idle advance by wall clock), firing stream-time punctuations. */
    void advanceStreamTime(long time) {
        if (time > streamTime) {
            streamTime = time;
            punctuateStreamTime();
        }
    }

    /** Flushes stores (caches emit their dirty entries downstream, writes go to the changelog collector). */
    void flushState() {
        stateManager.flush();
    }

    /** @return the next offset to consume of every partition this task processed records of */
    Map<TopicPartition, OffsetAndMetadata> committableOffsets() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (Map.Entry<TopicPartition, RecordQueue> e : logQueues.entrySet()) {
            long p = e.getValue().processedUpTo;
            if (p >= 0) {
                out.put(e.getKey(), OffsetAndMetadata.of(p));
            }
        }
        return out;
    }

    void checkpoint() {
        stateManager.checkpoint(false);
        commitRequested = false;
    }

    /** Exactly-once: after the log transaction committed, makes the stores' state durable at that commit. */
    void commitState() {
        stateManager.commitState();
        commitRequested = false;
    }

    boolean commitRequested() {
        return commitRequested;
    }

    boolean hasBufferedRecords() {
        for (RecordQueue q : queues) {
            if (!q.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** @return the task's stores once initialized; safe to read from any thread */
    public Map<String, StateStore> storesView() {
        return storesView;
    }

    long streamTimeMs() {
        return streamTime;
    }

    /** Closes processors and stores; buffered input is dropped (it will be fetched again from the committed offsets). */
    void close(boolean cleanClose) {
        RuntimeException first = null;
        if (initialized) {
            for (RuntimeNode n : nodes.values()) {
                try {
                    n.close();
                } catch (RuntimeException e) {
                    LOG.warn("closing node {} of task {} failed", n.name, id, e);
                    first = first == null ? e : first;
                }
            }
        }
        try {
            if (initialized && cleanClose) {
                stateManager.checkpoint(true);
            }
            stateManager.close();
        } catch (RuntimeException e) {
            first = first == null ? e : first;
        }
        for (RecordQueue q : queues) {
            q.clear();
        }
        if (first != null) {
            throw first;
        }
    }

    /** @return the offset after the last record processed from {@code tp}; read from other threads, so approximate */
    long processedPosition(TopicPartition tp) {
        RecordQueue q = logQueues.get(tp);
        return q == null ? -1 : q.processedUpTo;
    }

    long lag(TopicPartition tp, long endOffset) {
        RecordQueue q = logQueues.get(tp);
        return q == null ? 0 : Math.max(0, endOffset - Math.max(0, q.processedUpTo));
    }

    // ---- TaskContext ----

    @Override
    public TaskId taskId() {
        return id;
    }

    @Override
    public String applicationId() {
        return config.applicationId();
    }

    @Override
    public Map<String, Object> appConfigs() {
        return config.values();
    }

    @Override
    public Serde<?> defaultKeySerde() {
        return keySerde;
    }

    @Override
    public Serde<?> defaultValueSerde() {
        return valueSerde;
    }

    @Override
    public File stateDir() {
        return stateManager.stateDir();
    }

    @Override
    public StateStore store(String processorName, String storeName) {
        StateStore global = globalStores.get(storeName);
        if (global != null) {
            return global; // global stores are readable by every processor, as in Kafka Streams
        }
        Set<String> allowed = storesByProcessor.get(processorName);
        if (allowed == null || !allowed.contains(storeName)) {
            return null;
        }
        return storesView.get(storeName);
    }

    @Override
    public RecordContext recordContext() {
        return current;
    }

    @Override
    public long streamTime() {
        return streamTime;
    }

    @Override
    public long wallClockTime() {
        return clock.millis();
    }

    @Override
    public Cancellable schedule(String processorName, Duration interval, PunctuationType type, Punctuator punctuator) {
        long ms = interval.toMillis();
        PunctuationSchedule s;
        if (type == PunctuationType.STREAM_TIME) {
            s = new PunctuationSchedule(processorName, ms, type, punctuator, streamTime < 0 ? -1 : streamTime + ms);
            streamTimeSchedules.add(s);
        } else {
            s = new PunctuationSchedule(processorName, ms, type, punctuator, clock.millis() + ms);
            wallClockSchedules.add(s);
        }
        return s;
    }

    @Override
    public void requestCommit() {
        commitRequested = true;
    }

    @Override
    public RecordCollector collector() {
        return collector;
    }

    @Override
    public RepartitionExchange exchange() {
        return exchange;
    }

    @Override
    public int partitionCount(String topic) {
        return partitionCounts.applyAsInt(topic);
    }

    @Override
    public ProcessingExceptionHandler processingExceptionHandler() {
        return processingHandler;
    }

    @Override
    public ProductionExceptionHandler productionExceptionHandler() {
        return productionHandler;
    }

    @Override
    public DeserializationExceptionHandler deserializationExceptionHandler() {
        return deserializationHandler;
    }

    @Override
    public ErrorHandlerContext errorContext(String processorName, long timestamp) {
        return new ErrorHandlerContext(current.topic, current.partition, current.offset, current.headers,
                processorName, id, timestamp);
    }

    @Override
    public void deadLetter(ErrorHandlerContext ctx, byte[] key, byte[] value, Exception error) {
        if (deadLetterTopic == null) {
            return;
        }
        Headers h = ctx.headers() == null ? new Headers() : ctx.headers().copy();
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        h.add("__streams.errors.exception", error.getClass().getName().getBytes(StandardCharsets.UTF_8));
        h.add("__streams.errors.message", String.valueOf(error.getMessage()).getBytes(StandardCharsets.UTF_8));
        h.add("__streams.errors.stacktrace", trace.toString().getBytes(StandardCharsets.UTF_8));
        h.add("__streams.errors.topic", String.valueOf(ctx.topic()).getBytes(StandardCharsets.UTF_8));
        h.add("__streams.errors.partition", Integer.toString(ctx.partition()).getBytes(StandardCharsets.UTF_8));
        h.add("__streams.errors.offset", Long.toString(ctx.offset()).getBytes(StandardCharsets.UTF_8));
        int partitions = partitionCount(deadLetterTopic);
        collector.send(deadLetterTopic, Math.max(0, ctx.partition()) % partitions, key, value,
                Math.max(0, ctx.timestamp()), h);
    }

    @Override
    public TaskMetrics metrics() {
        return metrics;
    }

    @Override
    public String toString() {
        return "StreamTask(" + id + ")";
    }
}

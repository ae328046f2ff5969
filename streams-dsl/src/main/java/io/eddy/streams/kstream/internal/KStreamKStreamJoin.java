package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StoreBuilder;
import io.eddy.state.Stores;
import io.eddy.state.WindowBytesStoreSupplier;
import io.eddy.state.WindowStore;
import io.eddy.state.WindowStoreIterator;
import io.eddy.streams.kstream.JoinWindows;
import io.eddy.streams.kstream.ValueJoinerWithKey;
import io.eddy.streams.processor.TaskId;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KStream-KStream windowed join (inner, left or outer), as Kafka Streams' {@code KStreamKStreamJoin}. It is two
 * processors, {@link #leftSide()} and {@link #rightSide()}, fed by the two streams; their outputs are the join's
 * output (wire both to the same children). Each side processor joins a record with the other side's window store,
 * then adds it to its own.
 *
 * <p>Semantics, for a left record at {@code t} (a right record symmetrically with before/after swapped):
 * <ul>
 *   <li>it joins every right record of its key in {@code [t - before, t + after]}, bounds inclusive; each result
 *   has timestamp {@code max(left, right)};</li>
 *   <li>in a left/outer join, an unmatched record is kept in the outer-join store and its null-joined result
 *   ({@code joiner(key, left, null)}) is emitted only once its window has closed, i.e. when stream time (the task's)
 *   exceeds {@code t + after + grace} ({@code t + before + grace} for a right record), with the record's own
 *   timestamp; a match arriving before then removes it. Null-joined results due at a record are emitted before that
 *   record's inner results. A record whose window has already closed when it arrives is null-joined at once;</li>
 *   <li>records with a null key or value are dropped and counted (they still advanced stream time).</li>
 * </ul>
 *
 * <p>Stores (build them with {@link #windowStoreBuilder} and {@link #outerJoinStoreBuilder}): the left window store
 * (connected to both processors), the right window store (both), and for left/outer joins the outer-join store (both).
 *
 * @param <K> the key type
 * @param <VL> the left value type
 * @param <VR> the right value type
 * @param <VOut> the result type
 */
public final class KStreamKStreamJoin<K, VL, VR, VOut> {
    private static final Logger LOG = LoggerFactory.getLogger(KStreamKStreamJoin.class);

    private final JoinWindows windows;
    private final String leftStoreName;
    private final String rightStoreName;
    private final String outerJoinStoreName;
    private final boolean leftOuter;
    private final boolean rightOuter;
    private final ValueJoinerWithKey<? super K, ? super VL, ? super VR, ? extends VOut> joiner;
    private final Serde<K> keySerde;
    private final Serde<VL> leftSerde;
    private final Serde<VR> rightSerde;
    private final DroppedRecordsSensor dropped;
    /** Per task: a lower bound of the timestamps in the outer-join store, shared by the two side processors. */
    private final Map<TaskId, long[]> minOuterTime = new ConcurrentHashMap<>();

    /**
     * @param windows the join windows
     * @param leftStoreName the left window store
     * @param rightStoreName the right window store
     * @param outerJoinStoreName the outer-join store; required when {@code leftOuter} or {@code rightOuter}
     * @param leftOuter whether unmatched left records are emitted (left and outer joins)
     * @param rightOuter whether unmatched right records are emitted (outer joins)
     * @param joiner computes results; gets null for the missing side of a null-joined result
     * @param keySerde key serde of the outer-join store, or null for the default
     * @param leftSerde left value serde of the outer-join store, or null for the default
     * @param rightSerde right value serde of the outer-join store, or null for the default
     */
    public KStreamKStreamJoin(JoinWindows windows, String leftStoreName, String rightStoreName,
                              String outerJoinStoreName, boolean leftOuter, boolean rightOuter,
                              ValueJoinerWithKey<? super K, ? super VL, ? super VR, ? extends VOut> joiner,
                              Serde<K> keySerde, Serde<VL> leftSerde, Serde<VR> rightSerde) {
        this.windows = Objects.requireNonNull(windows, "windows");
        this.leftStoreName = Objects.requireNonNull(leftStoreName, "leftStoreName");
        this.rightStoreName = Objects.requireNonNull(rightStoreName, "rightStoreName");
        if ((leftOuter || rightOuter) && outerJoinStoreName == null) {
            throw new IllegalArgumentException("a left or outer stream-stream join needs an outer-join store, left store="
                    + leftStoreName);
        }
        this.outerJoinStoreName = leftOuter || rightOuter ? outerJoinStoreName : null;
        this.leftOuter = leftOuter;
        this.rightOuter = rightOuter;
        this.joiner = Objects.requireNonNull(joiner, "joiner");
        this.keySerde = keySerde;
        this.leftSerde = leftSerde;
        this.rightSerde = rightSerde;
        this.dropped = new DroppedRecordsSensor("stream-stream join of stores " + leftStoreName + "/" + rightStoreName);
    }

    /**
     * The retention the window stores need: {@code before + after + grace + 1}. A record still within its grace
     * period (stream time {@code <= t + after + grace}) must find the other side's records down to
     * {@code t - before}; a window store drops starts at or before its stream time minus the retention, hence the
     * extra millisecond.
     *
     * @param windows the join windows
     * @return the retention in ms
     */
    public static long retentionMs(JoinWindows windows) {
        return windows.beforeMs + windows.afterMs + windows.gracePeriodMs() + 1;
    }

    /**
     * @param name the store name
     * @param windows the join windows
     * @param keySerde the key serde
     * @param valueSerde this side's value serde
     * @param persistent RocksDB (true) or in-memory
     * @param <K> key type
     * @param <V> value type
     * @return a builder of a side's window store (duplicates retained, logging enabled, caching disabled)
     */
    public static <K, V> StoreBuilder<WindowStore<K, V>> windowStoreBuilder(String name, JoinWindows windows,
            Serde<K> keySerde, Serde<V> valueSerde, boolean persistent) {
        Duration retention = Duration.ofMillis(retentionMs(windows));
        Duration size = Duration.ofMillis(windows.size());
        WindowBytesStoreSupplier supplier = persistent
                ? Stores.persistentWindowStore(name, retention, size, true)
                : Stores.inMemoryWindowStore(name, retention, size, true);
        return Stores.windowStoreBuilder(supplier, keySerde, valueSerde).withCachingDisabled();
    }

    /**
     * @param name the store name
     * @param persistent RocksDB (true) or in-memory
     * @return a builder of the outer-join store (logging enabled, caching disabled; layout {@link OuterJoinStoreLayout})
     */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> outerJoinStoreBuilder(String name, boolean persistent) {
        return Stores.keyValueStoreBuilder(persistent ? Stores.persistentKeyValueStore(name)
                : Stores.inMemoryKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled();
    }

    /** @return the processor for left records */
    public ProcessorSupplier<K, VL, K, VOut> leftSide() {
        return () -> new SideProcessor<VL, VR>(true);
    }

    /** @return the processor for right records */
    public ProcessorSupplier<K, VR, K, VOut> rightSide() {
        return () -> new SideProcessor<VR, VL>(false);
    }

    /** @return records dropped so far (null key or value), over all tasks and both sides */
    public long droppedRecords() {
        return dropped.count();
    }

    /**
     * @param <VThis> the value type of this side
     * @param <VOther> the value type of the other side
     */
    private final class SideProcessor<VThis, VOther> extends ContextualProcessor<K, VThis, K, VOut> {
        private final boolean isLeft;
        private final boolean thisOuter;
        private final long beforeMs;
        private final long afterMs;
        private WindowStore<K, VThis> thisStore;
        private WindowStore<K, VOther> otherStore;
        private KeyValueStore<Bytes, byte[]> outerStore;
        private Serde<K> keys;
        private Serde<VL> lefts;
        private Serde<VR> rights;
        private long[] minTime;

        SideProcessor(boolean isLeft) {
            this.isLeft = isLeft;
            this.thisOuter = isLeft ? leftOuter : rightOuter;
            this.beforeMs = isLeft ? windows.beforeMs : windows.afterMs;
            this.afterMs = isLeft ? windows.afterMs : windows.beforeMs;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void init(ProcessorContext<K, VOut> context) {
            super.init(context);
            thisStore = context.getStateStore(isLeft ? leftStoreName : rightStoreName);
            otherStore = context.getStateStore(isLeft ? rightStoreName : leftStoreName);
            if (outerJoinStoreName != null) {
                outerStore = context.getStateStore(outerJoinStoreName);
                keys = keySerde != null ? keySerde : (Serde<K>) context.keySerde();
                lefts = leftSerde != null ? leftSerde : (Serde<VL>) context.valueSerde();
                rights = rightSerde != null ? rightSerde : (Serde<VR>) context.valueSerde();
                // 0 until the first scan: the store may hold records restored from its changelog
                minTime = minOuterTime.computeIfAbsent(context.taskId(), id -> new long[] {0});
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public void process(Record<K, VThis> record) {
            long streamTime = context().currentStreamTimeMs();
            if (record.key() == null || record.value() == null) {
                dropped.record(context(), LOG, record.key() == null ? "null key" : "null value", record.timestamp(), streamTime);
                return;
            }
            if (outerStore != null) {
                emitClosedOuterRecords(record, streamTime);
            }
            long t = record.timestamp();
            boolean matched = false;
            try (WindowStoreIterator<VOther> it = otherStore.fetch(record.key(), Math.max(0, t - beforeMs),
                    Math.max(0, t + afterMs))) {
                while (it.hasNext()) {
                    KeyValue<Long, VOther> other = it.next();
                    matched = true;
                    if (outerStore != null) {
                        outerStore.delete(OuterJoinStoreLayout.key(other.key, !isLeft, keyBytes(record.key())));
                    }
                    context().forward(record.withValue(join(record.key(), record.value(), other.value))
                            .withTimestamp(Math.max(t, other.key)));
                }
            }
            if (!matched && thisOuter) {
                if (t + afterMs + windows.gracePeriodMs() < streamTime) {
                    context().forward(record.withValue(join(record.key(), record.value(), null)));
                } else {
                    Bytes key = OuterJoinStoreLayout.key(t, isLeft, keyBytes(record.key()));
                    byte[] value = isLeft ? lefts.serializer().serialize(outerJoinStoreName, (VL) record.value())
                            : rights.serializer().serialize(outerJoinStoreName, (VR) record.value());
                    outerStore.put(key, OuterJoinStoreLayout.append(outerStore.get(key), value));
                    minTime[0] = Math.min(minTime[0], t);
                }
            }
            thisStore.put(record.key(), record.value(), t);
        }

        private byte[] keyBytes(K key) {
            return keys.serializer().serialize(outerJoinStoreName, key);
        }

        @SuppressWarnings("unchecked")
        private VOut join(K key, Object thisValue, Object otherValue) {
            return isLeft ? joiner.apply(key, (VL) thisValue, (VR) otherValue)
                    : joiner.apply(key, (VL) otherValue, (VR) thisValue);
        }

        /** Emits and removes the outer-join store's records whose join window has closed. */
        private void emitClosedOuterRecords(Record<K, VThis> trigger, long streamTime) {
            long grace = windows.gracePeriodMs();
            // the smallest look-ahead of either side: nothing can be due before minTime + that + grace
            if (minTime[0] + Math.min(windows.beforeMs, windows.afterMs) + grace >= streamTime) {
                return;
            }
            List<Bytes> emitted = new ArrayList<>();
            long nextMin = Long.MAX_VALUE;
            boolean leftOpen = false;
            boolean rightOpen = false;
            try (KeyValueIterator<Bytes, byte[]> it = outerStore.all()) {
                while (it.hasNext() && !(leftOpen && rightOpen)) {
                    KeyValue<Bytes, byte[]> e = it.next();
                    long ts = OuterJoinStoreLayout.timestamp(e.key);
                    boolean left = OuterJoinStoreLayout.isLeft(e.key);
                    // a left record's partners may come until ts + after; a right record's until ts + before
                    long lookAhead = left ? windows.afterMs : windows.beforeMs;
                    if (ts + lookAhead + grace >= streamTime) {
                        nextMin = Math.min(nextMin, ts);
                        leftOpen |= left;
                        rightOpen |= !left;
                        continue;
                    }
                    K key = keys.deserializer().deserialize(outerJoinStoreName, OuterJoinStoreLayout.recordKey(e.key));
                    for (byte[] v : OuterJoinStoreLayout.values(e.value)) {
                        VOut result = left
                                ? joiner.apply(key, lefts.deserializer().deserialize(outerJoinStoreName, v), null)
                                : joiner.apply(key, null, rights.deserializer().deserialize(outerJoinStoreName, v));
                        context().forward(new Record<>(key, result, ts, trigger.headers()));
                    }
                    emitted.add(e.key);
                }
            }
            for (Bytes k : emitted) {
                outerStore.delete(k);
            }
            minTime[0] = nextMin;
        }

        @Override
        public void close() {
            if (outerStore != null) {
                minOuterTime.remove(context().taskId());
            }
        }
    }
}

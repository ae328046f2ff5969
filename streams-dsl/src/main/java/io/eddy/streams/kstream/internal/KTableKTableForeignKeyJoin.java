package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StoreBuilder;
import io.eddy.state.Stores;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.kstream.ValueJoiner;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KTable-KTable foreign-key join (inner or left), with Kafka Streams' results but a local design: instead of
 * sending subscriptions and responses through two repartition topics, both tables are read from the same task's
 * stores, and a subscription store indexes which left keys currently point at each foreign key.
 *
 * <ul>
 *   <li>{@link #leftSide()} gets the left table's changes: it moves the key's subscription from the old to the new
 *   foreign key, looks up the right value of the new foreign key and forwards the key's new result;</li>
 *   <li>{@link #rightSide()} gets the right table's changes: it scans the subscriptions of that foreign key and
 *   forwards a new result for every left key still pointing at it (stale entries, left behind when old values were
 *   not available, are checked against the left store and removed).</li>
 * </ul>
 * Results are {@code Record<K, Change<VOut>>} keyed by the left key, with timestamp {@code max(trigger, other side)}:
 * {@code joiner(left, right)}, or in a left join {@code joiner(left, null)} without a right value (or with a null
 * foreign key); a tombstone where a result existed and no longer does (exact when the parents send old values, see
 * {@link KTableKTableJoin}).
 *
 * <p>This is correct when both tables live in the same task: single-partition sources (or tables co-located in one
 * task), which is what the DSL must guarantee when it wires it. Kafka Streams' repartitioning design is needed for
 * tables partitioned by different keys across several tasks.
 *
 * <p>Stores: the right table's getter stores and the subscription store ({@link #subscriptionStoreBuilder}) connected
 * to the left side; the left table's getter stores and the subscription store connected to the right side.
 *
 * @param <K> the left key type
 * @param <V> the left value type
 * @param <KO> the foreign (right) key type
 * @param <VO> the right value type
 * @param <VOut> the result type
 */
public final class KTableKTableForeignKeyJoin<K, V, KO, VO, VOut> {
    private static final Logger LOG = LoggerFactory.getLogger(KTableKTableForeignKeyJoin.class);

    private final KTableValueGetterSupplier<K, V> leftTable;
    private final KTableValueGetterSupplier<KO, VO> rightTable;
    private final String subscriptionStoreName;
    private final BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor;
    private final ValueJoiner<? super V, ? super VO, ? extends VOut> joiner;
    private final boolean leftJoin;
    private final Serde<K> keySerde;
    private final Serde<KO> foreignKeySerde;
    private final boolean parentsSendOldValues;
    private final DroppedRecordsSensor dropped;
    private boolean sendOldValues;

    /**
     * @param leftStoreName the left table's timestamped key-value store
     * @param rightStoreName the right table's timestamped key-value store
     * @param subscriptionStoreName the subscription store
     * @param foreignKeyExtractor maps a left record to the right key it joins with (null: no match)
     * @param joiner computes results
     * @param leftJoin whether left values without a right value produce {@code joiner(left, null)}
     * @param keySerde the left key serde, or null for the default
     * @param foreignKeySerde the right key serde, or null for the default
     * @param parentsSendOldValues whether both parents forward old values
     */
    public KTableKTableForeignKeyJoin(String leftStoreName, String rightStoreName, String subscriptionStoreName,
                                      BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                      ValueJoiner<? super V, ? super VO, ? extends VOut> joiner, boolean leftJoin,
                                      Serde<K> keySerde, Serde<KO> foreignKeySerde, boolean parentsSendOldValues) {
        this(new StoreValueGetterSupplier<>(leftStoreName), new StoreValueGetterSupplier<>(rightStoreName),
                subscriptionStoreName, foreignKeyExtractor, joiner, leftJoin, keySerde, foreignKeySerde,
                parentsSendOldValues);
    }

    /**
     * @param leftTable reads the left table's current values (its view)
     * @param rightTable reads the right table's current values (its view)
     * @param subscriptionStoreName the subscription store
     * @param foreignKeyExtractor maps a left record to the right key it joins with (null: no match)
     * @param joiner computes results
     * @param leftJoin whether left values without a right value produce {@code joiner(left, null)}
     * @param keySerde the left key serde, or null for the default
     * @param foreignKeySerde the right key serde, or null for the default
     * @param parentsSendOldValues whether both parents forward old values
     */
    public KTableKTableForeignKeyJoin(KTableValueGetterSupplier<K, V> leftTable,
                                      KTableValueGetterSupplier<KO, VO> rightTable, String subscriptionStoreName,
                                      BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                      ValueJoiner<? super V, ? super VO, ? extends VOut> joiner, boolean leftJoin,
                                      Serde<K> keySerde, Serde<KO> foreignKeySerde, boolean parentsSendOldValues) {
        this.leftTable = Objects.requireNonNull(leftTable, "leftTable");
        this.rightTable = Objects.requireNonNull(rightTable, "rightTable");
        this.subscriptionStoreName = Objects.requireNonNull(subscriptionStoreName, "subscriptionStoreName");
        this.foreignKeyExtractor = Objects.requireNonNull(foreignKeyExtractor, "foreignKeyExtractor");
        this.joiner = Objects.requireNonNull(joiner, "joiner");
        this.leftJoin = leftJoin;
        this.keySerde = keySerde;
        this.foreignKeySerde = foreignKeySerde;
        this.parentsSendOldValues = parentsSendOldValues;
        this.dropped = new DroppedRecordsSensor("foreign-key join with subscription store " + subscriptionStoreName);
    }

    /**
     * @param name the store name
     * @param persistent RocksDB (true) or in-memory
     * @return a builder of the subscription store (logging enabled, caching disabled)
     */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> subscriptionStoreBuilder(String name, boolean persistent) {
        return Stores.keyValueStoreBuilder(persistent ? Stores.persistentKeyValueStore(name)
                : Stores.inMemoryKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled();
    }

    /** Makes forwarded changes carry the old result. */
    public void enableSendingOldValues() {
        sendOldValues = true;
    }

    /** @return the processor for the left table's changes */
    public ProcessorSupplier<K, Change<V>, K, Change<VOut>> leftSide() {
        return LeftProcessor::new;
    }

    /** @return the processor for the right table's changes */
    public ProcessorSupplier<KO, Change<VO>, K, Change<VOut>> rightSide() {
        return RightProcessor::new;
    }

    /** @return records dropped so far (null keys), over all tasks and both sides */
    public long droppedRecords() {
        return dropped.count();
    }

    private VOut result(V left, VO right) {
        if (left == null) {
            return null;
        }
        if (right != null) {
            return joiner.apply(left, right);
        }
        return leftJoin ? joiner.apply(left, null) : null;
    }

    @SuppressWarnings("unchecked")
    private static <T> Serde<T> orDefault(Serde<T> serde, Serde<?> fallback) {
        return serde != null ? serde : (Serde<T>) fallback;
    }

    private final class LeftProcessor extends ContextualProcessor<K, Change<V>, K, Change<VOut>> {
        private KTableValueGetter<KO, VO> right;
        private KeyValueStore<Bytes, byte[]> subscriptions;
        private Serde<K> keys;
        private Serde<KO> foreignKeys;

        @Override
        public void init(ProcessorContext<K, Change<VOut>> context) {
            super.init(context);
            right = rightTable.get();
            right.init(context);
            subscriptions = context.getStateStore(subscriptionStoreName);
            keys = orDefault(keySerde, context.keySerde());
            foreignKeys = orDefault(foreignKeySerde, context.keySerde());
        }

        @Override
        public void process(Record<K, Change<V>> record) {
            K key = record.key();
            if (key == null) {
                dropped.record(context(), LOG, "null key", record.timestamp(), context().currentStreamTimeMs());
                return;
            }
            Change<V> change = record.value();
            KO newFk = change.newValue() == null ? null : foreignKeyExtractor.apply(key, change.newValue());
            KO oldFk = change.oldValue() == null ? null : foreignKeyExtractor.apply(key, change.oldValue());
            byte[] pk = keys.serializer().serialize(subscriptionStoreName, key);
            if (oldFk != null && !oldFk.equals(newFk)) {
                subscriptions.delete(SubscriptionStoreLayout.key(fkBytes(oldFk), pk));
            }
            if (newFk != null) {
                subscriptions.put(SubscriptionStoreLayout.key(fkBytes(newFk), pk), SubscriptionStoreLayout.PRESENT);
            }
            ValueAndTimestamp<VO> newRight = newFk == null ? null : right.get(newFk);
            VOut newResult = result(change.newValue(), ValueAndTimestamp.getValueOrNull(newRight));
            VOut oldResult = result(change.oldValue(),
                    oldFk == null ? null : ValueAndTimestamp.getValueOrNull(right.get(oldFk)));
            if (newResult == null && oldResult == null && parentsSendOldValues) {
                return;
            }
            long timestamp = newRight == null ? record.timestamp() : Math.max(record.timestamp(), newRight.timestamp());
            context().forward(record.withValue(new Change<>(newResult, sendOldValues ? oldResult : null))
                    .withTimestamp(timestamp));
        }

        private byte[] fkBytes(KO fk) {
            return foreignKeys.serializer().serialize(subscriptionStoreName, fk);
        }
    }

    private final class RightProcessor extends ContextualProcessor<KO, Change<VO>, K, Change<VOut>> {
        private KTableValueGetter<K, V> left;
        private KeyValueStore<Bytes, byte[]> subscriptions;
        private Serde<K> keys;
        private Serde<KO> foreignKeys;

        @Override
        public void init(ProcessorContext<K, Change<VOut>> context) {
            super.init(context);
            left = leftTable.get();
            left.init(context);
            subscriptions = context.getStateStore(subscriptionStoreName);
            keys = orDefault(keySerde, context.keySerde());
            foreignKeys = orDefault(foreignKeySerde, context.keySerde());
        }

        @Override
        public void process(Record<KO, Change<VO>> record) {
            KO fk = record.key();
            if (fk == null) {
                dropped.record(context(), LOG, "null key", record.timestamp(), context().currentStreamTimeMs());
                return;
            }
            Change<VO> change = record.value();
            List<Bytes> stale = new ArrayList<>();
            Bytes prefix = SubscriptionStoreLayout.prefix(foreignKeys.serializer().serialize(subscriptionStoreName, fk));
            try (KeyValueIterator<Bytes, byte[]> it = subscriptions.prefixScan(prefix, Serdes.Bytes().serializer())) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> sub = it.next();
                    K key = keys.deserializer().deserialize(subscriptionStoreName,
                            SubscriptionStoreLayout.primaryKey(sub.key));
                    ValueAndTimestamp<V> leftValue = left.get(key);
                    if (leftValue == null || !fk.equals(foreignKeyExtractor.apply(key, leftValue.value()))) {
                        stale.add(sub.key);
                        continue;
                    }
                    VOut newResult = result(leftValue.value(), change.newValue());
                    VOut oldResult = result(leftValue.value(), change.oldValue());
                    if (newResult == null && oldResult == null && parentsSendOldValues) {
                        continue;
                    }
                    context().forward(new Record<>(key, new Change<>(newResult, sendOldValues ? oldResult : null),
                            Math.max(record.timestamp(), leftValue.timestamp()), record.headers()));
                }
            }
            for (Bytes s : stale) {
                subscriptions.delete(s);
            }
        }
    }
}

package io.eddy.streams.kstream.internal;

import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.kstream.KeyValueMapper;
import io.eddy.streams.kstream.ValueJoinerWithKey;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KStream-KTable or KStream-GlobalKTable join (inner or left), as Kafka Streams' {@code KStreamKTableJoin} and
 * {@code KStreamGlobalKTableJoin}: each stream record looks up the table's current value for its key (or, for a
 * global table, for the key the key selector maps it to) through the table's {@link KTableValueGetter} (its
 * timestamped key-value store, or a getter computing an unmaterialized table's values) and forwards
 * {@code joiner(streamKey, streamValue, tableValue)} with the stream record's key and timestamp. Table updates do not
 * trigger output (the table's own processors keep the store current).
 *
 * <p>An inner join forwards nothing when the table has no value (or the lookup key is null); a left join forwards
 * {@code joiner(key, value, null)}. Stream records with a null value, and in an inner stream-table join with a null
 * key, are dropped and counted. Connect the getter's stores ({@link KTableValueGetterSupplier#storeNames()}) to
 * this processor; a global table's store needs no connection (global stores are readable from every processor).
 *
 * @param <K> the stream key type
 * @param <V> the stream value type
 * @param <KT> the table key type
 * @param <VT> the table value type
 * @param <VOut> the result type
 */
public final class KStreamKTableJoin<K, V, KT, VT, VOut> implements ProcessorSupplier<K, V, K, VOut> {
    private static final Logger LOG = LoggerFactory.getLogger(KStreamKTableJoin.class);

    private final KTableValueGetterSupplier<KT, VT> table;
    private final KeyValueMapper<? super K, ? super V, ? extends KT> keySelector;
    private final ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VOut> joiner;
    private final boolean leftJoin;
    private final boolean global;
    private final DroppedRecordsSensor dropped;

    private KStreamKTableJoin(KTableValueGetterSupplier<KT, VT> table,
                              KeyValueMapper<? super K, ? super V, ? extends KT> keySelector,
                              ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VOut> joiner,
                              boolean leftJoin, boolean global) {
        this.table = Objects.requireNonNull(table, "table");
        this.keySelector = Objects.requireNonNull(keySelector, "keySelector");
        this.joiner = Objects.requireNonNull(joiner, "joiner");
        this.leftJoin = leftJoin;
        this.global = global;
        this.dropped = new DroppedRecordsSensor((global ? "stream-globaltable" : "stream-table")
                + " join with stores " + String.join(",", table.storeNames()));
    }

    /**
     * @param tableStoreName the table's timestamped key-value store
     * @param joiner computes results
     * @param leftJoin whether records without a table value are joined with null
     * @param <K> key type
     * @param <V> stream value type
     * @param <VT> table value type
     * @param <VOut> result type
     * @return a KStream-KTable join
     */
    public static <K, V, VT, VOut> KStreamKTableJoin<K, V, K, VT, VOut> streamTable(String tableStoreName,
            ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VOut> joiner, boolean leftJoin) {
        return streamTable(new StoreValueGetterSupplier<>(tableStoreName), joiner, leftJoin);
    }

    /**
     * @param table reads the table's current values (its view)
     * @param joiner computes results
     * @param leftJoin whether records without a table value are joined with null
     * @param <K> key type
     * @param <V> stream value type
     * @param <VT> table value type
     * @param <VOut> result type
     * @return a KStream-KTable join
     */
    public static <K, V, VT, VOut> KStreamKTableJoin<K, V, K, VT, VOut> streamTable(
            KTableValueGetterSupplier<K, VT> table,
            ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VOut> joiner, boolean leftJoin) {
        return new KStreamKTableJoin<>(table, (k, v) -> k, joiner, leftJoin, false);
    }

    /**
     * @param globalStoreName the global table's timestamped key-value store
     * @param keySelector maps a stream record to the table key to look up
     * @param joiner computes results
     * @param leftJoin whether records without a table value are joined with null
     * @param <K> stream key type
     * @param <V> stream value type
     * @param <KG> global table key type
     * @param <VG> global table value type
     * @param <VOut> result type
     * @return a KStream-GlobalKTable join
     */
    public static <K, V, KG, VG, VOut> KStreamKTableJoin<K, V, KG, VG, VOut> streamGlobalTable(String globalStoreName,
            KeyValueMapper<? super K, ? super V, ? extends KG> keySelector,
            ValueJoinerWithKey<? super K, ? super V, ? super VG, ? extends VOut> joiner, boolean leftJoin) {
        return new KStreamKTableJoin<>(new StoreValueGetterSupplier<>(globalStoreName), keySelector, joiner, leftJoin,
                true);
    }

    /** @return the stores the join reads (connect them to the processor, unless global) */
    public String[] storeNames() {
        return table.storeNames();
    }

    /** @return records dropped so far, over all tasks */
    public long droppedRecords() {
        return dropped.count();
    }

    @Override
    public Processor<K, V, K, VOut> get() {
        return new JoinProcessor();
    }

    private final class JoinProcessor extends ContextualProcessor<K, V, K, VOut> {
        private KTableValueGetter<KT, VT> getter;

        @Override
        public void init(ProcessorContext<K, VOut> context) {
            super.init(context);
            getter = table.get();
            getter.init(context);
        }

        @Override
        public void close() {
            getter.close();
        }

        @Override
        public void process(Record<K, V> record) {
            if (record.value() == null || (record.key() == null && !global && !leftJoin)) {
                dropped.record(context(), LOG, record.value() == null ? "null value" : "null key", record.timestamp(),
                        context().currentStreamTimeMs());
                return;
            }
            KT tableKey = record.key() == null && !global ? null : keySelector.apply(record.key(), record.value());
            VT tableValue = tableKey == null ? null : ValueAndTimestamp.getValueOrNull(getter.get(tableKey));
            if (tableValue != null || leftJoin) {
                context().forward(record.withValue(joiner.apply(record.key(), record.value(), tableValue)));
            }
        }
    }
}

package io.eddy.streams.kstream.internal;

import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.kstream.ValueJoiner;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KTable-KTable join on the primary key (inner, left or outer), as Kafka Streams' {@code KTableKTable*Join}. It is
 * two processors, {@link #leftSide()} and {@link #rightSide()}, fed by the {@link Change}s of the two tables; each
 * looks up the other table's current value through that table's {@link KTableValueGetter} and forwards the change of the
 * join result as {@code Record<K, Change<VOut>>} with timestamp {@code max(triggering record, other side's value)}
 * (the triggering record's when the other side has no value). Wire both to the same children.
 *
 * <p>For each side the result of a value pair is {@code joiner(left, right)} when both exist; with only the left
 * value {@code joiner(left, null)} in left and outer joins; with only the right value {@code joiner(null, right)} in
 * outer joins; otherwise none. An update forwards the new result; a delete forwards a tombstone ({@code newValue}
 * null) only where a result existed before. Knowing that needs the old value of the triggering table: construct with
 * {@code parentsSendOldValues = true} after enabling old values on both parent tables (recommended); otherwise a
 * delete forwards a tombstone whenever a result could have existed (the other side has a value, or this side is
 * outer), as Kafka Streams does. Forwarded changes carry the old result only after {@link #enableSendingOldValues()}.
 * Records with a null key are dropped and counted.
 *
 * <p>Stores: the left getter's stores connected to {@link #rightSide()}, the right getter's to {@link #leftSide()}.
 *
 * @param <K> the key type
 * @param <VL> the left value type
 * @param <VR> the right value type
 * @param <VOut> the result type
 */
public final class KTableKTableJoin<K, VL, VR, VOut> {
    private static final Logger LOG = LoggerFactory.getLogger(KTableKTableJoin.class);

    private final KTableValueGetterSupplier<K, VL> left;
    private final KTableValueGetterSupplier<K, VR> right;
    private final ValueJoiner<? super VL, ? super VR, ? extends VOut> joiner;
    private final boolean leftOuter;
    private final boolean rightOuter;
    private final boolean parentsSendOldValues;
    private final DroppedRecordsSensor dropped;
    private boolean sendOldValues;

    /**
     * @param leftStoreName the left table's timestamped key-value store
     * @param rightStoreName the right table's timestamped key-value store
     * @param joiner computes results; gets null for a missing side in left/outer joins
     * @param leftOuter whether left values without a right value produce results (left and outer joins)
     * @param rightOuter whether right values without a left value produce results (outer joins)
     * @param parentsSendOldValues whether both parents forward old values (for exact tombstones)
     */
    public KTableKTableJoin(String leftStoreName, String rightStoreName,
                            ValueJoiner<? super VL, ? super VR, ? extends VOut> joiner, boolean leftOuter,
                            boolean rightOuter, boolean parentsSendOldValues) {
        this(new StoreValueGetterSupplier<>(leftStoreName), new StoreValueGetterSupplier<>(rightStoreName), joiner,
                leftOuter, rightOuter, parentsSendOldValues);
    }

    /**
     * @param left reads the left table's current values (its view)
     * @param right reads the right table's current values (its view)
     * @param joiner computes results; gets null for a missing side in left/outer joins
     * @param leftOuter whether left values without a right value produce results (left and outer joins)
     * @param rightOuter whether right values without a left value produce results (outer joins)
     * @param parentsSendOldValues whether both parents forward old values (for exact tombstones)
     */
    public KTableKTableJoin(KTableValueGetterSupplier<K, VL> left, KTableValueGetterSupplier<K, VR> right,
                            ValueJoiner<? super VL, ? super VR, ? extends VOut> joiner, boolean leftOuter,
                            boolean rightOuter, boolean parentsSendOldValues) {
        this.left = Objects.requireNonNull(left, "left");
        this.right = Objects.requireNonNull(right, "right");
        this.joiner = Objects.requireNonNull(joiner, "joiner");
        this.leftOuter = leftOuter;
        this.rightOuter = rightOuter;
        this.parentsSendOldValues = parentsSendOldValues;
        this.dropped = new DroppedRecordsSensor("table-table join of stores " + String.join(",", left.storeNames())
                + "/" + String.join(",", right.storeNames()));
    }

    /** Makes forwarded changes carry the old result. */
    public void enableSendingOldValues() {
        sendOldValues = true;
    }

    /** @return the processor for changes of the left table (needs the right table's store) */
    public ProcessorSupplier<K, Change<VL>, K, Change<VOut>> leftSide() {
        return () -> new SideProcessor<VL, VR>(true);
    }

    /** @return the processor for changes of the right table (needs the left table's store) */
    public ProcessorSupplier<K, Change<VR>, K, Change<VOut>> rightSide() {
        return () -> new SideProcessor<VR, VL>(false);
    }

    /** @return records dropped so far, over all tasks and both sides */
    public long droppedRecords() {
        return dropped.count();
    }

    @SuppressWarnings("unchecked")
    private VOut result(Object left, Object right) {
        if (left != null && right != null) {
            return joiner.apply((VL) left, (VR) right);
        }
        if (left != null && leftOuter) {
            return joiner.apply((VL) left, null);
        }
        if (right != null && rightOuter) {
            return joiner.apply(null, (VR) right);
        }
        return null;
    }

    private final class SideProcessor<VThis, VOther> extends ContextualProcessor<K, Change<VThis>, K, Change<VOut>> {
        private final boolean isLeft;
        private KTableValueGetter<K, VOther> other;

        SideProcessor(boolean isLeft) {
            this.isLeft = isLeft;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void init(ProcessorContext<K, Change<VOut>> context) {
            super.init(context);
            other = (KTableValueGetter<K, VOther>) (isLeft ? right.get() : left.get());
            other.init(context);
        }

        @Override
        public void close() {
            other.close();
        }

        @Override
        public void process(Record<K, Change<VThis>> record) {
            if (record.key() == null) {
                dropped.record(context(), LOG, "null key", record.timestamp(), context().currentStreamTimeMs());
                return;
            }
            Change<VThis> change = record.value();
            ValueAndTimestamp<VOther> otherValueAndTs = other.get(record.key());
            VOther otherValue = ValueAndTimestamp.getValueOrNull(otherValueAndTs);
            VOut newResult = isLeft ? result(change.newValue(), otherValue) : result(otherValue, change.newValue());
            VOut oldResult = isLeft ? result(change.oldValue(), otherValue) : result(otherValue, change.oldValue());
            boolean resultExisted = oldResult != null
                    || (!parentsSendOldValues && (otherValue != null || (isLeft ? leftOuter : rightOuter)));
            if (newResult == null && !resultExisted) {
                return;
            }
            long timestamp = otherValueAndTs == null ? record.timestamp()
                    : Math.max(record.timestamp(), otherValueAndTs.timestamp());
            context().forward(record.withValue(new Change<>(newResult, sendOldValues ? oldResult : null))
                    .withTimestamp(timestamp));
        }
    }
}

package io.eddy.streams.kstream.internal;

import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.kstream.ValueJoiner;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of a foreign-key join, back in the left table's task: turns a response into the join result of its
 * left key. A response is stale, and dropped, when the left value is gone or its hash differs from the one the
 * response carries (the left value changed after subscribing; its own response is on the way or it was decided
 * locally). Otherwise the result is {@code joiner(left, right)}, or without a right value {@code joiner(left, null)}
 * in a left join and no result ({@code null}) in an inner join, at timestamp {@code max(response, left value)}.
 *
 * @param <K> the left key type
 * @param <V> the left value type
 * @param <VO> the right value type
 * @param <VR> the result type
 */
final class SubscriptionResolverProcessorSupplier<K, V, VO, VR>
        implements ProcessorSupplier<K, SubscriptionResponseWrapper<VO>, K, VR> {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionResolverProcessorSupplier.class);

    private final KTableValueGetterSupplier<K, V> leftTable;
    private final LeftValueHasher<V> hasher;
    private final ValueJoiner<? super V, ? super VO, ? extends VR> joiner;
    private final boolean leftJoin;
    private final DroppedRecordsSensor dropped;

    /**
     * @param leftTable reads the left table (its stores must be connected to this processor)
     * @param hasher hashes left values as the subscriptions were hashed
     * @param joiner computes results
     * @param leftJoin whether a left value without a right value joins with null
     * @param dropped counts records dropped for a null key or value
     */
    SubscriptionResolverProcessorSupplier(KTableValueGetterSupplier<K, V> leftTable, LeftValueHasher<V> hasher,
                                          ValueJoiner<? super V, ? super VO, ? extends VR> joiner, boolean leftJoin,
                                          DroppedRecordsSensor dropped) {
        this.leftTable = Objects.requireNonNull(leftTable, "leftTable");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.joiner = Objects.requireNonNull(joiner, "joiner");
        this.leftJoin = leftJoin;
        this.dropped = Objects.requireNonNull(dropped, "dropped");
    }

    @Override
    public Processor<K, SubscriptionResponseWrapper<VO>, K, VR> get() {
        return new ContextualProcessor<>() {
            private KTableValueGetter<K, V> left;

            @Override
            public void init(ProcessorContext<K, VR> context) {
                super.init(context);
                left = leftTable.get();
                left.init(context);
            }

            @Override
            public void process(Record<K, SubscriptionResponseWrapper<VO>> record) {
                K key = record.key();
                SubscriptionResponseWrapper<VO> response = record.value();
                if (key == null || response == null) {
                    dropped.record(context(), LOG, key == null ? "null key" : "null response", record.timestamp(),
                            context().currentStreamTimeMs());
                    return;
                }
                ValueAndTimestamp<V> current = left.get(key);
                if (current == null || current.value() == null
                        || !Arrays.equals(hasher.hash(current.value()), response.valueHash())) {
                    return; // stale: the left value changed or went away after it subscribed
                }
                VO right = response.foreignValue();
                VR result = right != null ? joiner.apply(current.value(), right)
                        : leftJoin ? joiner.apply(current.value(), null) : null;
                context().forward(new Record<>(key, result, Math.max(record.timestamp(), current.timestamp()),
                        record.headers()));
            }

            @Override
            public void close() {
                left.close();
            }
        };
    }
}

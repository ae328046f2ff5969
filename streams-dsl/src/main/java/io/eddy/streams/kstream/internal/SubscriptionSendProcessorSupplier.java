package io.eddy.streams.kstream.internal;

import io.eddy.streams.kstream.ValueJoiner;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.util.Objects;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of a foreign-key join, in the left table's task: turns a change of a left value into subscription
 * messages keyed by foreign key, and into the result when it is known without the right side.
 *
 * <ul>
 *   <li>If the old value had a foreign key and the new one has another (or none): {@code UNSUBSCRIBE(pk)} keyed by
 *   the old foreign key.</li>
 *   <li>If the new value has a foreign key: {@code SUBSCRIBE(pk, hash(new value))} keyed by it, with the record's
 *   timestamp; the result comes back as a response.</li>
 *   <li>Otherwise (a delete, or a null foreign key) the result is decided here: none ({@code null}, a tombstone where
 *   a result existed), or {@code joiner(left, null)} in a left join of a non-null left value.</li>
 * </ul>
 * Subscriptions go to the child {@code subscriptionChild} (the subscription topic's sink), results to
 * {@code resultChild} (the join's result node), as plain values keyed by the left key.
 *
 * @param <K> the left key type
 * @param <V> the left value type
 * @param <KO> the foreign key type
 * @param <VR> the result type
 */
final class SubscriptionSendProcessorSupplier<K, V, KO, VR> implements ProcessorSupplier<K, Change<V>, Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionSendProcessorSupplier.class);

    private final BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor;
    private final ValueJoiner<? super V, ?, ? extends VR> joiner;
    private final boolean leftJoin;
    private final LeftValueHasher<V> hasher;
    private final String subscriptionChild;
    private final String resultChild;
    private final DroppedRecordsSensor dropped;

    /**
     * @param foreignKeyExtractor maps a left record to its foreign key (null: no match)
     * @param joiner computes {@code joiner(left, null)} for a left join without a foreign key
     * @param leftJoin whether it is a left join
     * @param hasher hashes left values
     * @param subscriptionChild the node subscriptions are forwarded to
     * @param resultChild the node results are forwarded to
     * @param dropped counts records dropped for a null key
     */
    SubscriptionSendProcessorSupplier(BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                      ValueJoiner<? super V, ?, ? extends VR> joiner, boolean leftJoin,
                                      LeftValueHasher<V> hasher, String subscriptionChild, String resultChild,
                                      DroppedRecordsSensor dropped) {
        this.foreignKeyExtractor = Objects.requireNonNull(foreignKeyExtractor, "foreignKeyExtractor");
        this.joiner = Objects.requireNonNull(joiner, "joiner");
        this.leftJoin = leftJoin;
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.subscriptionChild = Objects.requireNonNull(subscriptionChild, "subscriptionChild");
        this.resultChild = Objects.requireNonNull(resultChild, "resultChild");
        this.dropped = Objects.requireNonNull(dropped, "dropped");
    }

    @Override
    public Processor<K, Change<V>, Object, Object> get() {
        return new ContextualProcessor<>() {
            @Override
            public void process(Record<K, Change<V>> record) {
                K key = record.key();
                if (key == null) {
                    dropped.record(context(), LOG, "null key", record.timestamp(), context().currentStreamTimeMs());
                    return;
                }
                V newValue = record.value().newValue();
                V oldValue = record.value().oldValue();
                KO oldFk = oldValue == null ? null : foreignKeyExtractor.apply(key, oldValue);
                KO newFk = newValue == null ? null : foreignKeyExtractor.apply(key, newValue);
                if (oldFk != null && !oldFk.equals(newFk)) {
                    context().forward(record.withKey(oldFk).withValue(SubscriptionWrapper.unsubscribe(key)),
                            subscriptionChild);
                }
                if (newFk != null) {
                    context().forward(record.withKey(newFk)
                            .withValue(SubscriptionWrapper.subscribe(hasher.hash(newValue), key)), subscriptionChild);
                } else {
                    VR result = newValue != null && leftJoin ? joiner.apply(newValue, null) : null;
                    context().forward(record.withValue(result), resultChild);
                }
            }
        };
    }
}

package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serializer;
import io.eddy.state.KeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second step of a foreign-key join, in the task holding the foreign key's partition of the right table: records
 * subscriptions in the subscription store ({@link SubscriptionStoreLayout}, value: the left value hash) and answers
 * each {@code SUBSCRIBE} with the foreign key's current right value (or null), keyed by the left key, at timestamp
 * {@code max(subscription, right value)}. {@code UNSUBSCRIBE} deletes the entry and answers nothing.
 *
 * @param <K> the left key type
 * @param <KO> the foreign key type
 * @param <VO> the right value type
 */
final class SubscriptionReceiveProcessorSupplier<K, KO, VO>
        implements ProcessorSupplier<KO, SubscriptionWrapper<K>, K, SubscriptionResponseWrapper<VO>> {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionReceiveProcessorSupplier.class);

    private final String storeName;
    private final KTableValueGetterSupplier<KO, VO> rightTable;
    private final Serializer<KO> foreignKeySerializer;
    private final Serializer<K> primaryKeySerializer;
    private final String topic;
    private final DroppedRecordsSensor dropped;

    /**
     * @param storeName the subscription store
     * @param rightTable reads the right table (its stores must be connected to this processor)
     * @param foreignKeySerializer serializes foreign keys for the store key
     * @param primaryKeySerializer serializes left keys for the store key
     * @param topic the topic name passed to the serializers
     * @param dropped counts records dropped for a null key or value
     */
    SubscriptionReceiveProcessorSupplier(String storeName, KTableValueGetterSupplier<KO, VO> rightTable,
                                         Serializer<KO> foreignKeySerializer, Serializer<K> primaryKeySerializer,
                                         String topic, DroppedRecordsSensor dropped) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.rightTable = Objects.requireNonNull(rightTable, "rightTable");
        this.foreignKeySerializer = Objects.requireNonNull(foreignKeySerializer, "foreignKeySerializer");
        this.primaryKeySerializer = Objects.requireNonNull(primaryKeySerializer, "primaryKeySerializer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.dropped = Objects.requireNonNull(dropped, "dropped");
    }

    @Override
    public Processor<KO, SubscriptionWrapper<K>, K, SubscriptionResponseWrapper<VO>> get() {
        return new ContextualProcessor<>() {
            private KeyValueStore<Bytes, byte[]> subscriptions;
            private KTableValueGetter<KO, VO> right;

            @Override
            public void init(ProcessorContext<K, SubscriptionResponseWrapper<VO>> context) {
                super.init(context);
                subscriptions = context.getStateStore(storeName);
                right = rightTable.get();
                right.init(context);
            }

            @Override
            public void process(Record<KO, SubscriptionWrapper<K>> record) {
                KO fk = record.key();
                SubscriptionWrapper<K> subscription = record.value();
                if (fk == null || subscription == null) {
                    dropped.record(context(), LOG, fk == null ? "null foreign key" : "null subscription",
                            record.timestamp(), context().currentStreamTimeMs());
                    return;
                }
                Bytes key = SubscriptionStoreLayout.key(foreignKeySerializer.serialize(topic, fk),
                        primaryKeySerializer.serialize(topic, subscription.primaryKey()));
                if (subscription.instruction() == SubscriptionWrapper.Instruction.UNSUBSCRIBE) {
                    subscriptions.delete(key);
                    return;
                }
                subscriptions.put(key, subscription.valueHash());
                ValueAndTimestamp<VO> current = right.get(fk);
                long timestamp = current == null ? record.timestamp()
                        : Math.max(record.timestamp(), current.timestamp());
                context().forward(new Record<>(subscription.primaryKey(), new SubscriptionResponseWrapper<>(
                        subscription.valueHash(), ValueAndTimestamp.getValueOrNull(current)), timestamp,
                        record.headers()));
            }

            @Override
            public void close() {
                right.close();
            }
        };
    }
}

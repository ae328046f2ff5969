package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Deserializer;
import io.eddy.serialization.Serdes;
import io.eddy.serialization.Serializer;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.KeyValueStore;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A foreign-key join's reaction to a change of the right table, in the right table's task: scans the subscriptions of
 * the changed foreign key (one prefix range of the subscription store) and sends each subscribed left key a response
 * with its stored left value hash and the new right value (null for a delete), at the right record's timestamp.
 *
 * @param <K> the left key type
 * @param <KO> the foreign key type
 * @param <VO> the right value type
 */
final class ForeignTableChangeProcessorSupplier<K, KO, VO>
        implements ProcessorSupplier<KO, Change<VO>, K, SubscriptionResponseWrapper<VO>> {
    private static final Logger LOG = LoggerFactory.getLogger(ForeignTableChangeProcessorSupplier.class);

    private final String storeName;
    private final Serializer<KO> foreignKeySerializer;
    private final Deserializer<K> primaryKeyDeserializer;
    private final String topic;
    private final DroppedRecordsSensor dropped;

    /**
     * @param storeName the subscription store
     * @param foreignKeySerializer serializes foreign keys as {@link SubscriptionReceiveProcessorSupplier} does
     * @param primaryKeyDeserializer reads the left keys of the store keys
     * @param topic the topic name passed to the serdes
     * @param dropped counts records dropped for a null key
     */
    ForeignTableChangeProcessorSupplier(String storeName, Serializer<KO> foreignKeySerializer,
                                        Deserializer<K> primaryKeyDeserializer, String topic,
                                        DroppedRecordsSensor dropped) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.foreignKeySerializer = Objects.requireNonNull(foreignKeySerializer, "foreignKeySerializer");
        this.primaryKeyDeserializer = Objects.requireNonNull(primaryKeyDeserializer, "primaryKeyDeserializer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.dropped = Objects.requireNonNull(dropped, "dropped");
    }

    @Override
    public Processor<KO, Change<VO>, K, SubscriptionResponseWrapper<VO>> get() {
        return new ContextualProcessor<>() {
            private KeyValueStore<Bytes, byte[]> subscriptions;

            @Override
            public void init(ProcessorContext<K, SubscriptionResponseWrapper<VO>> context) {
                super.init(context);
                subscriptions = context.getStateStore(storeName);
            }

            @Override
            public void process(Record<KO, Change<VO>> record) {
                KO fk = record.key();
                if (fk == null) {
                    dropped.record(context(), LOG, "null key", record.timestamp(), context().currentStreamTimeMs());
                    return;
                }
                Bytes prefix = SubscriptionStoreLayout.prefix(foreignKeySerializer.serialize(topic, fk));
                List<KeyValue<Bytes, byte[]>> subscribed = new ArrayList<>();
                try (KeyValueIterator<Bytes, byte[]> it = subscriptions.prefixScan(prefix,
                        Serdes.Bytes().serializer())) {
                    while (it.hasNext()) {
                        subscribed.add(it.next());
                    }
                }
                VO newValue = record.value().newValue();
                for (KeyValue<Bytes, byte[]> s : subscribed) {
                    K pk = primaryKeyDeserializer.deserialize(topic, SubscriptionStoreLayout.primaryKey(s.key));
                    context().forward(new Record<>(pk, new SubscriptionResponseWrapper<>(s.value, newValue),
                            record.timestamp(), record.headers()));
                }
            }
        };
    }
}

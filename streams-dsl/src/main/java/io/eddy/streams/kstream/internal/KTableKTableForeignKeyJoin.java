package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StoreBuilder;
import io.eddy.state.Stores;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.internal.InternalTopologyBuilder;
import io.eddy.streams.kstream.ValueJoiner;
import io.eddy.streams.processor.StreamPartitioner;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A KTable-KTable foreign-key join (inner or left) across any partition counts, following Kafka Streams'
 * subscription/response design: the left and right tables live in different tasks (possibly with different partition
 * counts), and two internal repartition topics connect them.
 *
 * <pre>
 *   left task:  left change --&gt; subscription-send --(SUBSCRIBE/UNSUBSCRIBE, key fk)--&gt; [registration topic]
 *                                   |  delete or null fk: result decided here
 *                                   v
 *               result (store) &lt;-- subscription-resolve &lt;-- [response topic] &lt;--(response, key pk)--+
 *   right task: [registration topic] --&gt; subscription-receive (subscription store) ----------------+
 *               right change --&gt; foreign-table-change (scans the fk's subscriptions) -------------+
 * </pre>
 * <ol>
 *   <li>{@link SubscriptionSendProcessorSupplier} (left task) sends {@code UNSUBSCRIBE} to a left key's old foreign
 *   key and {@code SUBSCRIBE(hash of the left value)} to its new one, and decides deletes and null foreign keys
 *   itself.</li>
 *   <li>{@link SubscriptionReceiveProcessorSupplier} (the right task owning the foreign key) keeps the subscription
 *   store (foreign key, left key) to left value hash and answers a subscription with the right value;
 *   {@link ForeignTableChangeProcessorSupplier} answers every subscriber of a foreign key when its right value
 *   changes.</li>
 *   <li>{@link SubscriptionResolverProcessorSupplier} (left task) drops stale responses (left value gone or changed)
 *   and computes the result; {@link ForeignKeyJoinResult} keeps results in a store and forwards exact changes.</li>
 * </ol>
 * The subscription topic takes the right table's source partition count and is partitioned like it (murmur2 of the
 * serialized foreign key, or the right table's partitioner); the response topic takes the left table's. Messages use
 * {@link SubscriptionWrapperSerde} and {@link SubscriptionResponseWrapperSerde}, so they may go through the log.
 *
 * @param <K> the left key type
 * @param <V> the left value type
 * @param <KO> the foreign (right) key type
 * @param <VO> the right value type
 * @param <VR> the result type
 */
public final class KTableKTableForeignKeyJoin<K, V, KO, VO, VR> {
    private final BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor;
    private final ValueJoiner<? super V, ? super VO, ? extends VR> joiner;
    private final boolean leftJoin;
    private final StreamPartitioner<K, Void> partitioner;
    private final StreamPartitioner<KO, Void> otherPartitioner;
    private final DroppedRecordsSensor dropped;

    /**
     * One joined table, as the join's wiring needs it.
     *
     * @param node the node forwarding the table's {@link Change}s
     * @param view reads the table's current values from a processor of its task
     * @param sourceTopics the topics the table is read from (unprefixed names for internal ones), which fix its
     *     partition count
     * @param keySerde the key serde (resolved: not null)
     * @param valueSerde the value serde (resolved: not null)
     * @param <K> key type
     * @param <V> value type
     */
    public record Side<K, V>(String node, KTableValueGetterSupplier<K, V> view, Set<String> sourceTopics,
                             Serde<K> keySerde, Serde<V> valueSerde) {
        /** Validates and copies. */
        public Side {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(view, "view");
            Objects.requireNonNull(keySerde, "keySerde");
            Objects.requireNonNull(valueSerde, "valueSerde");
            if (sourceTopics == null || sourceTopics.isEmpty()) {
                throw new TopologyException("a foreign-key join side '" + node + "' must descend from a source topic");
            }
            sourceTopics = Set.copyOf(sourceTopics);
        }
    }

    /**
     * The join's names.
     *
     * @param node the result node (the joined table's node); other nodes are named after it
     * @param subscriptionStore the subscription store
     * @param subscriptionTopic the subscription-registration repartition topic (unprefixed)
     * @param responseTopic the subscription-response repartition topic (unprefixed)
     */
    public record Names(String node, String subscriptionStore, String subscriptionTopic, String responseTopic) {
        /** Validates. */
        public Names {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(subscriptionStore, "subscriptionStore");
            Objects.requireNonNull(subscriptionTopic, "subscriptionTopic");
            Objects.requireNonNull(responseTopic, "responseTopic");
        }
    }

    /**
     * @param foreignKeyExtractor maps a left record to the right key it joins with (null: no match)
     * @param joiner computes results
     * @param leftJoin whether left values without a right value produce {@code joiner(left, null)}
     * @param partitioner how the left table's topics are partitioned (for the response topic), or null for murmur2
     *     of the serialized key
     * @param otherPartitioner how the right table's topics are partitioned (for the subscription topic), or null
     * @param description names the join in logs
     */
    public KTableKTableForeignKeyJoin(BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                      ValueJoiner<? super V, ? super VO, ? extends VR> joiner, boolean leftJoin,
                                      StreamPartitioner<K, Void> partitioner,
                                      StreamPartitioner<KO, Void> otherPartitioner, String description) {
        this.foreignKeyExtractor = Objects.requireNonNull(foreignKeyExtractor, "foreignKeyExtractor");
        this.joiner = Objects.requireNonNull(joiner, "joiner");
        this.leftJoin = leftJoin;
        this.partitioner = partitioner;
        this.otherPartitioner = otherPartitioner;
        this.dropped = new DroppedRecordsSensor("foreign-key join " + description);
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

    /** @return records dropped so far (null keys), over all tasks and all steps */
    public long droppedRecords() {
        return dropped.count();
    }

    /**
     * Adds the join to a topology: its processors, the two repartition topics (sinks and sources, partition counts
     * following the tables' source topics, co-partition groups declared), the subscription store and the result
     * store. The left side must forward old values for unsubscriptions to be sent (stale subscriptions are otherwise
     * only filtered out by their hash).
     *
     * @param topology the topology being written
     * @param names the join's names
     * @param left the left table
     * @param right the right table
     * @param resultStore the result store (added here, connected to the result node)
     * @param persistentSubscriptions whether the subscription store is RocksDB (else in-memory)
     * @param nodeName makes a derived node name unique (the identity when names cannot collide)
     * @return the result node's processor supplier (added as {@code names.node()})
     */
    public ForeignKeyJoinResult<K, VR> addTo(InternalTopologyBuilder topology, Names names, Side<K, V> left,
                                             Side<KO, VO> right,
                                             StoreBuilder<? extends TimestampedKeyValueStore<K, VR>> resultStore,
                                             boolean persistentSubscriptions, UnaryOperator<String> nodeName) {
        String node = names.node();
        String subscriptionTopic = names.subscriptionTopic();
        String responseTopic = names.responseTopic();
        LeftValueHasher<V> hasher = new LeftValueHasher<>(left.valueSerde().serializer(), subscriptionTopic);
        String send = nodeName.apply(node + "-subscription-send");
        String subscriptionSink = nodeName.apply(subscriptionTopic + "-sink");
        String subscriptionSource = nodeName.apply(subscriptionTopic + "-source");
        String receive = nodeName.apply(node + "-subscription-receive");
        String foreignChange = nodeName.apply(node + "-foreign-table-change");
        String responseSink = nodeName.apply(responseTopic + "-sink");
        String responseSource = nodeName.apply(responseTopic + "-source");
        String resolve = nodeName.apply(node + "-subscription-resolve");

        // left task: left changes -> subscriptions (and locally decided results)
        topology.addProcessor(send, new SubscriptionSendProcessorSupplier<>(foreignKeyExtractor, joiner, leftJoin,
                hasher, subscriptionSink, node, dropped), left.node());
        SubscriptionWrapperSerde<K> subscriptionSerde = new SubscriptionWrapperSerde<>(left.keySerde());
        topology.addInternalTopic(subscriptionTopic, right.sourceTopics(), true, Map.of());
        topology.addSink(subscriptionSink, subscriptionTopic, null, right.keySerde().serializer(),
                subscriptionSerde.serializer(), sinkPartitioner(otherPartitioner), send);

        // right task: subscriptions and right changes -> responses
        topology.addSource(subscriptionSource, right.keySerde().deserializer(), subscriptionSerde.deserializer(),
                null, null, subscriptionTopic);
        topology.addProcessor(receive, new SubscriptionReceiveProcessorSupplier<>(names.subscriptionStore(),
                right.view(), right.keySerde().serializer(), left.keySerde().serializer(), subscriptionTopic,
                dropped), subscriptionSource);
        topology.connectProcessorAndStateStores(receive, right.view().storeNames());
        topology.addProcessor(foreignChange, new ForeignTableChangeProcessorSupplier<K, KO, VO>(
                names.subscriptionStore(), right.keySerde().serializer(), left.keySerde().deserializer(),
                subscriptionTopic, dropped), right.node());
        topology.addStateStore(subscriptionStoreBuilder(names.subscriptionStore(), persistentSubscriptions), receive,
                foreignChange);
        SubscriptionResponseWrapperSerde<VO> responseSerde = new SubscriptionResponseWrapperSerde<>(
                right.valueSerde());
        topology.addInternalTopic(responseTopic, left.sourceTopics(), true, Map.of());
        topology.addSink(responseSink, responseTopic, null, left.keySerde().serializer(), responseSerde.serializer(),
                sinkPartitioner(partitioner), receive, foreignChange);

        // left task: responses -> results
        topology.addSource(responseSource, left.keySerde().deserializer(), responseSerde.deserializer(), null, null,
                responseTopic);
        topology.addProcessor(resolve, new SubscriptionResolverProcessorSupplier<K, V, VO, VR>(left.view(), hasher,
                joiner, leftJoin, dropped), responseSource);
        topology.connectProcessorAndStateStores(resolve, left.view().storeNames());
        ForeignKeyJoinResult<K, VR> result = new ForeignKeyJoinResult<>(resultStore.name());
        topology.addProcessor(node, result, send, resolve);
        topology.addStateStore(resultStore, node);

        topology.addCopartitionGroup(with(left.sourceTopics(), responseTopic));
        topology.addCopartitionGroup(with(right.sourceTopics(), subscriptionTopic));
        return result;
    }

    private static Set<String> with(Set<String> topics, String topic) {
        Set<String> out = new LinkedHashSet<>(topics);
        out.add(topic);
        return out;
    }

    /** @return a sink partitioner applying a table's key partitioner to the join's messages, or null */
    private static <T, M> StreamPartitioner<T, M> sinkPartitioner(StreamPartitioner<T, Void> tablePartitioner) {
        return tablePartitioner == null ? null
                : (topic, key, message, partitions) -> tablePartitioner.partitions(topic, key, null, partitions);
    }
}

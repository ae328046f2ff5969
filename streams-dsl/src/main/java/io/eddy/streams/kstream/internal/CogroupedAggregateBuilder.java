package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.StoreBuilder;
import io.eddy.streams.kstream.Aggregator;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.processor.api.ProcessorSupplier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Writes one cogrouped aggregation into the topology, as Kafka Streams does: every input (repartitioned first when
 * its keys may have changed) gets its own aggregation processor, all connected to one shared store and all
 * forwarding to one {@link CogroupedMerge} node, the result table's node. The aggregation processors are the ones the
 * plain aggregations use, one per input with that input's aggregator.
 *
 * <p>Use: construct (repartitions, co-partitioning and every name are settled here, in that order, as
 * {@code KGroupedStreamImpl} does), build the store named {@link #storeName()} with {@link #keySerde()} and
 * {@link #valueSerde()}, then {@link #connect}.
 *
 * @param <K> key type
 * @param <VOut> aggregate type
 */
final class CogroupedAggregateBuilder<K, VOut> {
    /** The operator, in messages about unnamed repartition topics and stores. */
    static final String OPERATOR = "cogroup aggregate";

    /**
     * One input's aggregation processor over the shared store, with its hooks.
     *
     * @param supplier the processor
     * @param enableSendingOldValues makes it forward old aggregates
     * @param droppedRecords its dropped-records count, or null if it keeps none
     */
    record Part<K, KR, VOut>(ProcessorSupplier<K, Object, KR, Change<VOut>> supplier, Runnable enableSendingOldValues,
                             LongSupplier droppedRecords) {
    }

    /** Creates the aggregation processor of one input. */
    @FunctionalInterface
    interface PartFactory<K, KR, VOut> {
        /**
         * @param storeName the shared store
         * @param aggregator the input's aggregator
         * @return the input's processor
         */
        Part<K, KR, VOut> create(String storeName, Aggregator<? super K, Object, VOut> aggregator);
    }

    private final InternalStreamsBuilder builder;
    private final List<CogroupedKStreamImpl.Input<K, VOut>> inputs;
    private final List<String> inputNodes = new ArrayList<>();
    private final List<String> aggregateNodes = new ArrayList<>();
    private final String mergeNode;
    private final String path;
    private final String storeName;
    private final Serde<K> keySerde;
    private final Serde<VOut> valueSerde;

    /**
     * @param builder the builder
     * @param inputs the cogrouped inputs, in cogroup order (at least one)
     * @param base the derived path before the operator: {@code <first input's path>.cogroup[.<windows kind>]}
     * @param named the user's name, or null
     * @param m the user's store settings
     */
    CogroupedAggregateBuilder(InternalStreamsBuilder builder, List<CogroupedKStreamImpl.Input<K, VOut>> inputs,
                              String base, Named named, MaterializedInternal<K, VOut, ?> m) {
        this.builder = builder;
        this.inputs = List.copyOf(inputs);
        for (CogroupedKStreamImpl.Input<K, VOut> input : this.inputs) {
            inputNodes.add(input.grouped().repartitionedInput(OPERATOR).name());
        }
        builder.copartition(inputNodes.toArray(String[]::new));
        String userName = NamedInternal.nameOf(named);
        path = userName != null ? userName : base + ".aggregate";
        // a derived prefix is reserved as a whole, so a second aggregation of the same path numbers all its nodes alike
        String prefix = userName != null ? userName : builder.uniqueName(path);
        for (int i = 0; i < this.inputs.size(); i++) {
            aggregateNodes.add(nodeName(userName, prefix + "-cogroup-agg-" + i));
        }
        mergeNode = nodeName(userName, prefix + "-cogroup-merge");
        storeName = StoreFactory.storeName(builder, m, mergeNode, path, OPERATOR);
        Serde<K> k = m.keySerde();
        for (int i = 0; k == null && i < this.inputs.size(); i++) {
            k = this.inputs.get(i).grouped().keySerde();
        }
        keySerde = builder.serdes().resolve(k, true, mergeNode);
        valueSerde = builder.serdes().resolve(m.valueSerde(), false, mergeNode);
    }

    private String nodeName(String userName, String name) {
        return userName != null ? builder.nodeName(name, null, null) : builder.uniqueName(name);
    }

    /** @return the result table's path, base of derived names downstream */
    String path() {
        return path;
    }

    /** @return the result table's node */
    String mergeNode() {
        return mergeNode;
    }

    /** @return the shared store's name */
    String storeName() {
        return storeName;
    }

    /** @return the store's key serde: the Materialized's, else the first input grouping's that has one, else default */
    Serde<K> keySerde() {
        return keySerde;
    }

    /** @return the store's value serde: the Materialized's, else the default */
    Serde<VOut> valueSerde() {
        return valueSerde;
    }

    /**
     * Adds one aggregation processor per input, the shared store connected to all of them and the merge node under
     * them.
     *
     * @param store the shared store, named {@link #storeName()}
     * @param factory creates each input's processor
     * @param view reads the shared store by table key
     * @param <KR> table key
     * @return the merge node's supplier, the result table's processor
     */
    <KR> CogroupedMerge<KR, VOut> connect(StoreBuilder<?> store, PartFactory<K, KR, VOut> factory,
                                          KTableValueGetterSupplier<KR, VOut> view) {
        List<Runnable> enablers = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Part<K, KR, VOut> part = factory.create(storeName, inputs.get(i).aggregator());
            builder.internal().addProcessor(aggregateNodes.get(i), part.supplier(), inputNodes.get(i));
            enablers.add(part.enableSendingOldValues());
            if (part.droppedRecords() != null) {
                builder.registerDroppedRecords(aggregateNodes.get(i), part.droppedRecords());
            }
        }
        builder.internal().addStateStore(store, aggregateNodes.toArray(String[]::new));
        CogroupedMerge<KR, VOut> merge = new CogroupedMerge<>(enablers, view);
        builder.internal().addProcessor(mergeNode, merge, aggregateNodes.toArray(String[]::new));
        return merge;
    }
}

package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StoreBuilder;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.kstream.Grouped;
import io.eddy.streams.kstream.KGroupedTable;
import io.eddy.streams.kstream.KStream;
import io.eddy.streams.kstream.KTable;
import io.eddy.streams.kstream.KeyValueMapper;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.kstream.Predicate;
import io.eddy.streams.kstream.Suppressed;
import io.eddy.streams.kstream.TableJoined;
import io.eddy.streams.kstream.ValueJoiner;
import io.eddy.streams.kstream.ValueMapper;
import io.eddy.streams.kstream.ValueMapperWithKey;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@link KTable} implementation: a node forwarding {@link Change}s, the processor supplier behind it (which
 * knows how to send old values and how to read the table), its serdes, and its store if materialized.
 *
 * <p><b>Extension API</b> (for joins and suppression, in this package): {@link #name()} is the node to add children
 * under; {@link #valueGetterSupplier()} reads the table's current values from a processor of the same task (connect
 * the processor to its {@code storeNames()}; this materializes an unmaterialized source table);
 * {@link #enableSendingOldValues(boolean)} asks for old values; {@link #storeName()} is the store the table lives in,
 * if any; {@link #addTableProcessor} adds a table-to-table operator and returns its table.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class KTableImpl<K, V> implements KTable<K, V> {
    private final InternalStreamsBuilder builder;
    private final String name;
    private final String path;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final KTableProcessorSupplier<?, ?, K, V> supplier;
    private final String queryableStoreName;
    private final String storeName;
    private long windowCloseDelayMs = -1;

    /**
     * @param builder the builder
     * @param name the node forwarding this table's changes
     * @param path the table's path, base of derived names
     * @param keySerde the key serde (or null for the default)
     * @param valueSerde the value serde (or null for the default)
     * @param supplier the processor behind the node
     * @param queryableStoreName the store name the user gave, or null
     * @param storeName the store the table is materialized in, or null
     */
    public KTableImpl(InternalStreamsBuilder builder, String name, String path, Serde<K> keySerde,
                      Serde<V> valueSerde, KTableProcessorSupplier<?, ?, K, V> supplier, String queryableStoreName,
                      String storeName) {
        this.builder = builder;
        this.name = name;
        this.path = path;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.supplier = supplier;
        this.queryableStoreName = queryableStoreName;
        this.storeName = storeName;
    }

    /**
     * Adds a source table (from a topic or a stream): materialized now if {@code m} was given, else on demand.
     *
     * @return the table
     */
    static <K, V> KTableImpl<K, V> source(InternalStreamsBuilder b, String node, String path, String parent,
                                          MaterializedInternal<K, V, ?> m, Serde<K> k, Serde<V> v, String operator) {
        String storeName = null;
        if (m.given()) {
            StoreBuilder<TimestampedKeyValueStore<K, V>> sb = KStreamImpl.tableStore(b, m, node, path, operator, k,
                    v);
            b.internal().addStateStore(sb);
            storeName = sb.name();
        }
        Supplier<String> materializer = () -> {
            StoreBuilder<TimestampedKeyValueStore<K, V>> sb = KStreamImpl.tableStore(b,
                    new MaterializedInternal<K, V, KeyValueStore<Bytes, byte[]>>(null), node, path, operator, k, v);
            b.internal().addStateStore(sb, node);
            return sb.name();
        };
        KTableSource<K, V> supplier = new KTableSource<>(storeName, materializer);
        b.internal().addProcessor(node, supplier, parent);
        if (storeName != null) {
            b.internal().connectProcessorAndStateStores(node, storeName);
        }
        return new KTableImpl<>(b, node, path, k, v, supplier, m.storeName(), storeName);
    }

    // ---- extension API ----------------------------------------------------------------------------------------

    /** @return the builder */
    public InternalStreamsBuilder builder() {
        return builder;
    }

    /** @return the node forwarding this table's changes */
    public String name() {
        return name;
    }

    /** @return the table's path, base of derived names */
    public String path() {
        return path;
    }

    /** @return the key serde (resolved, or null for the default) */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** @return the value serde (resolved, or null for the default) */
    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /** @return the processor supplier behind this table */
    public KTableProcessorSupplier<?, ?, K, V> processorSupplier() {
        return supplier;
    }

    /** @return reads the table's current values; materializes an unmaterialized source table */
    public KTableValueGetterSupplier<K, V> valueGetterSupplier() {
        return supplier.view();
    }

    /**
     * @param forceMaterialization whether an unmaterialized source may be materialized
     * @return whether the table will forward old values
     */
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        return supplier.enableSendingOldValues(forceMaterialization);
    }

    /** @return the store this table is materialized in, or null */
    public String storeName() {
        return supplier instanceof KTableSource<?, ?> s ? s.storeName() : storeName;
    }

    /**
     * Adds a table-to-table operator under this table.
     *
     * @param operator the operator kind (for the derived node name)
     * @param named the user's node name, or null
     * @param processor the operator
     * @param newValueSerde the result's value serde, or null
     * @param queryableName the user's store name, or null
     * @param store the result's store (added and connected here), or null
     * @param <VR> result value type
     * @return the resulting table
     */
    public <VR> KTableImpl<K, VR> addTableProcessor(String operator, Named named,
                                                    KTableProcessorSupplier<K, Change<V>, K, VR> processor,
                                                    Serde<VR> newValueSerde, String queryableName,
                                                    StoreBuilder<?> store) {
        String userName = NamedInternal.nameOf(named);
        String node = builder.nodeName(userName, path, operator);
        return addTableProcessorNamed(node, userName != null ? userName : path + "." + operator, processor,
                newValueSerde, queryableName, store);
    }

    private <VR> KTableImpl<K, VR> addTableProcessorNamed(String node, String newPath,
                                                          KTableProcessorSupplier<K, Change<V>, K, VR> processor,
                                                          Serde<VR> newValueSerde, String queryableName,
                                                          StoreBuilder<?> store) {
        builder.internal().addProcessor(node, processor, name);
        if (store != null) {
            builder.internal().addStateStore(store, node);
        }
        return new KTableImpl<>(builder, node, newPath, keySerde, newValueSerde, processor, queryableName,
                store == null ? null : store.name());
    }

    /**
     * Marks this table as windowed: {@code suppress(untilWindowCloses)} forwards a window's result once stream time
     * reaches its end plus {@code closeDelayMs}.
     *
     * @param closeDelayMs the upstream windows' grace (plus the inactivity gap for sessions)
     * @return this table
     */
    KTableImpl<K, V> withWindowCloseDelay(long closeDelayMs) {
        this.windowCloseDelayMs = closeDelayMs;
        return this;
    }

    /** @return the delay after a window's end at which it closes, or -1 when this table is not windowed */
    long windowCloseDelayMs() {
        return windowCloseDelayMs;
    }

    // ---- filter and mapValues ---------------------------------------------------------------------------------

    private <VR> KTableImpl<K, VR> transform(String operator, Named named, Materialized<K, VR, ?> materialized,
                                         ValueMapperWithKey<? super K, ? super V, ? extends VR> function,
                                         boolean isFilter, Serde<VR> defaultValueSerde) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        MaterializedInternal<K, VR, ?> m = new MaterializedInternal<>((Materialized) materialized);
        String userName = NamedInternal.nameOf(named);
        String node = builder.nodeName(userName, path, operator);
        String newPath = userName != null ? userName : path + "." + operator;
        StoreBuilder<TimestampedKeyValueStore<K, VR>> store = null;
        Serde<VR> v = m.valueSerde() != null ? m.valueSerde() : defaultValueSerde;
        if (m.given()) {
            Serde<K> k = builder.serdes().resolve(m.keySerde() != null ? m.keySerde() : keySerde, true, node);
            v = builder.serdes().resolve(v, false, node);
            store = KStreamImpl.tableStore(builder, m, node, newPath, operator, k, v);
        }
        KTableTransform<K, V, VR> t = new KTableTransform<>(supplier, function, store == null ? null : store.name(),
                isFilter);
        return addTableProcessorNamed(node, newPath, t, v, m.storeName(), store)
                .withWindowCloseDelay(windowCloseDelayMs);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return filter(predicate, null, null);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        return filter(predicate, named, null);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate,
                               Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return filter(predicate, null, materialized);
    }

    @Override
    public KTable<K, V> filter(Predicate<? super K, ? super V> predicate, Named named,
                               Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(predicate, "predicate");
        return transform("filter", named, materialized, (k, v) -> predicate.test(k, v) ? v : null, true, valueSerde);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return filterNot(predicate, null, null);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        return filterNot(predicate, named, null);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate,
                                  Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return filterNot(predicate, null, materialized);
    }

    @Override
    public KTable<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named,
                                  Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(predicate, "predicate");
        return transform("filterNot", named, materialized, (k, v) -> predicate.test(k, v) ? null : v, true,
                valueSerde);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        return mapValues(mapper, null, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
        return mapValues(mapper, named, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        return mapValues(mapper, null, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named) {
        return mapValues(mapper, named, null);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return mapValues(mapper, null, materialized);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(mapper, "mapper");
        return mapValues((ValueMapperWithKey<K, V, VR>) (k, v) -> mapper.apply(v), named, materialized);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return mapValues(mapper, null, materialized);
    }

    @Override
    public <VR> KTable<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named,
                                        Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(mapper, "mapper");
        return transform("mapValues", named, materialized, mapper, false, null);
    }

    // ---- toStream and groupBy ---------------------------------------------------------------------------------

    @Override
    public KStream<K, V> toStream() {
        return toStream((Named) null);
    }

    @Override
    public KStream<K, V> toStream(Named named) {
        String userName = NamedInternal.nameOf(named);
        String node = builder.nodeName(userName, path, "toStream");
        builder.internal().addProcessor(node, RecordHandler.<K, Change<V>, K, V>supplier(
                (r, ctx) -> ctx.forward(r.withValue(r.value().newValue()))), name);
        return new KStreamImpl<>(builder, node, userName != null ? userName : path + ".toStream", keySerde,
                valueSerde, false);
    }

    @Override
    public <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        return toStream(mapper, null);
    }

    @Override
    public <KR> KStream<KR, V> toStream(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
        return toStream(named).selectKey(mapper);
    }

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector) {
        return groupBy(selector, null);
    }

    @Override
    public <KR, VR> KGroupedTable<KR, VR> groupBy(KeyValueMapper<? super K, ? super V, KeyValue<KR, VR>> selector,
                                                  Grouped<KR, VR> grouped) {
        Objects.requireNonNull(selector, "selector");
        supplier.enableSendingOldValues(true);
        String node = builder.nodeName(null, path, "groupBy");
        builder.internal().addProcessor(node, new KTableRepartitionMap<K, V, KR, VR>(selector), name);
        return new KGroupedTableImpl<>(builder, node, path + ".groupBy", new GroupedInternal<>(grouped));
    }

    // ---- suppress ---------------------------------------------------------------------------------------------

    @Override
    @SuppressWarnings("unchecked")
    public KTable<K, V> suppress(Suppressed<? super K> suppressed) {
        Objects.requireNonNull(suppressed, "suppressed");
        SuppressedInternal<K> s = (SuppressedInternal<K>) suppressed;
        String userName = s.name();
        String node = builder.nodeName(userName, path, "suppress");
        String newPath = userName != null ? userName : path + ".suppress";
        long duration;
        if (s.isFinalResults()) {
            if (windowCloseDelayMs < 0) {
                throw new TopologyException("suppress(untilWindowCloses) at '" + node + "' needs a windowed table"
                        + " (the result of a windowedBy(...) aggregation, or a filter/mapValues of one), but '" + name
                        + "' is not windowed; use untilTimeLimit");
            }
            duration = windowCloseDelayMs;
        } else {
            duration = s.timeToWaitForMoreEventsMs();
        }
        String store = builder.resourceName(newPath) + "-store";
        if (userName == null) {
            builder.unnamed("suppress '" + node + "'", "buffer store '" + store + "'", "Suppressed.withName(...)");
        }
        KTableSuppressProcessorSupplier<K, V> processor = new KTableSuppressProcessorSupplier<>(s, duration, store,
                keySerde, valueSerde);
        KTableSuppress<K, V> table = new KTableSuppress<>(processor, supplier, keySerde, valueSerde);
        builder.internal().addProcessor(node, table, name);
        builder.internal().addStateStore(KTableSuppressProcessorSupplier.storeBuilder(store, s), node);
        return new KTableImpl<>(builder, node, newPath, keySerde, valueSerde, table, null, null)
                .withWindowCloseDelay(windowCloseDelayMs);
    }

    // ---- joins (wired by KTableImplJoin) ----------------------------------------------------------------------

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return join(other, joiner, null, null);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                   Named named) {
        return join(other, joiner, named, null);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                   Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return join(other, joiner, null, materialized);
    }

    @Override
    public <VO, VR> KTable<K, VR> join(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                   Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableImplJoin.join(this, other, joiner, named, materialized, false, false, "join");
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other,
                                           ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return leftJoin(other, joiner, null, null);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                   Named named) {
        return leftJoin(other, joiner, named, null);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                   Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return leftJoin(other, joiner, null, materialized);
    }

    @Override
    public <VO, VR> KTable<K, VR> leftJoin(KTable<K, VO> other, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                   Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableImplJoin.join(this, other, joiner, named, materialized, true, false, "leftJoin");
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return outerJoin(other, joiner, null, null);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                   Named named) {
        return outerJoin(other, joiner, named, null);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                   Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return outerJoin(other, joiner, null, materialized);
    }

    @Override
    public <VO, VR> KTable<K, VR> outerJoin(KTable<K, VO> other,
                                            ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                   Named named, Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableImplJoin.join(this, other, joiner, named, materialized, true, true, "outerJoin");
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return join(other, foreignKeyExtractor, joiner, (TableJoined<K, KO>) null, null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       TableJoined<K, KO> tableJoined) {
        return join(other, foreignKeyExtractor, joiner, tableJoined, null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return join(other, foreignKeyExtractor, joiner, null, materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other, Function<? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       TableJoined<K, KO> tableJoined,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(foreignKeyExtractor, "foreignKeyExtractor");
        return KTableImplJoin.foreignKeyJoin(this, other, (k, v) -> foreignKeyExtractor.apply(v), joiner, tableJoined,
                materialized, false, "fkJoin");
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                       BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return join(other, foreignKeyExtractor, joiner, (TableJoined<K, KO>) null, null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                       BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       TableJoined<K, KO> tableJoined) {
        return join(other, foreignKeyExtractor, joiner, tableJoined, null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                       BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return join(other, foreignKeyExtractor, joiner, null, materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> join(KTable<KO, VO> other,
                                       BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       TableJoined<K, KO> tableJoined,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableImplJoin.foreignKeyJoin(this, other, foreignKeyExtractor, joiner, tableJoined, materialized,
                false, "fkJoin");
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                               Function<? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return leftJoin(other, foreignKeyExtractor, joiner, (TableJoined<K, KO>) null, null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                               Function<? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       TableJoined<K, KO> tableJoined) {
        return leftJoin(other, foreignKeyExtractor, joiner, tableJoined, null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                               Function<? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return leftJoin(other, foreignKeyExtractor, joiner, null, materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                               Function<? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       TableJoined<K, KO> tableJoined,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(foreignKeyExtractor, "foreignKeyExtractor");
        return KTableImplJoin.foreignKeyJoin(this, other, (k, v) -> foreignKeyExtractor.apply(v), joiner, tableJoined,
                materialized, true, "fkLeftJoin");
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                       BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner) {
        return leftJoin(other, foreignKeyExtractor, joiner, (TableJoined<K, KO>) null, null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                       BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       TableJoined<K, KO> tableJoined) {
        return leftJoin(other, foreignKeyExtractor, joiner, tableJoined, null);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                       BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return leftJoin(other, foreignKeyExtractor, joiner, null, materialized);
    }

    @Override
    public <VR, KO, VO> KTable<K, VR> leftJoin(KTable<KO, VO> other,
                                       BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                       ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                       TableJoined<K, KO> tableJoined,
                                       Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return KTableImplJoin.foreignKeyJoin(this, other, foreignKeyExtractor, joiner, tableJoined, materialized,
                true, "fkLeftJoin");
    }

    @Override
    public String queryableStoreName() {
        return queryableStoreName;
    }

    @Override
    public String toString() {
        return "KTable(" + name + ")";
    }
}

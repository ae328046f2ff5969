package io.eddy.streams.kstream.internal;

import io.eddy.streams.processor.api.FixedKeyProcessorSupplier;
import io.eddy.streams.processor.api.InternalFixedKeyRecordFactory;
import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StoreBuilder;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.streams.errors.StreamsException;
import io.eddy.streams.kstream.BranchedKStream;
import io.eddy.streams.kstream.ForeachAction;
import io.eddy.streams.kstream.GlobalKTable;
import io.eddy.streams.kstream.Grouped;
import io.eddy.streams.kstream.JoinWindows;
import io.eddy.streams.kstream.Joined;
import io.eddy.streams.kstream.KGroupedStream;
import io.eddy.streams.kstream.KStream;
import io.eddy.streams.kstream.KTable;
import io.eddy.streams.kstream.KeyValueMapper;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.kstream.Predicate;
import io.eddy.streams.kstream.Produced;
import io.eddy.streams.kstream.Repartitioned;
import io.eddy.streams.kstream.StreamJoined;
import io.eddy.streams.kstream.ValueJoiner;
import io.eddy.streams.kstream.ValueJoinerWithKey;
import io.eddy.streams.kstream.ValueMapper;
import io.eddy.streams.kstream.ValueMapperWithKey;
import io.eddy.streams.processor.StreamPartitioner;
import io.eddy.streams.processor.TopicNameExtractor;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link KStream} implementation: a node of the topology (its {@link #name()}) whose output is this stream, the
 * serdes known for its keys and values (null when unknown: the defaults apply), and whether its keys may have
 * changed since the last partitioning.
 *
 * <p><b>Extension API</b> (for windowed aggregations and joins, in this package):
 * {@link #addProcessor} adds a node under this stream and returns the stream of its output;
 * {@link #repartitionRequired()} says whether a stateful operator must repartition first and
 * {@link #repartitionIfRequired} does it (sharing one topic among all stateful users of this stream);
 * {@link #builder()} gives the topology, names and serdes.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class KStreamImpl<K, V> implements KStream<K, V> {
    private final InternalStreamsBuilder builder;
    private final String name;
    private final String path;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final boolean repartitionRequired;
    private final Map<String, KStreamImpl<K, V>> repartitions = new HashMap<>();

    /**
     * @param builder the builder
     * @param name the node whose output this stream is
     * @param path the stream's path (see {@link InternalStreamsBuilder}), the base of derived names
     * @param keySerde known key serde or null
     * @param valueSerde known value serde or null
     * @param repartitionRequired whether keys may have changed since the last partitioning
     */
    public KStreamImpl(InternalStreamsBuilder builder, String name, String path, Serde<K> keySerde,
                       Serde<V> valueSerde, boolean repartitionRequired) {
        this.builder = builder;
        this.name = name;
        this.path = path;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.repartitionRequired = repartitionRequired;
    }

    // ---- extension API ----------------------------------------------------------------------------------------

    /** @return the builder */
    public InternalStreamsBuilder builder() {
        return builder;
    }

    /** @return the node whose output this stream is */
    public String name() {
        return name;
    }

    /** @return the path: source topics and operator kinds (or the last user name), base of derived names */
    public String path() {
        return path;
    }

    /**
     * @param userName the user's name for a child, or null
     * @param operator the child's operator kind
     * @return the child's path
     */
    public String childPath(String userName, String operator) {
        return userName != null ? userName : path + "." + operator;
    }

    /** @return the known key serde, or null */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** @return the known value serde, or null */
    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /** @return whether a stateful operator on this stream must repartition first */
    public boolean repartitionRequired() {
        return repartitionRequired;
    }

    /**
     * Adds a processor node under this stream.
     *
     * @param operator the operator kind, used for the derived node name ({@code <this path>.<operator>})
     * @param named the user's node name, or null
     * @param supplier the processor
     * @param newKeySerde the output's known key serde, or null
     * @param newValueSerde the output's known value serde, or null
     * @param keyChanging whether the processor may change keys
     * @param <KR> output key type
     * @param <VR> output value type
     * @return the output stream
     */
    public <KR, VR> KStreamImpl<KR, VR> addProcessor(String operator, Named named,
                                                     ProcessorSupplier<? super K, ? super V, KR, VR> supplier,
                                                     Serde<KR> newKeySerde, Serde<VR> newValueSerde,
                                                     boolean keyChanging) {
        String userName = NamedInternal.nameOf(named);
        String node = builder.nodeName(userName, path, operator);
        builder.internal().addProcessor(node, supplier, name);
        return new KStreamImpl<>(builder, node, childPath(userName, operator), newKeySerde, newValueSerde,
                repartitionRequired || keyChanging);
    }

    /**
     * @param userName the repartition's name (from {@code Grouped}/{@code Joined}...), or null to derive it
     * @param keySerde key serde for the topic, or null for this stream's
     * @param valSerde value serde for the topic, or null for this stream's
     * @param operator the stateful operator asking, for error messages
     * @return this stream if no repartition is required, else this stream read back from its repartition topic
     *     ({@code <name>-repartition}); repeated calls with the same name share one topic
     */
    public KStreamImpl<K, V> repartitionIfRequired(String userName, Serde<K> keySerde, Serde<V> valSerde,
                                                   String operator) {
        if (!repartitionRequired) {
            return this;
        }
        KStreamImpl<K, V> existing = repartitions.get(userName);
        if (existing == null) {
            existing = throughTopic(userName, path, keySerde, valSerde, -1, null, true, operator);
            repartitions.put(userName, existing);
        }
        return existing;
    }

    private KStreamImpl<K, V> throughTopic(String userName, String derivedBase, Serde<K> ks, Serde<V> vs,
                                           int partitions, StreamPartitioner<K, V> partitioner, boolean dropNullKeys,
                                           String operator) {
        String base = userName != null ? userName : builder.resourceName(derivedBase);
        String topic = base + "-repartition";
        if (userName == null) {
            builder.unnamed(operator + " after '" + name + "'", "repartition topic '" + topic + "'",
                    "Grouped.as(...), Repartitioned.as(...) or the operator's own config");
        }
        Serde<K> k = builder.serdes().resolve(ks != null ? ks : keySerde, true, topic);
        Serde<V> v = builder.serdes().resolve(vs != null ? vs : valueSerde, false, topic);
        String parent = name;
        if (dropNullKeys) {
            parent = builder.uniqueName(topic + "-filter");
            builder.internal().addProcessor(parent, RecordHandler.<K, V, K, V>supplier((r, ctx) -> {
                if (r.key() != null) {
                    ctx.forward(r);
                }
            }), name);
        }
        String sink = builder.uniqueName(topic + "-sink");
        String source = builder.uniqueName(topic + "-source");
        builder.internal().addInternalTopic(topic, partitions, true, Map.of());
        builder.internal().addSink(sink, topic, null, k.serializer(), v.serializer(), partitioner, parent);
        builder.internal().addSource(source, k.deserializer(), v.deserializer(), null, null, topic);
        return new KStreamImpl<>(builder, source, base, k, v, false);
    }

    // ---- stateless operators ----------------------------------------------------------------------------------

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate) {
        return filter(predicate, null);
    }

    @Override
    public KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named) {
        Objects.requireNonNull(predicate, "predicate");
        return addProcessor("filter", named, RecordHandler.<K, V, K, V>supplier((r, ctx) -> {
            if (predicate.test(r.key(), r.value())) {
                ctx.forward(r);
            }
        }), keySerde, valueSerde, false);
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate) {
        return filterNot(predicate, null);
    }

    @Override
    public KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named) {
        Objects.requireNonNull(predicate, "predicate");
        return addProcessor("filterNot", named, RecordHandler.<K, V, K, V>supplier((r, ctx) -> {
            if (!predicate.test(r.key(), r.value())) {
                ctx.forward(r);
            }
        }), keySerde, valueSerde, false);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper) {
        return selectKey(mapper, null);
    }

    @Override
    public <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named) {
        return selectKey("selectKey", mapper, named);
    }

    private <KR> KStreamImpl<KR, V> selectKey(String operator, KeyValueMapper<? super K, ? super V, ? extends KR> mapper,
                                              Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return addProcessor(operator, named, RecordHandler.<K, V, KR, V>supplier(
                (r, ctx) -> ctx.forward(r.withKey(mapper.apply(r.key(), r.value())))), null, valueSerde, true);
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper) {
        return map(mapper, null);
    }

    @Override
    public <KR, VR> KStream<KR, VR> map(
            KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        String self = name;
        return addProcessor("map", named, RecordHandler.<K, V, KR, VR>supplier((r, ctx) -> {
            KeyValue<? extends KR, ? extends VR> kv = mapper.apply(r.key(), r.value());
            if (kv == null) {
                throw new StreamsException("the mapper of map after '" + self + "' returned null for key " + r.key());
            }
            ctx.forward(new Record<KR, VR>(kv.key, kv.value, r.timestamp(), r.headers()));
        }), null, null, true);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper) {
        return mapValues(mapper, (Named) null);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return mapValues((ValueMapperWithKey<K, V, VR>) (k, v) -> mapper.apply(v), named);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper) {
        return mapValues(mapper, (Named) null);
    }

    @Override
    public <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return addProcessor("mapValues", named, RecordHandler.<K, V, K, VR>supplier(
                (r, ctx) -> ctx.forward(r.withValue(mapper.apply(r.key(), r.value())))), keySerde, null, false);
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper) {
        return flatMap(mapper, null);
    }

    @Override
    public <KR, VR> KStream<KR, VR> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper,
            Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return addProcessor("flatMap", named, RecordHandler.<K, V, KR, VR>supplier((r, ctx) -> {
            Iterable<? extends KeyValue<? extends KR, ? extends VR>> out = mapper.apply(r.key(), r.value());
            if (out != null) {
                for (KeyValue<? extends KR, ? extends VR> kv : out) {
                    ctx.forward(new Record<KR, VR>(kv.key, kv.value, r.timestamp(), r.headers()));
                }
            }
        }), null, null, true);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper) {
        return flatMapValues(mapper, (Named) null);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper,
                                             Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return flatMapValues((ValueMapperWithKey<K, V, Iterable<? extends VR>>) (k, v) -> mapper.apply(v), named);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(
            ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper) {
        return flatMapValues(mapper, (Named) null);
    }

    @Override
    public <VR> KStream<K, VR> flatMapValues(
            ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper, Named named) {
        Objects.requireNonNull(mapper, "mapper");
        return addProcessor("flatMapValues", named, RecordHandler.<K, V, K, VR>supplier((r, ctx) -> {
            Iterable<? extends VR> out = mapper.apply(r.key(), r.value());
            if (out != null) {
                for (VR v : out) {
                    ctx.forward(r.withValue(v));
                }
            }
        }), keySerde, null, false);
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action) {
        foreach(action, null);
    }

    @Override
    public void foreach(ForeachAction<? super K, ? super V> action, Named named) {
        Objects.requireNonNull(action, "action");
        addProcessor("foreach", named, RecordHandler.<K, V, Void, Void>supplier(
                (r, ctx) -> action.apply(r.key(), r.value())), null, null, false);
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action) {
        return peek(action, null);
    }

    @Override
    public KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named) {
        Objects.requireNonNull(action, "action");
        return addProcessor("peek", named, RecordHandler.<K, V, K, V>supplier((r, ctx) -> {
            action.apply(r.key(), r.value());
            ctx.forward(r);
        }), keySerde, valueSerde, false);
    }

    @Override
    public BranchedKStream<K, V> split() {
        return split(null);
    }

    @Override
    public BranchedKStream<K, V> split(Named named) {
        String userName = NamedInternal.nameOf(named);
        String splitter = builder.nodeName(userName, path, "split");
        BranchedKStreamImpl<K, V> branched = new BranchedKStreamImpl<>(this, splitter,
                userName != null ? userName : splitter + "-");
        builder.internal().addProcessor(splitter, branched.splitterSupplier(), name);
        return branched;
    }

    /** For {@link BranchedKStreamImpl}: a pass-through node under {@code parent} named {@code node}. */
    KStreamImpl<K, V> addBranch(String parent, String node) {
        builder.internal().addProcessor(builder.nodeName(node, parent, "branch"),
                RecordHandler.<K, V, K, V>supplier((r, ctx) -> ctx.forward(r)), parent);
        return new KStreamImpl<>(builder, node, node, keySerde, valueSerde, repartitionRequired);
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> stream) {
        return merge(stream, null);
    }

    @Override
    public KStream<K, V> merge(KStream<K, V> stream, Named named) {
        KStreamImpl<K, V> other = (KStreamImpl<K, V>) Objects.requireNonNull(stream, "stream");
        String userName = NamedInternal.nameOf(named);
        String node = builder.nodeName(userName, path, "merge");
        builder.internal().addProcessor(node, RecordHandler.<K, V, K, V>supplier((r, ctx) -> ctx.forward(r)), name,
                other.name);
        return new KStreamImpl<>(builder, node, childPath(userName, "merge"),
                Objects.equals(keySerde, other.keySerde) ? keySerde : null,
                Objects.equals(valueSerde, other.valueSerde) ? valueSerde : null,
                repartitionRequired || other.repartitionRequired);
    }

    @Override
    public KStream<K, V> repartition() {
        return repartition(null);
    }

    @Override
    public KStream<K, V> repartition(Repartitioned<K, V> repartitioned) {
        RepartitionedInternal<K, V> r = new RepartitionedInternal<>(repartitioned);
        return throughTopic(r.name(), path + ".repartition", r.keySerde(), r.valueSerde(), r.partitions(), r.partitioner(), false,
                "repartition");
    }

    @Override
    public void to(String topic) {
        to(topic, null);
    }

    @Override
    public void to(String topic, Produced<K, V> produced) {
        Objects.requireNonNull(topic, "topic");
        addSink(topic, null, "to-" + topic, new ProducedInternal<>(produced));
    }

    @Override
    public void to(TopicNameExtractor<K, V> topicExtractor) {
        to(topicExtractor, null);
    }

    @Override
    public void to(TopicNameExtractor<K, V> topicExtractor, Produced<K, V> produced) {
        Objects.requireNonNull(topicExtractor, "topicExtractor");
        addSink(null, topicExtractor, "to-dynamic", new ProducedInternal<>(produced));
    }

    private void addSink(String topic, TopicNameExtractor<K, V> extractor, String operator, ProducedInternal<K, V> p) {
        String node = builder.nodeName(p.name(), path, operator);
        Serde<K> k = builder.serdes().resolve(p.keySerde() != null ? p.keySerde() : keySerde, true, node);
        Serde<V> v = builder.serdes().resolve(p.valueSerde() != null ? p.valueSerde() : valueSerde, false, node);
        builder.internal().addSink(node, topic, extractor, k.serializer(), v.serializer(), p.partitioner(), name);
    }

    // ---- tables and grouping ----------------------------------------------------------------------------------

    @Override
    public KTable<K, V> toTable() {
        return toTable(null, null);
    }

    @Override
    public KTable<K, V> toTable(Named named) {
        return toTable(named, null);
    }

    @Override
    public KTable<K, V> toTable(Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return toTable(null, materialized);
    }

    @Override
    public KTable<K, V> toTable(Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        MaterializedInternal<K, V, ?> m = new MaterializedInternal<>(materialized);
        KStreamImpl<K, V> input = repartitionIfRequired(null, m.keySerde(), m.valueSerde(), "toTable");
        String userName = NamedInternal.nameOf(named);
        String node = builder.nodeName(userName, path, "toTable");
        Serde<K> k = builder.serdes().resolve(m.keySerde() != null ? m.keySerde() : input.keySerde, true, node);
        Serde<V> v = builder.serdes().resolve(m.valueSerde() != null ? m.valueSerde() : input.valueSerde, false, node);
        return KTableImpl.source(builder, node, childPath(userName, "toTable"), input.name, m, k, v, "toTable");
    }

    @Override
    public KGroupedStream<K, V> groupByKey() {
        return groupByKey(null);
    }

    @Override
    public KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped) {
        return new KGroupedStreamImpl<>(this, new GroupedInternal<>(grouped));
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector) {
        return groupBy(keySelector, null);
    }

    @Override
    public <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector,
                                              Grouped<KR, V> grouped) {
        return new KGroupedStreamImpl<>(selectKey("groupBy", keySelector, null), new GroupedInternal<>(grouped));
    }

    // ---- joins (wired by KStreamImplJoin) ---------------------------------------------------------------------

    private static <K, V1, V2, VR> ValueJoinerWithKey<K, V1, V2, VR> withKey(
            ValueJoiner<? super V1, ? super V2, ? extends VR> joiner) {
        Objects.requireNonNull(joiner, "joiner");
        return (k, v1, v2) -> joiner.apply(v1, v2);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows) {
        return join(otherStream, withKey(joiner), windows, null);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                    ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                    JoinWindows windows) {
        return join(otherStream, joiner, windows, null);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
                                    StreamJoined<K, V, VO> streamJoined) {
        return join(otherStream, withKey(joiner), windows, streamJoined);
    }

    @Override
    public <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                    ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                    JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        Objects.requireNonNull(joiner, "joiner");
        return KStreamImplJoin.streamStream(this, otherStream, joiner, windows, streamJoined, false, false,
                "join");
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows) {
        return leftJoin(otherStream, withKey(joiner), windows, null);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                    ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                    JoinWindows windows) {
        return leftJoin(otherStream, joiner, windows, null);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
                                    StreamJoined<K, V, VO> streamJoined) {
        return leftJoin(otherStream, withKey(joiner), windows, streamJoined);
    }

    @Override
    public <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                    ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                    JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        Objects.requireNonNull(joiner, "joiner");
        return KStreamImplJoin.streamStream(this, otherStream, joiner, windows, streamJoined, true, false,
                "leftJoin");
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows) {
        return outerJoin(otherStream, withKey(joiner), windows, null);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                    ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                    JoinWindows windows) {
        return outerJoin(otherStream, joiner, windows, null);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                    ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
                                    StreamJoined<K, V, VO> streamJoined) {
        return outerJoin(otherStream, withKey(joiner), windows, streamJoined);
    }

    @Override
    public <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                    ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                    JoinWindows windows, StreamJoined<K, V, VO> streamJoined) {
        Objects.requireNonNull(joiner, "joiner");
        return KStreamImplJoin.streamStream(this, otherStream, joiner, windows, streamJoined, true, true,
                "outerJoin");
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
        return join(table, withKey(joiner), (Joined<K, V, VT>) null);
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
                                    ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner) {
        return join(table, joiner, (Joined<K, V, VT>) null);
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                    Joined<K, V, VT> joined) {
        return join(table, withKey(joiner), joined);
    }

    @Override
    public <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
                                    ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                    Joined<K, V, VT> joined) {
        Objects.requireNonNull(joiner, "joiner");
        return KStreamImplJoin.streamTable(this, table, joiner, joined, false, "join");
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                        ValueJoiner<? super V, ? super GV, ? extends RV> joiner) {
        return join(globalTable, keySelector, withKey(joiner), null);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                        ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner) {
        return join(globalTable, keySelector, joiner, null);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                        ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named) {
        return join(globalTable, keySelector, withKey(joiner), named);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                        ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner,
                                        Named named) {
        Objects.requireNonNull(keySelector, "keySelector");
        Objects.requireNonNull(joiner, "joiner");
        return KStreamImplJoin.streamGlobalTable(this, globalTable, keySelector, joiner, named, false,
                "join");
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                            ValueJoiner<? super V, ? super VT, ? extends VR> joiner) {
        return leftJoin(table, withKey(joiner), (Joined<K, V, VT>) null);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                    ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner) {
        return leftJoin(table, joiner, (Joined<K, V, VT>) null);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                            ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                    Joined<K, V, VT> joined) {
        return leftJoin(table, withKey(joiner), joined);
    }

    @Override
    public <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                    ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                    Joined<K, V, VT> joined) {
        Objects.requireNonNull(joiner, "joiner");
        return KStreamImplJoin.streamTable(this, table, joiner, joined, true, "leftJoin");
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                        ValueJoiner<? super V, ? super GV, ? extends RV> joiner) {
        return leftJoin(globalTable, keySelector, withKey(joiner), null);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                        ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner) {
        return leftJoin(globalTable, keySelector, joiner, null);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                        ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named) {
        return leftJoin(globalTable, keySelector, withKey(joiner), named);
    }

    @Override
    public <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                        KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                        ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner,
                                        Named named) {
        Objects.requireNonNull(keySelector, "keySelector");
        Objects.requireNonNull(joiner, "joiner");
        return KStreamImplJoin.streamGlobalTable(this, globalTable, keySelector, joiner, named, true,
                "leftJoin");
    }

    // ---- Processor API ----------------------------------------------------------------------------------------

    @Override
    public <KOut, VOut> KStream<KOut, VOut> process(
            ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier, String... stateStoreNames) {
        return process(processorSupplier, null, stateStoreNames);
    }

    @Override
    public <KOut, VOut> KStream<KOut, VOut> process(
            ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier, Named named,
            String... stateStoreNames) {
        Objects.requireNonNull(processorSupplier, "processorSupplier");
        KStreamImpl<KOut, VOut> out = addProcessor("process", named, processorSupplier, null, null, true);
        if (stateStoreNames.length > 0) {
            builder.internal().connectProcessorAndStateStores(out.name, stateStoreNames);
        }
        return out;
    }

    @Override
    public <VOut> KStream<K, VOut> processValues(
            FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier, String... stateStoreNames) {
        return processValues(processorSupplier, null, stateStoreNames);
    }

    @Override
    public <VOut> KStream<K, VOut> processValues(
            FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier, Named named,
            String... stateStoreNames) {
        Objects.requireNonNull(processorSupplier, "processorSupplier");
        ProcessorSupplier<K, V, K, VOut> adapted = InternalFixedKeyRecordFactory.processorSupplier(processorSupplier);
        KStreamImpl<K, VOut> out = addProcessor("processValues", named, adapted, keySerde, null, false);
        if (stateStoreNames.length > 0) {
            builder.internal().connectProcessorAndStateStores(out.name, stateStoreNames);
        }
        return out;
    }

    /**
     * A timestamped store for a table operator: the user's name, or {@code <path>-store}.
     *
     * @param builder the builder
     * @param m the user's settings
     * @param node the operator's node (for messages)
     * @param path the operator's path
     * @param operator the operator kind (for messages)
     * @param k key serde
     * @param v value serde
     * @param <K> key type
     * @param <V> value type
     * @return the store builder
     */
    public static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> tableStore(InternalStreamsBuilder builder,
            MaterializedInternal<K, V, ?> m, String node, String path, String operator, Serde<K> k, Serde<V> v) {
        return StoreFactory.timestampedKeyValue(m, StoreFactory.storeName(builder, m, node, path, operator), k, v,
                node);
    }

    @Override
    public String toString() {
        return "KStream(" + name + ")";
    }
}

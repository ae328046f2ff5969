package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.Stores;
import io.eddy.state.StoreBuilder;
import io.eddy.state.WindowBytesStoreSupplier;
import io.eddy.state.WindowStore;
import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.kstream.GlobalKTable;
import io.eddy.streams.kstream.JoinWindows;
import io.eddy.streams.kstream.Joined;
import io.eddy.streams.kstream.KStream;
import io.eddy.streams.kstream.KTable;
import io.eddy.streams.kstream.KeyValueMapper;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.kstream.StreamJoined;
import io.eddy.streams.kstream.ValueJoinerWithKey;
import java.util.Objects;

/**
 * Wires stream joins into the topology, as Kafka Streams' {@code KStreamImplJoin}.
 *
 * <p><b>Stream-stream</b> ({@link KStreamKStreamJoin}): each side whose keys may have changed is repartitioned first
 * (topics {@code <StreamJoined name>-left-repartition}/{@code -right-repartition}, else each stream's
 * {@code <path>-repartition}); the side processors {@code <node>-this} and {@code <node>-other} feed the result node
 * {@code <node>} ({@code <path>.<op>} or the StreamJoined name). Stores {@code <base>-this-join-store},
 * {@code <base>-other-join-store} and, for left/outer joins, {@code <base>-outer-shared-join-store}, where the base
 * is the StreamJoined store name, else its name, else the derived path.
 *
 * <p><b>Stream-table</b> ({@link KStreamKTableJoin}): the stream is repartitioned if needed (named by the Joined);
 * the node reads the table's view. <b>Stream-globalTable</b>: no repartition, no co-partitioning.
 *
 * <p>Stream-stream and stream-table joins register their source topics as a co-partition group.
 */
final class KStreamImplJoin {
    private KStreamImplJoin() {
    }

    static <K, V1, V2, VR> KStream<K, VR> streamStream(
            KStreamImpl<K, V1> left, KStream<K, V2> other,
            ValueJoinerWithKey<? super K, ? super V1, ? super V2, ? extends VR> joiner, JoinWindows windows,
            StreamJoined<K, V1, V2> streamJoined, boolean leftOuter, boolean rightOuter, String operator) {
        Objects.requireNonNull(other, "otherStream");
        Objects.requireNonNull(windows, "windows");
        KStreamImpl<K, V2> right = (KStreamImpl<K, V2>) other;
        StreamJoinedInternal<K, V1, V2> sj = new StreamJoinedInternal<>(streamJoined != null ? streamJoined
                : StreamJoined.with((Serde<K>) null, (Serde<V1>) null, (Serde<V2>) null));
        InternalStreamsBuilder b = left.builder();
        String userName = sj.name();
        KStreamImpl<K, V1> l = left.repartitionIfRequired(userName == null ? null : userName + "-left", sj.keySerde(),
                sj.valueSerde(), operator);
        KStreamImpl<K, V2> r = right.repartitionIfRequired(userName == null ? null : userName + "-right",
                sj.keySerde(), sj.otherValueSerde(), operator);
        String node = b.nodeName(userName, left.path(), operator);
        String path = left.childPath(userName, operator);
        Serde<K> k = b.serdes().resolve(sj.keySerde() != null ? sj.keySerde()
                : l.keySerde() != null ? l.keySerde() : r.keySerde(), true, node);
        Serde<V1> v1 = b.serdes().resolve(sj.valueSerde() != null ? sj.valueSerde() : l.valueSerde(), false, node);
        Serde<V2> v2 = b.serdes().resolve(sj.otherValueSerde() != null ? sj.otherValueSerde() : r.valueSerde(), false,
                node);
        String storeBase = sj.storeName() != null ? sj.storeName() : userName;
        if (storeBase == null) {
            storeBase = b.resourceName(path);
            b.unnamed(operator + " '" + node + "'", "state stores '" + storeBase + "-this-join-store' (and others)",
                    "StreamJoined.as(...) or StreamJoined.withName(...)");
        }
        StoreBuilder<WindowStore<K, V1>> thisStore = sideStore(sj.thisStoreSupplier(), storeBase
                + "-this-join-store", windows, k, v1, sj, node);
        StoreBuilder<WindowStore<K, V2>> otherStore = sideStore(sj.otherStoreSupplier(), storeBase
                + "-other-join-store", windows, k, v2, sj, node);
        String outerStore = leftOuter || rightOuter ? storeBase + "-outer-shared-join-store" : null;
        KStreamKStreamJoin<K, V1, V2, VR> join = new KStreamKStreamJoin<>(windows, thisStore.name(),
                otherStore.name(), outerStore, leftOuter, rightOuter, joiner, k, v1, v2);
        String thisNode = b.uniqueName(node + "-this");
        String otherNode = b.uniqueName(node + "-other");
        b.internal().addProcessor(thisNode, join.leftSide(), l.name());
        b.internal().addProcessor(otherNode, join.rightSide(), r.name());
        b.internal().addProcessor(node, RecordHandler.<K, VR, K, VR>supplier((rec, ctx) -> ctx.forward(rec)),
                thisNode, otherNode);
        b.internal().addStateStore(thisStore, thisNode, otherNode);
        b.internal().addStateStore(otherStore, thisNode, otherNode);
        if (outerStore != null) {
            StoreBuilder<?> outer = KStreamKStreamJoin.outerJoinStoreBuilder(outerStore, true);
            if (!sj.loggingEnabled()) {
                outer.withLoggingDisabled();
            } else {
                outer.withLoggingEnabled(sj.logConfig());
            }
            b.internal().addStateStore(outer, thisNode, otherNode);
        }
        b.registerDroppedRecords(node, join::droppedRecords);
        b.copartition(l.name(), r.name());
        return new KStreamImpl<>(b, node, path, k, null, false);
    }

    private static <K, V> StoreBuilder<WindowStore<K, V>> sideStore(WindowBytesStoreSupplier supplier, String name,
            JoinWindows windows, Serde<K> k, Serde<V> v, StreamJoinedInternal<?, ?, ?> sj, String node) {
        StoreBuilder<WindowStore<K, V>> sb;
        if (supplier == null) {
            sb = KStreamKStreamJoin.windowStoreBuilder(name, windows, k, v, true);
        } else {
            long retention = KStreamKStreamJoin.retentionMs(windows);
            if (!supplier.retainDuplicates() || supplier.windowSize() != windows.size()
                    || supplier.retentionPeriod() < retention) {
                throw new TopologyException("stream-stream join '" + node + "' needs window stores with"
                        + " retainDuplicates=true, windowSize=" + windows.size() + "ms (before + after) and retention>="
                        + retention + "ms (before + after + grace + 1), but StreamJoined supplies store '"
                        + supplier.name() + "' with retainDuplicates=" + supplier.retainDuplicates() + ", windowSize="
                        + supplier.windowSize() + "ms, retention=" + supplier.retentionPeriod() + "ms");
            }
            sb = Stores.windowStoreBuilder(supplier, k, v).withCachingDisabled();
        }
        return sj.loggingEnabled() ? sb.withLoggingEnabled(sj.logConfig()) : sb.withLoggingDisabled();
    }

    static <K, V, VT, VR> KStream<K, VR> streamTable(
            KStreamImpl<K, V> stream, KTable<K, VT> table,
            ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner, Joined<K, V, VT> joined,
            boolean leftJoin, String operator) {
        Objects.requireNonNull(table, "table");
        JoinedInternal<K, V, VT> j = new JoinedInternal<>(joined != null ? joined : Joined.keySerde(null));
        if (j.gracePeriod() != null) {
            throw new IllegalArgumentException("a grace period in a stream-table join needs a versioned table, which"
                    + " Eddy does not support: " + joined);
        }
        InternalStreamsBuilder b = stream.builder();
        KStreamImpl<K, V> s = stream.repartitionIfRequired(j.name(), j.keySerde(), j.leftValueSerde(), operator);
        KTableImpl<K, VT> t = (KTableImpl<K, VT>) table;
        KTableValueGetterSupplier<K, VT> view = t.valueGetterSupplier();
        KStreamKTableJoin<K, V, K, VT, VR> join = KStreamKTableJoin.streamTable(view, joiner, leftJoin);
        String node = b.nodeName(j.name(), stream.path(), operator);
        b.internal().addProcessor(node, join, s.name());
        b.internal().connectProcessorAndStateStores(node, view.storeNames());
        b.registerDroppedRecords(node, join::droppedRecords);
        b.copartition(s.name(), t.name());
        return new KStreamImpl<>(b, node, stream.childPath(j.name(), operator),
                j.keySerde() != null ? j.keySerde() : s.keySerde(), null, false);
    }

    static <K, V, GK, GV, RV> KStream<K, RV> streamGlobalTable(
            KStreamImpl<K, V> stream, GlobalKTable<GK, GV> globalTable,
            KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
            ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner, Named named, boolean leftJoin,
            String operator) {
        Objects.requireNonNull(globalTable, "globalTable");
        KStreamKTableJoin<K, V, GK, GV, RV> join = KStreamKTableJoin.streamGlobalTable(
                globalTable.queryableStoreName(), keySelector, joiner, leftJoin);
        KStreamImpl<K, RV> out = stream.addProcessor(operator, named, join, stream.keySerde(), null, false);
        stream.builder().registerDroppedRecords(out.name(), join::droppedRecords);
        return out;
    }
}

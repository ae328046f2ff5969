package io.eddy.streams.kstream;

import io.eddy.streams.processor.api.FixedKeyProcessorSupplier;
import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueStore;
import io.eddy.streams.processor.TopicNameExtractor;
import io.eddy.streams.processor.api.ProcessorSupplier;

/**
 * An unbounded stream of independent records, as Kafka Streams' {@code KStream}. Operators return new streams and
 * only describe the topology; nothing runs until it is built and started. Records keep their timestamp through
 * stateless operators.
 *
 * <p>An operator that may change the key ({@code map}, {@code selectKey}, {@code flatMap}, {@code process}) marks the
 * result as needing a repartition; the next grouping (or join) then inserts a repartition topic
 * {@code <name>-repartition} so that equal keys meet in one task. All groupings of one such stream share that topic.
 *
 * <p>Unnamed nodes are named after their position on their path from the source topics (see {@link Named}), so
 * adding an operator elsewhere never renames existing nodes, stores or topics.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KStream<K, V> {

    /** @param predicate keeps matching records @return the filtered stream */
    KStream<K, V> filter(Predicate<? super K, ? super V> predicate);

    /** @param predicate keeps matching records @param named node name @return the filtered stream */
    KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

    /** @param predicate drops matching records @return the filtered stream */
    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    /** @param predicate drops matching records @param named node name @return the filtered stream */
    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

    /** @param mapper the new key @param <KR> new key type @return the re-keyed stream (needs repartitioning) */
    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

    /**
     * @param mapper the new key
     * @param named node name
     * @param <KR> new key type
     * @return the re-keyed stream (needs repartitioning)
     */
    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named);

    /**
     * @param mapper the new key and value
     * @param <KR> new key type
     * @param <VR> new value type
     * @return the mapped stream (needs repartitioning)
     */
    <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper);

    /**
     * @param mapper the new key and value
     * @param named node name
     * @param <KR> new key type
     * @param <VR> new value type
     * @return the mapped stream (needs repartitioning)
     */
    <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper,
                                 Named named);

    /** @param mapper the new value @param <VR> new value type @return the mapped stream */
    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    /** @param mapper the new value @param named node name @param <VR> new value type @return the mapped stream */
    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

    /** @param mapper the new value from key and value @param <VR> new value type @return the mapped stream */
    <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper);

    /**
     * @param mapper the new value from key and value
     * @param named node name
     * @param <VR> new value type
     * @return the mapped stream
     */
    <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named);

    /**
     * @param mapper zero or more new records per record
     * @param <KR> new key type
     * @param <VR> new value type
     * @return the mapped stream (needs repartitioning)
     */
    <KR, VR> KStream<KR, VR> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper);

    /**
     * @param mapper zero or more new records per record
     * @param named node name
     * @param <KR> new key type
     * @param <VR> new value type
     * @return the mapped stream (needs repartitioning)
     */
    <KR, VR> KStream<KR, VR> flatMap(
            KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper,
            Named named);

    /** @param mapper zero or more values per record @param <VR> new value type @return the mapped stream */
    <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper);

    /**
     * @param mapper zero or more values per record
     * @param named node name
     * @param <VR> new value type
     * @return the mapped stream
     */
    <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper, Named named);

    /** @param mapper zero or more values per record @param <VR> new value type @return the mapped stream */
    <VR> KStream<K, VR> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper);

    /**
     * @param mapper zero or more values per record
     * @param named node name
     * @param <VR> new value type
     * @return the mapped stream
     */
    <VR> KStream<K, VR> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper,
                                      Named named);

    /** @param action called for each record */
    void foreach(ForeachAction<? super K, ? super V> action);

    /** @param action called for each record @param named node name */
    void foreach(ForeachAction<? super K, ? super V> action, Named named);

    /** @param action called for each record @return this stream, unchanged */
    KStream<K, V> peek(ForeachAction<? super K, ? super V> action);

    /** @param action called for each record @param named node name @return this stream, unchanged */
    KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named);

    /** @return a splitter: each record goes to the first branch whose predicate matches */
    BranchedKStream<K, V> split();

    /** @param named the splitter's name, also the prefix of branch names @return a splitter */
    BranchedKStream<K, V> split(Named named);

    /** @param stream another stream @return both streams' records, interleaved */
    KStream<K, V> merge(KStream<K, V> stream);

    /** @param stream another stream @param named node name @return both streams' records, interleaved */
    KStream<K, V> merge(KStream<K, V> stream, Named named);

    /** @return this stream through a repartition topic with a derived name */
    KStream<K, V> repartition();

    /** @param repartitioned the topic's name, serdes, partitions, partitioner @return this stream, repartitioned */
    KStream<K, V> repartition(Repartitioned<K, V> repartitioned);

    /** @param topic writes every record to it */
    void to(String topic);

    /** @param topic writes every record to it @param produced serdes, partitioner, sink name */
    void to(String topic, Produced<K, V> produced);

    /** @param topicExtractor chooses each record's topic */
    void to(TopicNameExtractor<K, V> topicExtractor);

    /** @param topicExtractor chooses each record's topic @param produced serdes, partitioner, sink name */
    void to(TopicNameExtractor<K, V> topicExtractor, Produced<K, V> produced);

    /** @return a table of each key's latest value (null values delete), not materialized */
    KTable<K, V> toTable();

    /** @param named node name @return a table of each key's latest value */
    KTable<K, V> toTable(Named named);

    /** @param materialized its store @return a materialized table of each key's latest value */
    KTable<K, V> toTable(Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /**
     * @param named node name
     * @param materialized its store
     * @return a materialized table of each key's latest value
     */
    KTable<K, V> toTable(Named named,
                         Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    /** @return the records grouped by their current key */
    KGroupedStream<K, V> groupByKey();

    /** @param grouped serdes and repartition name @return the records grouped by their current key */
    KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped);

    /** @param keySelector the grouping key @param <KR> its type @return the records grouped by the new key */
    <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector);

    /**
     * @param keySelector the grouping key
     * @param grouped serdes and repartition name
     * @param <KR> its type
     * @return the records grouped by the new key
     */
    <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector, Grouped<KR, V> grouped);

    /**
     * Runs a Processor API processor; its output may have new keys (needs repartitioning).
     *
     * @param processorSupplier creates one processor per task
     * @param stateStoreNames stores (already added) it uses
     * @param <KOut> output key type
     * @param <VOut> output value type
     * @return its output
     */
    <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier,
                                             String... stateStoreNames);

    /**
     * @param processorSupplier creates one processor per task
     * @param named node name
     * @param stateStoreNames stores it uses
     * @param <KOut> output key type
     * @param <VOut> output value type
     * @return its output
     */
    <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier,
                                             Named named, String... stateStoreNames);

    /**
     * Runs a processor that can change values but not keys (no repartitioning).
     *
     * @param processorSupplier creates one processor per task
     * @param stateStoreNames stores it uses
     * @param <VOut> output value type
     * @return its output
     */
    <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier,
                                          String... stateStoreNames);

    /**
     * @param processorSupplier creates one processor per task
     * @param named node name
     * @param stateStoreNames stores it uses
     * @param <VOut> output value type
     * @return its output
     */
    <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier,
                                          Named named, String... stateStoreNames);

    // ---- joins ------------------------------------------------------------------------------------------------
    //
    // Stream-stream joins are windowed: a record joins the other side's records of its key whose timestamps lie
    // within the JoinWindows, in both arrival orders; each result has the larger of the two timestamps. A left/outer
    // join emits an unmatched record joined with null only once its window has closed (stream time past
    // t + after + grace), with the record's timestamp. Stream-table joins look up the table's current value when a
    // stream record arrives (table updates emit nothing) and keep the stream record's timestamp. A side whose keys may
    // have changed is repartitioned first; the joined topics must have equal partition counts (checked at start).

    /** Inner windowed join with another stream. */
    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                 JoinWindows windows);

    /** Inner windowed join with another stream. */
    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                 ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                 JoinWindows windows);

    /** Inner windowed join with another stream, with serdes, names and stores from {@code streamJoined}. */
    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream, ValueJoiner<? super V, ? super VO, ? extends VR> joiner,
                                 JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    /** Inner windowed join with another stream, with serdes, names and stores from {@code streamJoined}. */
    <VO, VR> KStream<K, VR> join(KStream<K, VO> otherStream,
                                 ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                 JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    /** Left windowed join with another stream: unmatched records of this stream are joined with null. */
    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                     ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows);

    /** Left windowed join with another stream. */
    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                     ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                     JoinWindows windows);

    /** Left windowed join with another stream, with settings from {@code streamJoined}. */
    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                     ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
                                     StreamJoined<K, V, VO> streamJoined);

    /** Left windowed join with another stream, with settings from {@code streamJoined}. */
    <VO, VR> KStream<K, VR> leftJoin(KStream<K, VO> otherStream,
                                     ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                     JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    /** Outer windowed join with another stream: unmatched records of either side are joined with null. */
    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                      ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows);

    /** Outer windowed join with another stream. */
    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                      ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                      JoinWindows windows);

    /** Outer windowed join with another stream, with settings from {@code streamJoined}. */
    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                      ValueJoiner<? super V, ? super VO, ? extends VR> joiner, JoinWindows windows,
                                      StreamJoined<K, V, VO> streamJoined);

    /** Outer windowed join with another stream, with settings from {@code streamJoined}. */
    <VO, VR> KStream<K, VR> outerJoin(KStream<K, VO> otherStream,
                                      ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                      JoinWindows windows, StreamJoined<K, V, VO> streamJoined);

    /** Inner join with a table: records without a table value emit nothing. */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner);

    /** Inner join with a table. */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
                                 ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner);

    /** Inner join with a table, with serdes and name from {@code joined}. */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                 Joined<K, V, VT> joined);

    /** Inner join with a table, with serdes and name from {@code joined}. */
    <VT, VR> KStream<K, VR> join(KTable<K, VT> table,
                                 ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                 Joined<K, V, VT> joined);

    /** Left join with a table: records without a table value are joined with null. */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner);

    /** Left join with a table. */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                     ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner);

    /** Left join with a table, with serdes and name from {@code joined}. */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                     Joined<K, V, VT> joined);

    /** Left join with a table, with serdes and name from {@code joined}. */
    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table,
                                     ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner,
                                     Joined<K, V, VT> joined);

    /** Inner join with a global table, looked up by {@code keySelector(key, value)}; no repartitioning. */
    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                     KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                     ValueJoiner<? super V, ? super GV, ? extends RV> joiner);

    /** Inner join with a global table. */
    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                     KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                     ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner);

    /** Inner join with a global table, with a processor name. */
    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                     KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                     ValueJoiner<? super V, ? super GV, ? extends RV> joiner, Named named);

    /** Inner join with a global table, with a processor name. */
    <GK, GV, RV> KStream<K, RV> join(GlobalKTable<GK, GV> globalTable,
                                     KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                     ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> joiner,
                                     Named named);

    /** Left join with a global table: records without a table value are joined with null. */
    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                         ValueJoiner<? super V, ? super GV, ? extends RV> valueJoiner);

    /** Left join with a global table. */
    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                         ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> valueJoiner);

    /** Left join with a global table, with a processor name. */
    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                         ValueJoiner<? super V, ? super GV, ? extends RV> valueJoiner, Named named);

    /** Left join with a global table, with a processor name. */
    <GK, GV, RV> KStream<K, RV> leftJoin(GlobalKTable<GK, GV> globalTable,
                                         KeyValueMapper<? super K, ? super V, ? extends GK> keySelector,
                                         ValueJoinerWithKey<? super K, ? super V, ? super GV, ? extends RV> valueJoiner,
                                         Named named);
}

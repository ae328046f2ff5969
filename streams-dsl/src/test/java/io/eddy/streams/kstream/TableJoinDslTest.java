package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueStore;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.Topology;
import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TestRecord;
import io.eddy.streams.test.TopologyTestDriver;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** KTable-KTable joins on the primary key and on a foreign key, through the DSL and the test driver. */
class TableJoinDslTest {
    private static final Serde<String> S = Serdes.String();

    @Test
    void primaryKeyJoinsFollowUpdatesAndDeletesOfBothSides() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> left = b.table("tl", Consumed.with(S, S));
        KTable<String, String> right = b.table("tr", Consumed.with(S, S));
        ValueJoiner<String, String, String> joiner = (l, r) -> l + "+" + r;
        left.join(right, joiner).toStream().to("inner", Produced.with(S, S));
        left.leftJoin(right, joiner, Named.as("lj")).toStream().to("left", Produced.with(S, S));
        left.outerJoin(right, joiner, Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("outer-store")
                .withKeySerde(S).withValueSerde(S)).toStream().to("outer", Produced.with(S, S));
        Topology t = b.build();
        assertThat(t.internalBuilder().copartitionGroups()).contains(Set.of("tl", "tr"));
        try (TopologyTestDriver d = Drivers.uncached(t)) {
            TestInputTopic<String, String> l = d.createInputTopic("tl", S.serializer(), S.serializer());
            TestInputTopic<String, String> r = d.createInputTopic("tr", S.serializer(), S.serializer());
            TestOutputTopic<String, String> inner = d.createOutputTopic("inner", S.deserializer(), S.deserializer());
            TestOutputTopic<String, String> leftOut = d.createOutputTopic("left", S.deserializer(), S.deserializer());
            TestOutputTopic<String, String> outer = d.createOutputTopic("outer", S.deserializer(), S.deserializer());
            l.pipeInput("a", "l1", 10);
            r.pipeInput("a", "r1", 5); // the result takes the larger timestamp
            r.pipeInput("b", "r2", 11);
            l.pipeInput("a", null, 12); // delete the left side
            r.pipeInput("a", null, 13); // then the right side
            assertThat(inner.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("a", "l1+r1", 10L), tuple("a", null, 12L));
            assertThat(leftOut.readKeyValuesToList()).containsExactly(KeyValue.pair("a", "l1+null"),
                    KeyValue.pair("a", "l1+r1"), KeyValue.pair("a", null));
            assertThat(outer.readKeyValuesToList()).containsExactly(KeyValue.pair("a", "l1+null"),
                    KeyValue.pair("a", "l1+r1"), KeyValue.pair("b", "null+r2"), KeyValue.pair("a", "null+r1"),
                    KeyValue.pair("a", null));
            assertThat(d.<String, String>getKeyValueStore("outer-store").get("b")).isEqualTo("null+r2");
        }
    }

    @Test
    void joinOfAFilteredTableReadsTheFilterThroughItsParent() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> left = b.table("tl", Consumed.with(S, S)).filter((k, v) -> !v.startsWith("x"));
        KTable<String, String> right = b.table("tr", Consumed.with(S, S));
        right.join(left, (r, l) -> r + "+" + l).toStream().to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> l = d.createInputTopic("tl", S.serializer(), S.serializer());
            TestInputTopic<String, String> r = d.createInputTopic("tr", S.serializer(), S.serializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", S.deserializer(), S.deserializer());
            l.pipeInput("a", "x1");
            r.pipeInput("a", "r1");
            l.pipeInput("a", "l2");
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a", "r1+l2"));
        }
    }

    private static Topology foreignKeyJoin(boolean leftJoin) {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> orders = b.table("orders", Consumed.with(S, S));
        KTable<String, String> products = b.table("products", Consumed.with(S, S));
        ValueJoiner<String, String, String> joiner = (o, p) -> o + "/" + p;
        KTable<String, String> joined = leftJoin
                ? orders.leftJoin(products, o -> o.split(":")[0], joiner, TableJoined.as("enriched"))
                : orders.join(products, (k, o) -> o.split(":")[0], joiner, TableJoined.as("enriched"));
        joined.toStream().to("out", Produced.with(S, S));
        return b.build();
    }

    @Test
    void foreignKeyJoinFollowsForeignKeyChangesAndRightSideUpdatesAndDeletes() {
        try (TopologyTestDriver d = Drivers.uncached(foreignKeyJoin(false))) {
            TestInputTopic<String, String> orders = d.createInputTopic("orders", S.serializer(), S.serializer());
            TestInputTopic<String, String> products = d.createInputTopic("products", S.serializer(), S.serializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", S.deserializer(), S.deserializer());
            orders.pipeInput("o1", "p1:2", 1); // before the product exists
            products.pipeInput("p1", "apple", 2);
            products.pipeInput("p1", "banana", 3);
            orders.pipeInput("o1", "p2:1", 4); // moves to a product that does not exist: tombstone
            products.pipeInput("p2", "cherry", 5);
            products.pipeInput("p1", "date", 6); // o1 no longer points at p1
            products.pipeInput("p2", null, 7);
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("o1", "p1:2/apple", 2L), tuple("o1", "p1:2/banana", 3L),
                            tuple("o1", null, 4L), tuple("o1", "p2:1/cherry", 5L), tuple("o1", null, 7L));
        }
    }

    @Test
    void leftForeignKeyJoinKeepsLeftValuesWithoutAMatch() {
        try (TopologyTestDriver d = Drivers.uncached(foreignKeyJoin(true))) {
            TestInputTopic<String, String> orders = d.createInputTopic("orders", S.serializer(), S.serializer());
            TestInputTopic<String, String> products = d.createInputTopic("products", S.serializer(), S.serializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", S.deserializer(), S.deserializer());
            orders.pipeInput("o1", "p1:2", 1);
            products.pipeInput("p1", "apple", 2);
            orders.pipeInput("o1", null, 3);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("o1", "p1:2/null"),
                    KeyValue.pair("o1", "p1:2/apple"), KeyValue.pair("o1", null));
        }
    }

    @Test
    void foreignKeyJoinNamesItsSubscriptionStoreAndRequiresANameWhenAsked() {
        assertThat(foreignKeyJoin(false).internalBuilder().stores()).containsKey("enriched-subscription-store");
        Properties p = new Properties();
        p.put(StreamsConfig.REQUIRE_EXPLICIT_NAMES_CONFIG, "true");
        StreamsBuilder strict = new StreamsBuilder(p);
        KTable<String, String> orders = strict.table("orders", Consumed.with(S, S),
                Materialized.as("orders-store"));
        KTable<String, String> products = strict.table("products", Consumed.with(S, S),
                Materialized.as("products-store"));
        assertThatThrownBy(() -> orders.join(products, o -> o, (o, pr) -> o + pr))
                .isInstanceOf(TopologyException.class).hasMessageContaining("TableJoined.as");
    }

    private static TopologyTestDriver driver(Topology t, boolean throughLog, boolean exactlyOnce) {
        Properties p = new Properties();
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        p.put(StreamsConfig.REPARTITION_THROUGH_LOG_CONFIG, throughLog);
        if (exactlyOnce) {
            p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE);
        }
        return new TopologyTestDriver(t, p);
    }

    @ParameterizedTest(name = "through the log: {0}, exactly once: {1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void leftRecordMovedToAnotherForeignKeyNoLongerFollowsTheOldOne(boolean throughLog, boolean exactlyOnce) {
        try (TopologyTestDriver d = driver(foreignKeyJoin(false), throughLog, exactlyOnce)) {
            TestInputTopic<String, String> orders = d.createInputTopic("orders", S.serializer(), S.serializer());
            TestInputTopic<String, String> products = d.createInputTopic("products", S.serializer(), S.serializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", S.deserializer(), S.deserializer());
            products.pipeInput("p1", "apple", 1);
            products.pipeInput("p2", "cherry", 1);
            orders.pipeInput("o1", "p1:1", 2);
            orders.pipeInput("o1", "p2:1", 3);
            products.pipeInput("p1", "apricot", 4); // o1 left p1
            products.pipeInput("p1", null, 5);
            products.pipeInput("p2", "cranberry", 6);
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("o1", "p1:1/apple", 2L), tuple("o1", "p2:1/cherry", 3L),
                            tuple("o1", "p2:1/cranberry", 6L));
        }
    }

    @ParameterizedTest(name = "left join: {0}")
    @ValueSource(booleans = {false, true})
    void leftDeleteSendsATombstoneOnlyWhereAResultExisted(boolean leftJoin) {
        try (TopologyTestDriver d = Drivers.uncached(foreignKeyJoin(leftJoin))) {
            TestInputTopic<String, String> orders = d.createInputTopic("orders", S.serializer(), S.serializer());
            TestInputTopic<String, String> products = d.createInputTopic("products", S.serializer(), S.serializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", S.deserializer(), S.deserializer());
            products.pipeInput("p1", "apple", 1);
            orders.pipeInput("o1", "p1:1", 2);   // a result
            orders.pipeInput("o2", "p9:1", 3);   // no product: a result only in a left join
            orders.pipeInput("o1", null, 4);
            orders.pipeInput("o2", null, 5);
            orders.pipeInput("o3", null, 6);     // never existed
            if (leftJoin) {
                assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value,
                        TestRecord::timestamp).containsExactly(tuple("o1", "p1:1/apple", 2L),
                        tuple("o2", "p9:1/null", 3L), tuple("o1", null, 4L), tuple("o2", null, 5L));
            } else {
                assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value,
                        TestRecord::timestamp).containsExactly(tuple("o1", "p1:1/apple", 2L), tuple("o1", null, 4L));
            }
        }
    }

    @ParameterizedTest(name = "left join: {0}")
    @ValueSource(booleans = {false, true})
    void rightDeleteRemovesTheInnerResultAndLeavesTheLeftJoinResultWithNull(boolean leftJoin) {
        try (TopologyTestDriver d = Drivers.uncached(foreignKeyJoin(leftJoin))) {
            TestInputTopic<String, String> orders = d.createInputTopic("orders", S.serializer(), S.serializer());
            TestInputTopic<String, String> products = d.createInputTopic("products", S.serializer(), S.serializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", S.deserializer(), S.deserializer());
            products.pipeInput("p1", "apple", 1);
            orders.pipeInput("o1", "p1:1", 2);
            orders.pipeInput("o2", "p1:2", 3);
            out.readRecordsToList();
            products.pipeInput("p1", null, 7);
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(leftJoin
                            ? new org.assertj.core.groups.Tuple[] {tuple("o1", "p1:1/null", 7L),
                                tuple("o2", "p1:2/null", 7L)}
                            : new org.assertj.core.groups.Tuple[] {tuple("o1", null, 7L), tuple("o2", null, 7L)});
        }
    }

    @ParameterizedTest(name = "through the log: {0}")
    @ValueSource(booleans = {false, true})
    void responsesToAnOutdatedLeftValueAreDropped(boolean throughLog) {
        StreamsBuilder b = new StreamsBuilder();
        // one input record makes several updates of the same order before any response comes back
        KTable<String, String> orders = b.stream("orders", Consumed.with(S, S))
                .flatMapValues(v -> List.of(v.split(";"))).toTable(Materialized.with(S, S));
        KTable<String, String> products = b.table("products", Consumed.with(S, S));
        orders.join(products, o -> o.split(":")[0], (o, p) -> o + "/" + p, TableJoined.as("enriched"))
                .toStream().to("out", Produced.with(S, S));
        try (TopologyTestDriver d = driver(b.build(), throughLog, false)) {
            TestInputTopic<String, String> in = d.createInputTopic("orders", S.serializer(), S.serializer());
            TestInputTopic<String, String> products2 = d.createInputTopic("products", S.serializer(),
                    S.serializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", S.deserializer(), S.deserializer());
            products2.pipeInput("p1", "apple", 1);
            products2.pipeInput("p2", "banana", 1);
            in.pipeInput("o1", "p1:1;p2:1", 2);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("o1", "p2:1/banana"));
        }
    }

    @Test
    void foreignKeyJoinResultIsMaterializedAndReadByAJoinOnIt() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> orders = b.table("orders", Consumed.with(S, S));
        KTable<String, String> products = b.table("products", Consumed.with(S, S));
        KTable<String, String> shipping = b.table("shipping", Consumed.with(S, S));
        Materialized<String, String, KeyValueStore<Bytes, byte[]>> view =
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("enriched-view").withKeySerde(S)
                        .withValueSerde(S);
        KTable<String, String> enriched = orders.join(products, o -> o.split(":")[0], (o, p) -> o + "/" + p,
                TableJoined.as("enriched"), view);
        enriched.join(shipping, (e, s) -> e + "@" + s).toStream().to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            d.createInputTopic("products", S.serializer(), S.serializer()).pipeInput("p1", "apple", 1);
            d.createInputTopic("orders", S.serializer(), S.serializer()).pipeInput("o1", "p1:1", 2);
            d.createInputTopic("shipping", S.serializer(), S.serializer()).pipeInput("o1", "dhl", 3);
            assertThat(d.createOutputTopic("out", S.deserializer(), S.deserializer()).readKeyValuesToList())
                    .containsExactly(KeyValue.pair("o1", "p1:1/apple@dhl"));
            assertThat(d.<String, String>getKeyValueStore("enriched-view").get("o1")).isEqualTo("p1:1/apple");
        }
    }

    @Test
    void foreignKeyJoinNamesItsTopicsAndSizesThemLikeTheTablesTheyLeadTo() {
        Topology t = foreignKeyJoin(false);
        var topics = t.internalBuilder().internalTopics();
        assertThat(topics).containsOnlyKeys("enriched-subscription-registration-repartition",
                "enriched-subscription-response-repartition");
        assertThat(topics.get("enriched-subscription-registration-repartition").partitionsLike())
                .containsExactly("products");
        assertThat(topics.get("enriched-subscription-response-repartition").partitionsLike())
                .containsExactly("orders");
        assertThat(t.internalBuilder().copartitionGroups()).contains(
                Set.of("products", "enriched-subscription-registration-repartition"),
                Set.of("orders", "enriched-subscription-response-repartition"));
        assertThat(t.internalBuilder().stores()).containsKeys("enriched-subscription-store", "enriched-store");
    }
}

package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.Topology;
import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TestRecord;
import io.eddy.streams.test.TopologyTestDriver;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Stream-stream, stream-table and stream-globalTable joins, through the DSL and the test driver. */
class StreamJoinDslTest {
    private static final Serde<String> S = Serdes.String();
    private static final JoinWindows TEN_MS = JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10));

    private static Topology streamStream(String kind) {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> left = b.stream("left", Consumed.with(S, S));
        KStream<String, String> right = b.stream("right", Consumed.with(S, S));
        ValueJoiner<String, String, String> joiner = (l, r) -> l + "+" + r;
        StreamJoined<String, String, String> sj = StreamJoined.with(S, S, S);
        KStream<String, String> joined = switch (kind) {
            case "inner" -> left.join(right, joiner, TEN_MS, sj);
            case "left" -> left.leftJoin(right, joiner, TEN_MS, sj);
            default -> left.outerJoin(right, joiner, TEN_MS, sj);
        };
        joined.to("out", Produced.with(S, S));
        return b.build();
    }

    private record Io(TopologyTestDriver driver, TestInputTopic<String, String> left,
                      TestInputTopic<String, String> right, TestOutputTopic<String, String> out) {
        List<TestRecord<String, String>> read() {
            return out.readRecordsToList();
        }
    }

    private static Io io(TopologyTestDriver d, String left, String right) {
        return new Io(d, d.createInputTopic(left, S.serializer(), S.serializer()),
                d.createInputTopic(right, S.serializer(), S.serializer()),
                d.createOutputTopic("out", S.deserializer(), S.deserializer()));
    }

    @Test
    void innerStreamStreamJoinMatchesWithinTheWindowInBothArrivalOrders() {
        try (TopologyTestDriver d = Drivers.uncached(streamStream("inner"))) {
            Io io = io(d, "left", "right");
            io.left().pipeInput("a", "l1", 0);
            io.right().pipeInput("a", "r1", 5); // right after left
            io.right().pipeInput("b", "r2", 20);
            io.left().pipeInput("b", "l2", 25); // left after right
            io.left().pipeInput("a", "l1b", 6); // an update of the left side joins the earlier right record again
            io.left().pipeInput("a", null, 7); // a null value is dropped
            io.left().pipeInput("c", "l3", 30);
            io.right().pipeInput("c", "r3", 41); // 11 ms apart: outside the window
            assertThat(io.read()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("a", "l1+r1", 5L), tuple("b", "l2+r2", 25L), tuple("a", "l1b+r1", 6L));
        }
    }

    @Test
    void leftStreamStreamJoinEmitsAnUnmatchedRecordOnlyWhenItsWindowCloses() {
        try (TopologyTestDriver d = Drivers.uncached(streamStream("left"))) {
            Io io = io(d, "left", "right");
            io.left().pipeInput("a", "l1", 0);
            io.right().pipeInput("z", "rz", 10); // stream time 10 = 0 + after: the window of l1 is still open
            assertThat(io.read()).isEmpty();
            io.right().pipeInput("z", "rz2", 11);
            assertThat(io.read()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("a", "l1+null", 0L));
            io.left().pipeInput("b", "l2", 20);
            io.right().pipeInput("b", "r2", 25); // matched before its window closed: no null-join later
            io.right().pipeInput("z", "rz3", 40);
            assertThat(io.read()).extracting(TestRecord::key, TestRecord::value)
                    .containsExactly(tuple("b", "l2+r2"));
        }
    }

    @Test
    void outerStreamStreamJoinEmitsUnmatchedRecordsOfBothSidesAfterTheirWindows() {
        try (TopologyTestDriver d = Drivers.uncached(streamStream("outer"))) {
            Io io = io(d, "left", "right");
            io.right().pipeInput("a", "r1", 0);
            io.left().pipeInput("a", "l1", 3);
            io.left().pipeInput("b", "l2", 5);
            io.right().pipeInput("c", "r3", 6);
            assertThat(io.read()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("a", "l1+r1", 3L));
            io.left().pipeInput("d", "l4", 20);
            assertThat(io.read()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("b", "l2+null", 5L), tuple("c", "null+r3", 6L));
        }
    }

    @Test
    void streamStreamJoinRepartitionsARekeyedSideAndCoPartitionsTheInputs() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> left = b.stream("left", Consumed.with(S, S)).selectKey((k, v) -> v);
        KStream<String, String> right = b.stream("right", Consumed.with(S, S));
        left.join(right, (k, l, r) -> k + ":" + l + "+" + r, TEN_MS, StreamJoined.<String, String, String>with(S, S, S)
                .withName("pairs")).to("out", Produced.with(S, S));
        Topology t = b.build();
        assertThat(t.internalBuilder().internalTopics()).containsKey("pairs-left-repartition");
        assertThat(t.internalBuilder().copartitionGroups()).containsExactly(Set.of("pairs-left-repartition", "right"));
        assertThat(t.internalBuilder().stores()).containsKeys("pairs-this-join-store", "pairs-other-join-store");
        try (TopologyTestDriver d = Drivers.uncached(t)) {
            Io io = io(d, "left", "right");
            io.left().pipeInput("x", "k1", 0);
            io.right().pipeInput("k1", "r", 1);
            assertThat(io.out().readKeyValuesToList()).containsExactly(KeyValue.pair("k1", "k1:k1+r"));
        }
    }

    private static Topology streamTable() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> orders = b.stream("orders", Consumed.with(S, S));
        KTable<String, String> customers = b.table("customers", Consumed.with(S, S));
        orders.join(customers, (o, c) -> o + "/" + c).to("inner", Produced.with(S, S));
        orders.leftJoin(customers, (k, o, c) -> k + ":" + o + "/" + c, Joined.with(S, S, S)).to("out",
                Produced.with(S, S));
        return b.build();
    }

    @Test
    void streamTableJoinLooksUpTheTableWhenAStreamRecordArrives() {
        try (TopologyTestDriver d = Drivers.uncached(streamTable())) {
            Io io = io(d, "orders", "customers");
            TestOutputTopic<String, String> inner = d.createOutputTopic("inner", S.deserializer(), S.deserializer());
            io.left().pipeInput("a", "o1", 1); // before the table has a value
            io.right().pipeInput("a", "c1", 2); // table updates emit nothing
            io.left().pipeInput("a", "o2", 3);
            io.right().pipeInput("a", "c2", 4);
            io.left().pipeInput("a", "o3", 5);
            io.right().pipeInput("a", null, 6); // tombstone
            io.left().pipeInput("a", "o4", 7);
            assertThat(inner.readRecordsToList()).extracting(TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("o2/c1", 3L), tuple("o3/c2", 5L));
            assertThat(io.out().readValuesToList()).containsExactly("a:o1/null", "a:o2/c1", "a:o3/c2", "a:o4/null");
        }
    }

    @Test
    void streamTableJoinCoPartitionsTheStreamAndTableSources() {
        assertThat(streamTable().internalBuilder().copartitionGroups())
                .containsOnly(Set.of("orders", "customers"));
    }

    @Test
    void streamGlobalTableJoinLooksUpTheMappedKeyWithoutRepartitioning() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> orders = b.stream("orders", Consumed.with(S, S));
        GlobalKTable<String, String> products = b.globalTable("products", Consumed.with(S, S));
        orders.join(products, (k, v) -> v.split(":")[0], (o, p) -> o + "/" + p).to("inner", Produced.with(S, S));
        orders.leftJoin(products, (k, v) -> v.split(":")[0], (k, o, p) -> o + "/" + p, Named.as("enrich"))
                .to("out", Produced.with(S, S));
        Topology t = b.build();
        assertThat(t.internalBuilder().internalTopics()).isEmpty();
        try (TopologyTestDriver d = Drivers.uncached(t)) {
            Io io = io(d, "orders", "products");
            TestOutputTopic<String, String> inner = d.createOutputTopic("inner", S.deserializer(), S.deserializer());
            io.left().pipeInput("o1", "p1:2", 1); // before the product exists
            io.right().pipeInput("p1", "apple", 2);
            io.left().pipeInput("o2", "p1:5", 3);
            io.right().pipeInput("p1", null, 4);
            io.left().pipeInput("o3", "p1:1", 5);
            assertThat(inner.readKeyValuesToList()).containsExactly(KeyValue.pair("o2", "p1:5/apple"));
            assertThat(io.out().readRecordsToList()).extracting(TestRecord::key, TestRecord::value,
                    TestRecord::timestamp).containsExactly(tuple("o1", "p1:2/null", 1L), tuple("o2", "p1:5/apple", 3L),
                    tuple("o3", "p1:1/null", 5L));
        }
    }

    @Test
    void streamStreamJoinNamesDeriveFromThePathAndExplicitNamesAreRequiredWhenAsked() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> left = b.stream("left", Consumed.with(S, S));
        left.leftJoin(b.<String, String>stream("right", Consumed.with(S, S)), (l, r) -> l + r, TEN_MS);
        Topology t = b.build();
        assertThat(t.internalBuilder().stores().keySet()).containsExactlyInAnyOrder("left.leftJoin-this-join-store",
                "left.leftJoin-other-join-store", "left.leftJoin-outer-shared-join-store");
        assertThat(t.internalBuilder().nodes().keySet()).contains("left.leftJoin", "left.leftJoin-this",
                "left.leftJoin-other");

        Properties p = new Properties();
        p.put(StreamsConfig.REQUIRE_EXPLICIT_NAMES_CONFIG, "true");
        StreamsBuilder strict = new StreamsBuilder(p);
        KStream<String, String> l = strict.stream("left", Consumed.with(S, S));
        KStream<String, String> r = strict.stream("right", Consumed.with(S, S));
        assertThatThrownBy(() -> l.join(r, (x, y) -> x + y, TEN_MS)).isInstanceOf(TopologyException.class)
                .hasMessageContaining("StreamJoined");
        l.join(r, (x, y) -> x + y, TEN_MS, StreamJoined.as("pairs")).to("out");
        assertThat(strict.build().internalBuilder().stores()).containsKey("pairs-this-join-store");
    }
}

package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.state.WindowStore;
import io.eddy.state.Windowed;
import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TestRecord;
import io.eddy.streams.test.TopologyTestDriver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Windowed aggregations and suppression, through the DSL and the test driver. */
class WindowedAggregationDslTest {
    private static final Serde<String> S = Serdes.String();
    private static final Serde<Long> L = Serdes.Long();

    private static String timeKey(Windowed<String> w) {
        return w.key() + "@" + w.window().start();
    }

    private static String sessionKey(Windowed<String> w) {
        return w.key() + "@" + w.window().start() + "-" + w.window().end();
    }

    private static StreamsBuilder tumblingCount(StreamsBuilder b) {
        b.stream("in", Consumed.with(S, S))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)))
                .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts"))
                .toStream((w, v) -> timeKey(w))
                .to("out", Produced.with(S, L));
        return b;
    }

    @Test
    void tumblingCountHonoursWindowBoundsAndGraceAndCountsLateRecords() {
        StreamsBuilder b = tumblingCount(new StreamsBuilder());
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = d.createInputTopic("in", S.serializer(), S.serializer());
            TestOutputTopic<String, Long> out = d.createOutputTopic("out", S.deserializer(), L.deserializer());
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "x", 9);
            in.pipeInput("a", "x", 10); // exactly at the end of [0, 10): belongs to [10, 20) only
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@0", 1L), KeyValue.pair("a@0", 2L),
                    KeyValue.pair("a@10", 1L));
            in.pipeInput("b", "x", 14); // stream time 14 = end + grace - 1: [0, 10) still open
            in.pipeInput("a", "x", 3);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("b@10", 1L), KeyValue.pair("a@0", 3L));
            in.pipeInput("b", "x", 15); // stream time 15 = end + grace: [0, 10) closes
            in.pipeInput("a", "x", 4);
            in.pipeInput("b", "x", 16); // one ms later: still closed
            in.pipeInput("a", "x", 9);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("b@10", 2L),
                    KeyValue.pair("b@10", 3L));
            assertThat(b.droppedRecords()).containsEntry("in.timeWindows.count", 2L);
            assertThat(d.<String, Long>getTimestampedWindowStore("counts").fetch("a", 0).value()).isEqualTo(3L);
        }
    }

    @Test
    void hoppingCountAddsARecordToEveryWindowContainingIt() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, S))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)).advanceBy(Duration.ofMillis(5)))
                .count()
                .toStream((w, v) -> timeKey(w))
                .to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = d.createInputTopic("in", S.serializer(), S.serializer());
            TestOutputTopic<String, Long> out = d.createOutputTopic("out", S.deserializer(), L.deserializer());
            in.pipeInput("a", "x", 7);
            in.pipeInput("a", "x", 10);
            List<TestRecord<String, Long>> records = out.readRecordsToList();
            assertThat(records).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a@0", 1L, 7L),
                            org.assertj.core.groups.Tuple.tuple("a@5", 1L, 7L),
                            org.assertj.core.groups.Tuple.tuple("a@5", 2L, 10L),
                            org.assertj.core.groups.Tuple.tuple("a@10", 1L, 10L));
        }
    }

    @Test
    void cachedWindowedReduceEndsWithTheFullAggregate() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, S))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
                .reduce((x, y) -> x + y, Materialized.as("concat"))
                .toStream((w, v) -> timeKey(w))
                .to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<String, String> in = d.createInputTopic("in", S.serializer(), S.serializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", S.deserializer(), S.deserializer());
            in.pipeInput("a", "1", 0);
            in.pipeInput("a", "2", 1);
            in.pipeInput("a", "3", 2);
            assertThat(out.readValuesToList()).last().isEqualTo("123");
        }
    }

    /** Guards against a sliding window ending exactly at the close time being treated as closed (no grace). */
    @Test
    void slidingWindowWithNoGraceCountsARecordAtStreamTimeInItsOwnLeftWindow() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, S))
                .groupByKey()
                .windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10)))
                .count(Named.as("sliding"))
                .toStream((w, v) -> w.key() + "@" + w.window().start() + ".." + w.window().end())
                .to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = d.createInputTopic("in", S.serializer(), S.serializer());
            TestOutputTopic<String, Long> out = d.createOutputTopic("out", S.deserializer(), L.deserializer());
            in.pipeInput("a", "x", 15);
            in.pipeInput("a", "x", 20);
            assertThat(out.readKeyValuesToMap()).containsEntry("a@5..15", 1L).containsEntry("a@10..20", 2L)
                    .containsEntry("a@16..26", 1L);
        }
    }

    @Test
    void sessionCountMergesSessionsBridgedByARecordAndTombstonesTheMergedOnes() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("clicks", Consumed.with(S, S))
                .groupByKey()
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(5), Duration.ofMillis(10)))
                .count()
                .toStream((w, v) -> sessionKey(w))
                .to("sessions", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = d.createInputTopic("clicks", S.serializer(), S.serializer());
            TestOutputTopic<String, Long> out = d.createOutputTopic("sessions", S.deserializer(), L.deserializer());
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "x", 10);
            in.pipeInput("a", "x", 5);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@0-0", 1L),
                    KeyValue.pair("a@10-10", 1L), KeyValue.pair("a@0-0", null), KeyValue.pair("a@10-10", null),
                    KeyValue.pair("a@0-10", 3L));
            assertThat(d.<String, Long>getSessionStore("clicks.sessionWindows.count-store").fetchSession("a", 0, 10))
                    .isEqualTo(3L);
        }
    }

    @Test
    void suppressUntilWindowClosesEmitsEachWindowOnceWhenStreamTimeReachesEndPlusGrace() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, S))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)))
                .count()
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final"))
                .toStream((w, v) -> timeKey(w))
                .to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = d.createInputTopic("in", S.serializer(), S.serializer());
            TestOutputTopic<String, Long> out = d.createOutputTopic("out", S.deserializer(), L.deserializer());
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "x", 5);
            in.pipeInput("b", "x", 7);
            in.pipeInput("a", "x", 14);
            assertThat(out.isEmpty()).isTrue();
            in.pipeInput("a", "x", 15);
            List<TestRecord<String, Long>> records = out.readRecordsToList();
            assertThat(records).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a@0", 2L, 5L),
                            org.assertj.core.groups.Tuple.tuple("b@0", 1L, 7L));
            in.pipeInput("a", "x", 16);
            in.pipeInput("a", "x", 3); // late for the closed window: dropped, nothing re-emitted
            assertThat(out.isEmpty()).isTrue();
            in.pipeInput("c", "x", 25);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@10", 3L));
        }
    }

    @Test
    void suppressUntilTimeLimitForwardsTheLatestValuePerKeyAfterTheLimit() {
        StreamsBuilder b = new StreamsBuilder();
        b.table("t", Consumed.with(S, S))
                .suppress(Suppressed.untilTimeLimit(Duration.ofMillis(10), Suppressed.BufferConfig.unbounded()))
                .toStream()
                .to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = d.createInputTopic("t", S.serializer(), S.serializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", S.deserializer(), S.deserializer());
            in.pipeInput("a", "1", 0);
            in.pipeInput("a", "2", 5);
            assertThat(out.isEmpty()).isTrue();
            in.pipeInput("b", "1", 10);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a", "2"));
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void untilWindowClosesOnATableThatIsNotWindowedFailsTheBuild() {
        StreamsBuilder b = new StreamsBuilder();
        KTable t = b.table("t", Consumed.with(S, S));
        assertThatThrownBy(() -> t.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())))
                .isInstanceOf(TopologyException.class).hasMessageContaining("not windowed");
    }

    @Test
    void retentionShorterThanSizePlusGraceIsRejected() {
        StreamsBuilder b = new StreamsBuilder();
        TimeWindowedKStream<String, String> w = b.stream("in", Consumed.with(S, S)).groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)));
        assertThatThrownBy(() -> w.count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("c")
                .withRetention(Duration.ofMillis(14)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("c").hasMessageContaining("retention=14ms");
    }

    @Test
    void windowedOperatorsHaveStablePathDerivedNamesAndRequireExplicitNamesWhenAsked() {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, String> g = b.stream("in", Consumed.with(S, S)).groupByKey();
        g.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10))).count()
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()));
        g.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(10))).count();
        assertThat(b.build().internalBuilder().stores().keySet()).containsExactlyInAnyOrder(
                "in.timeWindows.count-store", "in.timeWindows.count.suppress-store", "in.sessionWindows.count-store");

        java.util.Properties p = new java.util.Properties();
        p.put(io.eddy.streams.StreamsConfig.REQUIRE_EXPLICIT_NAMES_CONFIG, "true");
        StreamsBuilder strict = new StreamsBuilder(p);
        TimeWindowedKStream<String, String> w = strict.stream("in", Consumed.with(S, S)).groupByKey()
                .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)));
        assertThatThrownBy(w::count).isInstanceOf(TopologyException.class)
                .hasMessageContaining("in.timeWindows.count-store");
        KTable<Windowed<String>, Long> named = w.count(Materialized.as("named-counts"));
        assertThatThrownBy(() -> named.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())))
                .isInstanceOf(TopologyException.class).hasMessageContaining("Suppressed.withName");
    }

    @Test
    void aJoinReadsASuppressedTableAsDownstreamHasSeenIt() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> suppressed = b.table("t", Consumed.with(S, S))
                .suppress(Suppressed.untilTimeLimit(Duration.ofMillis(10), Suppressed.BufferConfig.unbounded()));
        b.stream("s", Consumed.with(S, S)).join(suppressed, (v, t) -> v + "/" + t).to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> table = d.createInputTopic("t", S.serializer(), S.serializer());
            TestInputTopic<String, String> stream = d.createInputTopic("s", S.serializer(), S.serializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", S.deserializer(), S.deserializer());
            table.pipeInput("a", "1", 0);
            stream.pipeInput("a", "x", 1); // "1" is still buffered: downstream has not seen a value for a
            table.pipeInput("b", "1", 10); // emits a=1
            table.pipeInput("a", "2", 11); // buffered again; downstream last saw 1
            stream.pipeInput("a", "y", 12);
            assertThat(out.readValuesToList()).containsExactly("y/1");
        }
    }
}

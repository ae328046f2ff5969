package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.eddy.log.IsolationLevel;
import io.eddy.log.LogRecord;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.state.SessionStore;
import io.eddy.state.WindowStore;
import io.eddy.state.Windowed;
import io.eddy.streams.EddyStreams;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.Topology;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TestRecord;
import io.eddy.streams.test.TopologyTestDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link EmitStrategy} on windowed aggregations, through the DSL and the test driver. Closing rules under test:
 * time windows close when {@code streamTime >= end + grace}, sliding windows (inclusive end) when
 * {@code streamTime > end + grace}, sessions when {@code streamTime > sessionEnd + gap + grace}.
 */
class EmitStrategyTest {
    private static final Serde<String> S = Serdes.String();
    private static final Serde<Long> L = Serdes.Long();
    private static final Duration MS_10 = Duration.ofMillis(10);
    private static final Duration MS_5 = Duration.ofMillis(5);

    @TempDir
    Path dir;

    private static String timeKey(Windowed<String> w) {
        return w.key() + "@" + w.window().start();
    }

    private static String rangeKey(Windowed<String> w) {
        return w.key() + "@" + w.window().start() + "-" + w.window().end();
    }

    private static TimeWindowedKStream<String, String> windowed(StreamsBuilder b, TimeWindows windows) {
        return b.stream("in", Consumed.with(S, S)).groupByKey().windowedBy(windows);
    }

    private static StreamsBuilder tumblingCount(EmitStrategy strategy) {
        StreamsBuilder b = new StreamsBuilder();
        windowed(b, TimeWindows.ofSizeAndGrace(MS_10, MS_5))
                .emitStrategy(strategy)
                .count()
                .toStream((w, v) -> timeKey(w))
                .to("out", Produced.with(S, L));
        return b;
    }

    private static TestInputTopic<String, String> in(TopologyTestDriver d) {
        return d.createInputTopic("in", S.serializer(), S.serializer());
    }

    private static TestOutputTopic<String, Long> longs(TopologyTestDriver d) {
        return d.createOutputTopic("out", S.deserializer(), L.deserializer());
    }

    private static TestOutputTopic<String, String> strings(TopologyTestDriver d) {
        return d.createOutputTopic("out", S.deserializer(), S.deserializer());
    }

    // ---- time windows ------------------------------------------------------------------------------------------

    @Test
    void tumblingOnWindowCloseEmitsNothingBeforeEndPlusGraceThenOneFinalResultPerWindowWithItsTimestamp() {
        StreamsBuilder b = tumblingCount(EmitStrategy.onWindowClose());
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<String, String> in = in(d);
            TestOutputTopic<String, Long> out = longs(d);
            in.pipeInput("b", "x", 7);
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "x", 5);
            in.pipeInput("a", "x", 12);
            in.pipeInput("a", "x", 3); // out of order, within grace
            assertThat(out.isEmpty()).isTrue();
            in.pipeInput("c", "x", 15); // stream time 15 = end 10 + grace 5: [0, 10) closes
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("a@0", 3L, 5L), tuple("b@0", 1L, 7L));
            in.pipeInput("a", "x", 19);
            in.pipeInput("a", "x", 24); // stream time 24 < 25: [10, 20) still open
            assertThat(out.isEmpty()).isTrue();
            in.pipeInput("a", "x", 40);
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("a@10", 2L, 19L), tuple("c@10", 1L, 15L), tuple("a@20", 1L, 24L));
        }
    }

    @Test
    void aRecordExactlyAtWindowEndPlusGraceClosesTheWindowAndOneMillisecondEarlierDoesNot() {
        StreamsBuilder b = tumblingCount(EmitStrategy.onWindowClose());
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = in(d);
            TestOutputTopic<String, Long> out = longs(d);
            in.pipeInput("a", "x", 9);
            in.pipeInput("b", "x", 14); // end 10 + grace 5 - 1
            assertThat(out.isEmpty()).isTrue();
            in.pipeInput("b", "x", 15); // end 10 + grace 5
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@0", 1L));
        }
    }

    @Test
    void hoppingWindowsEmitEachWindowOnceInWindowEndThenKeyOrder() {
        StreamsBuilder b = new StreamsBuilder();
        windowed(b, TimeWindows.ofSizeWithNoGrace(MS_10).advanceBy(MS_5))
                .emitStrategy(EmitStrategy.onWindowClose())
                .count()
                .toStream((w, v) -> timeKey(w))
                .to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<String, String> in = in(d);
            TestOutputTopic<String, Long> out = longs(d);
            in.pipeInput("b", "x", 7); // [0, 10) and [5, 15)
            in.pipeInput("a", "x", 3); // [0, 10)
            in.pipeInput("a", "x", 8); // [0, 10) and [5, 15)
            assertThat(out.isEmpty()).isTrue();
            in.pipeInput("c", "x", 10); // closes [0, 10)
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@0", 2L), KeyValue.pair("b@0", 1L));
            in.pipeInput("c", "x", 14);
            assertThat(out.isEmpty()).isTrue();
            in.pipeInput("c", "x", 30); // closes [5, 15), [10, 20), [15, 25), [20, 30)
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@5", 1L), KeyValue.pair("b@5", 1L),
                    KeyValue.pair("c@5", 2L), KeyValue.pair("c@10", 2L));
        }
    }

    @Test
    void lateRecordsAreDroppedAndCountedAsBeforeAndAWindowOfLateRecordsOnlyIsNeverEmitted() {
        StreamsBuilder b = new StreamsBuilder();
        windowed(b, TimeWindows.ofSizeWithNoGrace(MS_10))
                .emitStrategy(EmitStrategy.onWindowClose())
                .count()
                .toStream((w, v) -> timeKey(w))
                .to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = in(d);
            TestOutputTopic<String, Long> out = longs(d);
            in.pipeInput("a", "x", 1);
            in.pipeInput("a", "x", 10); // closes [0, 10)
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@0", 1L));
            in.pipeInput("a", "x", 9); // late: [0, 10) closed
            in.pipeInput("b", "x", 5); // late, and the only record of b@0
            in.pipeInput("a", "x", 100);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@10", 1L));
            assertThat(b.droppedRecords()).containsEntry("in.timeWindows.count", 2L);
            assertThat(d.metrics().entrySet().stream().filter(e -> e.getKey().endsWith("dropped-records-total"))
                    .mapToLong(e -> e.getValue().longValue()).sum()).isEqualTo(2L);
        }
    }

    @Test
    void onWindowUpdateIsTheDefaultAndBehavesAsWithoutAnEmitStrategy() {
        StreamsBuilder explicit = tumblingCount(EmitStrategy.onWindowUpdate());
        StreamsBuilder implicit = new StreamsBuilder();
        windowed(implicit, TimeWindows.ofSizeAndGrace(MS_10, MS_5)).count().toStream((w, v) -> timeKey(w))
                .to("out", Produced.with(S, L));
        assertThat(EmitStrategy.onWindowUpdate().type()).isEqualTo(EmitStrategy.StrategyType.ON_WINDOW_UPDATE);
        assertThat(EmitStrategy.onWindowClose().type()).isEqualTo(EmitStrategy.StrategyType.ON_WINDOW_CLOSE);
        Topology a = explicit.build();
        Topology b = implicit.build();
        assertThat(a.describe().toString()).isEqualTo(b.describe().toString());
        assertThat(a.internalBuilder().stores().keySet()).containsExactly("in.timeWindows.count-store");
        List<List<KeyValue<String, Long>>> outputs = new ArrayList<>();
        for (Topology t : List.of(a, b)) {
            try (TopologyTestDriver d = Drivers.uncached(t)) {
                TestInputTopic<String, String> in = in(d);
                for (long ts : new long[] {0, 9, 10, 3, 15, 4, 16}) {
                    in.pipeInput("a", "x", ts);
                }
                outputs.add(longs(d).readKeyValuesToList());
            }
        }
        assertThat(outputs.get(0)).containsExactly(KeyValue.pair("a@0", 1L), KeyValue.pair("a@0", 2L),
                KeyValue.pair("a@10", 1L), KeyValue.pair("a@0", 3L), KeyValue.pair("a@10", 2L),
                KeyValue.pair("a@10", 3L));
        assertThat(outputs.get(1)).isEqualTo(outputs.get(0));
    }

    @Test
    void onWindowCloseAddsAnEmitTrackerStoreNamedAfterTheAggregationStore() {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, String> g = b.stream("in", Consumed.with(S, S)).groupByKey();
        g.windowedBy(TimeWindows.ofSizeWithNoGrace(MS_10)).emitStrategy(EmitStrategy.onWindowClose()).count();
        g.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(MS_10)).emitStrategy(EmitStrategy.onWindowClose())
                .reduce((x, y) -> x + y, Materialized.as("sliding"));
        g.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(MS_10)).emitStrategy(EmitStrategy.onWindowClose())
                .count();
        assertThat(b.build().internalBuilder().stores().keySet()).containsExactlyInAnyOrder(
                "in.timeWindows.count-store", "in.timeWindows.count-store-emit-tracker",
                "sliding", "sliding-emit-tracker",
                "in.sessionWindows.count-store", "in.sessionWindows.count-store-emit-tracker");
        assertThatThrownBy(() -> g.windowedBy(TimeWindows.ofSizeWithNoGrace(MS_10)).emitStrategy(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void countReduceAndAggregateOverTimeWindowsEachEmitTheirFinalResult() {
        StreamsBuilder b = new StreamsBuilder();
        TimeWindowedKStream<String, String> w = windowed(b, TimeWindows.ofSizeWithNoGrace(MS_10))
                .emitStrategy(EmitStrategy.onWindowClose());
        w.count(Named.as("count")).toStream((k, v) -> "count:" + timeKey(k)).mapValues(String::valueOf)
                .to("out", Produced.with(S, S));
        w.reduce((x, y) -> x + y, Named.as("reduce"), Materialized.as("reduced"))
                .toStream((k, v) -> "reduce:" + timeKey(k)).to("out", Produced.with(S, S));
        w.aggregate(() -> "<", (k, v, agg) -> agg + v, Named.as("aggregate"),
                        Materialized.<String, String, WindowStore<Bytes, byte[]>>as("aggregated").withValueSerde(S))
                .toStream((k, v) -> "aggregate:" + timeKey(k)).to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<String, String> in = in(d);
            in.pipeInput("a", "1", 1);
            in.pipeInput("a", "2", 2);
            in.pipeInput("a", "3", 3);
            assertThat(strings(d).isEmpty()).isTrue();
            in.pipeInput("b", "9", 10);
            assertThat(strings(d).readKeyValuesToList()).containsExactly(KeyValue.pair("count:a@0", "3"),
                    KeyValue.pair("reduce:a@0", "123"), KeyValue.pair("aggregate:a@0", "<123"));
        }
    }

    @Test
    void onWindowCloseFollowedBySuppressUntilWindowClosesForwardsTheSameFinalResults() {
        List<List<String>> outputs = new ArrayList<>();
        for (boolean suppress : new boolean[] {false, true}) {
            StreamsBuilder b = new StreamsBuilder();
            KTable<Windowed<String>, Long> counts = windowed(b, TimeWindows.ofSizeAndGrace(MS_10, MS_5))
                    .emitStrategy(EmitStrategy.onWindowClose())
                    .count();
            if (suppress) {
                counts = counts.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()));
            }
            counts.toStream((w, v) -> timeKey(w)).to("out", Produced.with(S, L));
            try (TopologyTestDriver d = Drivers.cached(b.build())) {
                TestInputTopic<String, String> in = in(d);
                List<String> out = new ArrayList<>();
                for (long ts : new long[] {0, 5, 12, 3, 14, 15, 16, 2, 29, 30, 31, 60}) {
                    in.pipeInput(ts % 2 == 0 ? "a" : "b", "x", ts);
                    for (TestRecord<String, Long> r : longs(d).readRecordsToList()) {
                        out.add(r.key() + "=" + r.value() + "@" + r.timestamp());
                    }
                    out.add("| after " + ts); // so both must emit at the same moments
                }
                outputs.add(out);
            }
        }
        assertThat(outputs.get(0)).filteredOn(s -> !s.startsWith("|")).containsExactly("a@0=1@0", "b@0=2@5",
                "a@10=3@16", "b@10=1@15", "b@20=1@29", "a@30=1@30", "b@30=1@31");
        assertThat(outputs.get(1)).isEqualTo(outputs.get(0));
    }

    // ---- sliding windows ---------------------------------------------------------------------------------------

    @Test
    void slidingWindowsCloseWhenStreamTimePassesTheirInclusiveEndPlusGraceAndEmitOnce() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, S)).groupByKey()
                .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(MS_10, Duration.ofMillis(2)))
                .emitStrategy(EmitStrategy.onWindowClose())
                .count()
                .toStream((w, v) -> rangeKey(w))
                .to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<String, String> in = in(d);
            TestOutputTopic<String, Long> out = longs(d);
            in.pipeInput("a", "x", 100); // [90, 100]
            assertThat(out.isEmpty()).isTrue();
            in.pipeInput("a", "x", 105); // 105 > 100 + grace 2 closes [90, 100]; creates [95, 105] and [101, 111]
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("a@90-100", 1L, 100L));
            in.pipeInput("c", "x", 107); // 107 = 105 + grace 2: [95, 105] still open
            assertThat(out.isEmpty()).isTrue();
            in.pipeInput("c", "x", 108); // 108 > 105 + 2: closes [95, 105]
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("a@95-105", 2L, 105L));
            in.pipeInput("z", "x", 200);
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("c@97-107", 1L, 107L), tuple("c@98-108", 2L, 108L),
                            tuple("a@101-111", 1L, 105L), tuple("c@108-118", 1L, 108L));
        }
    }

    @Test
    void slidingReduceEmitsOnlyFinalResults() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, S)).groupByKey()
                .windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(MS_5))
                .emitStrategy(EmitStrategy.onWindowClose())
                .reduce((x, y) -> x + y)
                .toStream((w, v) -> rangeKey(w))
                .to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = in(d);
            in.pipeInput("a", "1", 10);
            in.pipeInput("a", "2", 12);
            in.pipeInput("a", "3", 14);
            in.pipeInput("z", "-", 100);
            assertThat(strings(d).readKeyValuesToList()).containsExactly(KeyValue.pair("a@5-10", "1"),
                    KeyValue.pair("a@7-12", "12"), KeyValue.pair("a@9-14", "123"), KeyValue.pair("a@11-16", "23"),
                    KeyValue.pair("a@13-18", "3"));
        }
    }

    // ---- session windows ---------------------------------------------------------------------------------------

    private static StreamsBuilder sessionCount(SessionWindows windows) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, S)).groupByKey()
                .windowedBy(windows)
                .emitStrategy(EmitStrategy.onWindowClose())
                .count()
                .toStream((w, v) -> rangeKey(w))
                .to("out", Produced.with(S, L));
        return b;
    }

    @Test
    void sessionsCloseWhenStreamTimePassesSessionEndPlusGapPlusGraceAndEmitOnceInEndThenKeyOrder() {
        StreamsBuilder b = sessionCount(SessionWindows.ofInactivityGapAndGrace(MS_10, Duration.ofMillis(2)));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<String, String> in = in(d);
            TestOutputTopic<String, Long> out = longs(d);
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "x", 5);
            in.pipeInput("b", "x", 3);
            in.pipeInput("c", "x", 17); // b@3-3 closes after 3 + 10 + 2 = 15
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("b@3-3", 1L, 3L));
            in.pipeInput("c", "x", 17); // 17 = 5 + 10 + 2: a@0-5 still open
            assertThat(out.isEmpty()).isTrue();
            in.pipeInput("c", "x", 18);
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("a@0-5", 2L, 5L));
            in.pipeInput("a", "x", 100);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("c@17-18", 3L));
        }
    }

    @Test
    void mergingSessionsEmitOnlyTheMergedFinalSessionAndNoTombstones() {
        StreamsBuilder b = sessionCount(SessionWindows.ofInactivityGapAndGrace(MS_10, Duration.ofMillis(20)));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<String, String> in = in(d);
            TestOutputTopic<String, Long> out = longs(d);
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "x", 20);
            in.pipeInput("a", "x", 10); // bridges [0, 0] and [20, 20]
            in.pipeInput("b", "x", 50); // 50 = 20 + 10 + 20: still open
            assertThat(out.isEmpty()).isTrue();
            in.pipeInput("b", "x", 51);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@0-20", 3L));
            SessionStore<String, Long> store = d.getSessionStore("in.sessionWindows.count-store");
            assertThat(store.fetchSession("a", 0, 0)).isNull();
        }
    }

    @Test
    void aClosedSessionIsFinalSoARecordWithinItsGapStartsAnotherSessionInsteadOfMergingIt() {
        StreamsBuilder b = sessionCount(SessionWindows.ofInactivityGapAndGrace(MS_10, MS_5));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = in(d);
            TestOutputTopic<String, Long> out = longs(d);
            in.pipeInput("a", "x", 0);
            in.pipeInput("b", "x", 16); // closes a@0-0 (16 > 0 + 10 + 5)
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@0-0", 1L));
            in.pipeInput("a", "x", 18);
            in.pipeInput("a", "x", 9); // within the gap of both a@0-0 (emitted, final) and a@18-18 (open)
            in.pipeInput("z", "x", 100);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("b@16-16", 1L),
                    KeyValue.pair("a@9-18", 2L));
            assertThat(b.droppedRecords()).containsEntry("in.sessionWindows.count", 0L);
        }
    }

    @Test
    void lateSessionRecordsAreDroppedAndNeverEmitted() {
        StreamsBuilder b = sessionCount(SessionWindows.ofInactivityGapWithNoGrace(MS_5));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = in(d);
            in.pipeInput("a", "x", 20);
            in.pipeInput("b", "x", 14); // its session would end at 14 < 20 - 5: late
            in.pipeInput("z", "x", 100);
            assertThat(longs(d).readKeyValuesToList()).containsExactly(KeyValue.pair("a@20-20", 1L));
            assertThat(b.droppedRecords()).containsEntry("in.sessionWindows.count", 1L);
        }
    }

    @Test
    void sessionReduceAndAggregateEmitTheirMergedFinalResults() {
        StreamsBuilder b = new StreamsBuilder();
        SessionWindowedKStream<String, String> w = b.stream("in", Consumed.with(S, S)).groupByKey()
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(MS_5, MS_5))
                .emitStrategy(EmitStrategy.onWindowClose());
        w.reduce((x, y) -> x + y, Named.as("reduce")).toStream((k, v) -> "reduce:" + rangeKey(k))
                .to("out", Produced.with(S, S));
        w.aggregate(() -> "", (k, v, agg) -> agg + v, (k, x, y) -> x + "+" + y, Named.as("aggregate"),
                        Materialized.<String, String, SessionStore<Bytes, byte[]>>as("agg").withValueSerde(S))
                .toStream((k, v) -> "aggregate:" + rangeKey(k)).to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<String, String> in = in(d);
            in.pipeInput("a", "1", 0);
            in.pipeInput("a", "2", 8);
            in.pipeInput("a", "3", 4); // merges [0, 0] and [8, 8]
            in.pipeInput("z", "-", 18); // 18 = 8 + 5 + 5: still open
            assertThat(strings(d).isEmpty()).isTrue();
            in.pipeInput("z", "-", 19);
            assertThat(strings(d).readKeyValuesToList()).containsExactly(KeyValue.pair("reduce:a@0-8", "123"),
                    KeyValue.pair("aggregate:a@0-8", "+1+23"));
        }
    }

    @Test
    void sessionOnWindowCloseFollowedBySuppressForwardsTheFinalSessions() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, S)).groupByKey()
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(MS_5, Duration.ofMillis(1)))
                .emitStrategy(EmitStrategy.onWindowClose())
                .count()
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
                .toStream((w, v) -> rangeKey(w))
                .to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<String, String> in = in(d);
            TestOutputTopic<String, Long> out = longs(d);
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "x", 3);
            in.pipeInput("b", "x", 9); // 9 = 3 + 5 + 1
            assertThat(out.isEmpty()).isTrue();
            in.pipeInput("b", "x", 10);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@0-3", 2L));
        }
    }

    // ---- every window type against onWindowUpdate, on random out-of-order input -----------------------------------

    /** Writes {@code "<end>|<key>|<start>" -> count} to "out", so emit order is the keys' natural order. */
    private static Topology orderedCounts(BiConsumer<KGroupedStream<String, String>, EmitStrategy> window,
                                          EmitStrategy strategy) {
        StreamsBuilder b = new StreamsBuilder();
        window.accept(b.stream("in", Consumed.with(S, S)).groupByKey(), strategy);
        return b.build();
    }

    private static String orderKey(Windowed<String> w) {
        return String.format("%08d|%s|%08d", w.window().end(), w.key(), w.window().start());
    }

    private static void assertFinalResultsMatchTheLastUpdates(
            BiConsumer<KGroupedStream<String, String>, EmitStrategy> window, long jitter) {
        Random random = new Random(42);
        List<long[]> input = new ArrayList<>();
        long time = 0;
        for (int i = 0; i < 400; i++) {
            time += random.nextInt(4);
            long ts = Math.max(0, time - (random.nextInt(3) == 0 ? random.nextInt((int) jitter + 1) : 0));
            input.add(new long[] {random.nextInt(4), ts});
        }
        input.add(new long[] {25, time + 10_000}); // "z" closes every other window
        Map<String, Long> lastUpdates = new LinkedHashMap<>();
        try (TopologyTestDriver d = Drivers.uncached(orderedCounts(window, EmitStrategy.onWindowUpdate()))) {
            TestInputTopic<String, String> in = in(d);
            for (long[] r : input) {
                in.pipeInput(String.valueOf((char) ('a' + r[0])), "x", r[1]);
            }
            for (KeyValue<String, Long> kv : longs(d).readKeyValuesToList()) {
                if (kv.value == null) {
                    lastUpdates.remove(kv.key);
                } else {
                    lastUpdates.put(kv.key, kv.value);
                }
            }
        }
        lastUpdates.keySet().removeIf(k -> k.contains("|z|"));
        List<KeyValue<String, Long>> finals;
        try (TopologyTestDriver d = Drivers.cached(orderedCounts(window, EmitStrategy.onWindowClose()))) {
            TestInputTopic<String, String> in = in(d);
            for (long[] r : input) {
                in.pipeInput(String.valueOf((char) ('a' + r[0])), "x", r[1]);
            }
            finals = longs(d).readKeyValuesToList();
        }
        List<String> keys = finals.stream().map(kv -> kv.key).toList();
        assertThat(keys).doesNotHaveDuplicates().isSorted();
        Map<String, Long> finalMap = new LinkedHashMap<>();
        finals.forEach(kv -> finalMap.put(kv.key, kv.value));
        assertThat(finalMap).hasSizeGreaterThan(20).isEqualTo(lastUpdates);
    }

    @Test
    void hoppingFinalResultsAreTheLastUpdatesOfOnWindowUpdateEachOnceInEndThenKeyOrder() {
        assertFinalResultsMatchTheLastUpdates((g, s) -> g
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(20), Duration.ofMillis(4))
                        .advanceBy(Duration.ofMillis(5)))
                .emitStrategy(s).count().toStream((w, v) -> orderKey(w)).to("out", Produced.with(S, L)), 15);
    }

    @Test
    void slidingFinalResultsAreTheLastUpdatesOfOnWindowUpdateEachOnceInEndThenKeyOrder() {
        assertFinalResultsMatchTheLastUpdates((g, s) -> g
                .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(MS_10, Duration.ofMillis(3)))
                .emitStrategy(s).count().toStream((w, v) -> orderKey(w)).to("out", Produced.with(S, L)), 15);
    }

    /** Out-of-order by at most the grace, so no record reaches a closed session (where the strategies differ). */
    @Test
    void sessionFinalResultsAreTheLastUpdatesOfOnWindowUpdateEachOnceInEndThenKeyOrder() {
        assertFinalResultsMatchTheLastUpdates((g, s) -> g
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(3), Duration.ofMillis(6)))
                .emitStrategy(s).count().toStream((w, v) -> orderKey(w)).to("out", Produced.with(S, L)), 6);
    }

    // ---- restarts ----------------------------------------------------------------------------------------------

    private static final TopicPartition INPUT = new TopicPartition("input", 0);
    private static final TopicPartition OUTPUT = new TopicPartition("output", 0);

    private static Topology restartTopology(String windowType) {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, String> g = b.stream("input", Consumed.with(S, S)).groupByKey();
        // a long retention keeps the emitted windows in the store, where a forgetful processor would find them again
        Duration retention = Duration.ofHours(1);
        KTable<Windowed<String>, Long> counts = switch (windowType) {
            case "tumbling" -> g.windowedBy(TimeWindows.ofSizeAndGrace(MS_10, MS_5))
                    .emitStrategy(EmitStrategy.onWindowClose())
                    .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts").withRetention(retention));
            case "sliding" -> g.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(MS_10, MS_5))
                    .emitStrategy(EmitStrategy.onWindowClose())
                    .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts").withRetention(retention));
            default -> g.windowedBy(SessionWindows.ofInactivityGapAndGrace(MS_10, MS_5))
                    .emitStrategy(EmitStrategy.onWindowClose())
                    .count(Materialized.<String, Long, SessionStore<Bytes, byte[]>>as("counts").withRetention(retention));
        };
        counts.toStream((w, v) -> rangeKey(w)).to("output", Produced.with(S, L));
        return b.build();
    }

    /**
     * Two runs on one data directory (a restart resets stream time): the second run's first records lie before the
     * first run's stream time, where a processor that forgot what it emitted would emit the first run's windows
     * again. With {@code wipeLocalState} the second run restores everything from the changelogs.
     */
    @ParameterizedTest(name = "{0} windows, {1}, local state wiped: {2}")
    @CsvSource({"tumbling, at_least_once, false", "tumbling, exactly_once_v2, false", "tumbling, at_least_once, true",
        "sliding, at_least_once, false", "sliding, exactly_once_v2, true",
        "session, at_least_once, false", "session, exactly_once_v2, true"})
    void aRestartOnTheSameStateDirectoryNeitherEmitsAWindowAgainNorLosesOne(String windowType, String guarantee,
                                                                            boolean wipeLocalState) throws Exception {
        SingleTopicLog t = topics();
        t.append(true, t.record("a", 0), t.record("a", 5), t.record("b", 7), t.record("a", 12), t.record("a", 30));
        run(windowType, guarantee, false, 5);
        List<String> first = outputs();
        assertThat(first).isNotEmpty();
        t.append(false, t.record("a", 16), t.record("b", 17), t.record("a", 31), t.record("c", 100));
        run(windowType, guarantee, wipeLocalState, 9);
        List<String> all = outputs();
        assertThat(all).startsWith(first.toArray(String[]::new)).doesNotHaveDuplicates();
        assertThat(all).containsExactlyElementsOf(expectedWithoutRestart(windowType));
    }

    /** The final results of the same input in one run of the test driver. */
    private static List<String> expectedWithoutRestart(String windowType) {
        try (TopologyTestDriver d = new TopologyTestDriver(restartTopology(windowType))) {
            TestInputTopic<String, String> in = d.createInputTopic("input", S.serializer(), S.serializer());
            for (Object[] r : new Object[][] {{"a", 0L}, {"a", 5L}, {"b", 7L}, {"a", 12L}, {"a", 30L}, {"a", 16L},
                {"b", 17L}, {"a", 31L}, {"c", 100L}}) {
                in.pipeInput((String) r[0], "x", (Long) r[1]);
            }
            List<String> out = new ArrayList<>();
            for (TestRecord<String, Long> r : d.createOutputTopic("output", S.deserializer(), L.deserializer())
                    .readRecordsToList()) {
                out.add(r.key() + "=" + r.value() + "@" + r.timestamp());
            }
            return out;
        }
    }

    private void run(String windowType, String guarantee, boolean wipeLocalState, long offset) throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "emit-restart");
        p.put(StreamsConfig.DATA_DIR_CONFIG, dir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        try (EddyStreams app = new EddyStreams(restartTopology(windowType), p)) {
            if (wipeLocalState) {
                app.cleanUp();
            }
            app.start();
            app.awaitCommittedOffset(INPUT, offset, Duration.ofSeconds(30));
        }
    }

    private SingleTopicLog topics() {
        return new SingleTopicLog(dir, INPUT, OUTPUT);
    }

    private List<String> outputs() {
        List<String> out = new ArrayList<>();
        for (LogRecord r : topics().outputRecords(1000, IsolationLevel.READ_COMMITTED)) {
            out.add(S.deserializer().deserialize("output", r.key()) + "="
                    + L.deserializer().deserialize("output", r.value()) + "@" + r.timestamp());
        }
        return out;
    }
}

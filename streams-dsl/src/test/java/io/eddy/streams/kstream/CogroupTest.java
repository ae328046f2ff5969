package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.KryoRegistrations;
import io.eddy.serialization.KryoSerde;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueStore;
import io.eddy.state.SessionStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.state.WindowStore;
import io.eddy.state.Windowed;
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
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code cogroup}: several grouped streams aggregated into one table, through the DSL and the test driver. */
class CogroupTest {
    private static final Serde<String> S = Serdes.String();
    private static final Serde<Long> L = Serdes.Long();
    private static final Serde<Integer> I = Serdes.Integer();

    private static String timeKey(Windowed<String> w) {
        return w.key() + "@" + w.window().start();
    }

    private static String rangeKey(Windowed<String> w) {
        return w.key() + "@" + w.window().start() + ".." + w.window().end();
    }

    private static Properties explicitNames() {
        Properties p = new Properties();
        p.put(StreamsConfig.REQUIRE_EXPLICIT_NAMES_CONFIG, "true");
        return p;
    }

    /** Counts clicks (+1 each) and view durations (+ms) per user into one total. */
    private static CogroupedKStream<String, Long> clicksAndViews(StreamsBuilder b) {
        KGroupedStream<String, String> clicks = b.stream("clicks", Consumed.with(S, S)).groupByKey();
        KGroupedStream<String, Long> views = b.stream("views", Consumed.with(S, L)).groupByKey();
        return clicks.<Long>cogroup((user, click, total) -> total + 1)
                .cogroup(views, (user, ms, total) -> total + ms);
    }

    // ---- key-value aggregation ------------------------------------------------------------------------------------

    @Test
    void twoCogroupedStreamsUpdateOneAggregateAfterEachRecordStampedWithTheLargestTimestamp() {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, String> clicks = b.stream("clicks", Consumed.with(S, S)).groupByKey();
        KGroupedStream<String, Long> views = b.stream("views", Consumed.with(S, L)).groupByKey();
        clicks.<String>cogroup((k, v, agg) -> agg + "c" + v)
                .cogroup(views, (k, v, agg) -> agg + "v" + v)
                .aggregate(() -> "", Materialized.with(S, S))
                .toStream().to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> c = d.createInputTopic("clicks", S.serializer(), S.serializer());
            TestInputTopic<String, Long> v = d.createInputTopic("views", S.serializer(), L.serializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", S.deserializer(), S.deserializer());
            c.pipeInput("a", "1", 10);
            v.pipeInput("a", 2L, 5);
            v.pipeInput("b", 3L, 7);
            c.pipeInput("a", "4", 20);
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("a", "c1", 10L), tuple("a", "c1v2", 10L), tuple("b", "v3", 7L),
                            tuple("a", "c1v2c4", 20L));
        }
    }

    @Test
    void threeCogroupedStreamsOfDifferentValueTypesEachFoldWithTheirOwnAggregatorIntoTheNamedStore() {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, Integer> purchases = b.stream("purchases", Consumed.with(S, I)).groupByKey();
        clicksAndViews(b)
                .cogroup(purchases, (user, amount, total) -> total + 100L * amount)
                .aggregate(() -> 0L, Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("totals")
                        .withValueSerde(L))
                .toStream().to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> c = d.createInputTopic("clicks", S.serializer(), S.serializer());
            TestInputTopic<String, Long> v = d.createInputTopic("views", S.serializer(), L.serializer());
            TestInputTopic<String, Integer> p = d.createInputTopic("purchases", S.serializer(), I.serializer());
            TestOutputTopic<String, Long> out = d.createOutputTopic("out", S.deserializer(), L.deserializer());
            c.pipeInput("a", "x", 1);
            v.pipeInput("a", 5L, 2);
            p.pipeInput("a", 2, 3);
            c.pipeInput("b", "x", 4);
            p.pipeInput("b", 1, 0);
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("a", 1L, 1L), tuple("a", 6L, 2L), tuple("a", 206L, 3L),
                            tuple("b", 1L, 4L), tuple("b", 101L, 4L));
            assertThat(d.<String, Long>getTimestampedKeyValueStore("totals").get("a"))
                    .isEqualTo(ValueAndTimestamp.make(206L, 3L));
            assertThat(d.<String, Long>getKeyValueStore("totals").get("b")).isEqualTo(101L);
        }
    }

    @Test
    void recordsWithANullKeyOrValueFromAnyInputAreSkipped() {
        StreamsBuilder b = new StreamsBuilder();
        clicksAndViews(b).aggregate(() -> 0L, Materialized.with(S, L)).toStream().to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> c = d.createInputTopic("clicks", S.serializer(), S.serializer());
            TestInputTopic<String, Long> v = d.createInputTopic("views", S.serializer(), L.serializer());
            c.pipeInput(null, "x");
            c.pipeInput("a", (String) null);
            v.pipeInput(null, 5L);
            v.pipeInput("a", (Long) null);
            v.pipeInput("a", 7L);
            assertThat(d.createOutputTopic("out", S.deserializer(), L.deserializer()).readKeyValuesToList())
                    .containsExactly(KeyValue.pair("a", 7L));
        }
    }

    @Test
    void withCachingTheSharedStoreForwardsOneUpdatePerKeyPerCommitWhicheverInputUpdatedIt() {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, String> words = b.stream("clicks", Consumed.with(S, S))
                .flatMapValues(v -> List.of(v.split(" "))).groupByKey();
        KGroupedStream<String, Long> views = b.stream("views", Consumed.with(S, L)).groupByKey();
        words.<Long>cogroup((k, w, n) -> n + 1).cogroup(views, (k, ms, n) -> n + ms)
                .aggregate(() -> 0L, Materialized.with(S, L)).toStream().to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<String, String> c = d.createInputTopic("clicks", S.serializer(), S.serializer());
            TestInputTopic<String, Long> v = d.createInputTopic("views", S.serializer(), L.serializer());
            TestOutputTopic<String, Long> out = d.createOutputTopic("out", S.deserializer(), L.deserializer());
            c.pipeInput("a", "x y z", 1);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a", 3L));
            v.pipeInput("a", 10L, 2);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a", 13L));
        }
    }

    @Test
    void materializedWithSerdesIsHonouredForTheStoreAndTheResultTable() {
        StreamsBuilder b = new StreamsBuilder();
        clicksAndViews(b).aggregate(() -> 0L, Named.as("totals"), Materialized.with(S, L))
                .toStream().to("out"); // no Produced: the table's serdes carry on
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            d.createInputTopic("clicks", S.serializer(), S.serializer()).pipeInput("a", "x", 1);
            d.createInputTopic("views", S.serializer(), L.serializer()).pipeInput("a", 4L, 2);
            assertThat(d.createOutputTopic("out", S.deserializer(), L.deserializer()).readKeyValuesToList())
                    .containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("a", 5L));
            assertThat(d.<String, Long>getKeyValueStore("totals-store").get("a")).isEqualTo(5L);
        }
    }

    @Test
    void aDownstreamTableAggregationGetsOldValuesFromEveryInput() {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, String> clicks = b.stream("clicks", Consumed.with(S, S)).groupByKey();
        KGroupedStream<String, String> views = b.stream("views", Consumed.with(S, S)).groupByKey();
        // latest category per user, from either input; then users per category (needs old values to subtract)
        clicks.<String>cogroup((user, category, latest) -> category)
                .cogroup(views, (user, category, latest) -> category)
                .aggregate(() -> null, Materialized.with(S, S))
                .groupBy((user, category) -> KeyValue.pair(category, user), Grouped.with(S, S))
                .count(Materialized.as("users-per-category"));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> c = d.createInputTopic("clicks", S.serializer(), S.serializer());
            TestInputTopic<String, String> v = d.createInputTopic("views", S.serializer(), S.serializer());
            c.pipeInput("ann", "books", 1);
            v.pipeInput("ann", "music", 2);
            v.pipeInput("bob", "music", 3);
            KeyValueStore<String, Long> perCategory = d.getKeyValueStore("users-per-category");
            assertThat(perCategory.get("books")).isEqualTo(0L);
            assertThat(perCategory.get("music")).isEqualTo(2L);
            c.pipeInput("bob", "books", 4);
            assertThat(perCategory.get("books")).isEqualTo(1L);
            assertThat(perCategory.get("music")).isEqualTo(1L);
        }
    }

    // ---- repartitioning and co-partitioning -----------------------------------------------------------------------

    @Test
    void aCogroupedStreamWhoseKeyChangedUpstreamIsRepartitionedAndStillAggregates() {
        StreamsBuilder b = new StreamsBuilder();
        // clicks keyed by session id, valued by user: re-keyed by user
        KGroupedStream<String, String> clicksByUser = b.stream("clicks", Consumed.with(S, S))
                .selectKey((session, user) -> user).groupByKey(Grouped.with(S, S));
        KGroupedStream<String, Long> views = b.stream("views", Consumed.with(S, L)).groupByKey();
        clicksByUser.<Long>cogroup((user, u, total) -> total + 1)
                .cogroup(views, (user, ms, total) -> total + ms)
                .aggregate(() -> 0L, Materialized.with(S, L))
                .toStream().to("out", Produced.with(S, L));
        Topology t = b.build();
        assertThat(t.internalBuilder().internalTopics().keySet()).containsExactly("clicks.selectKey-repartition");
        assertThat(t.internalBuilder().copartitionGroups())
                .containsExactly(Set.of("clicks.selectKey-repartition", "views"));
        try (TopologyTestDriver d = Drivers.uncached(t)) {
            TestInputTopic<String, String> c = d.createInputTopic("clicks", S.serializer(), S.serializer());
            TestInputTopic<String, Long> v = d.createInputTopic("views", S.serializer(), L.serializer());
            TestOutputTopic<String, Long> out = d.createOutputTopic("out", S.deserializer(), L.deserializer());
            c.pipeInput("s1", "ann", 1);
            v.pipeInput("ann", 10L, 2);
            c.pipeInput("s2", "bob", 3);
            c.pipeInput("s3", "ann", 4);
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("ann", 1L, 1L), tuple("ann", 11L, 2L), tuple("bob", 1L, 3L),
                            tuple("ann", 12L, 4L));
        }
    }

    @Test
    void eachCogroupedStreamNeedingARepartitionGetsItsOwnTopicNamedAfterItsGrouping() {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, String> clicks = b.stream("clicks", Consumed.with(S, S))
                .groupBy((session, user) -> user, Grouped.as("clicks-by-user"));
        KGroupedStream<String, String> views = b.stream("views", Consumed.with(S, S))
                .selectKey((session, user) -> user).groupByKey();
        KGroupedStream<String, String> purchases = b.stream("purchases", Consumed.with(S, S)).groupByKey();
        clicks.<String>cogroup((u, x, agg) -> agg + "c")
                .cogroup(views, (u, x, agg) -> agg + "v")
                .cogroup(purchases, (u, x, agg) -> agg + "p")
                .aggregate(() -> "")
                .toStream().to("out", Produced.with(S, S));
        Topology t = b.build();
        assertThat(t.internalBuilder().internalTopics().keySet())
                .containsExactlyInAnyOrder("clicks-by-user-repartition", "views.selectKey-repartition");
        assertThat(t.internalBuilder().copartitionGroups()).containsExactly(
                Set.of("clicks-by-user-repartition", "views.selectKey-repartition", "purchases"));
        try (TopologyTestDriver d = Drivers.uncached(t)) {
            d.createInputTopic("clicks", S.serializer(), S.serializer()).pipeInput("s1", "ann", 1);
            d.createInputTopic("views", S.serializer(), S.serializer()).pipeInput("s2", "ann", 2);
            d.createInputTopic("purchases", S.serializer(), S.serializer()).pipeInput("ann", "book", 3);
            assertThat(d.createOutputTopic("out", S.deserializer(), S.deserializer()).readKeyValuesToList())
                    .containsExactly(KeyValue.pair("ann", "c"), KeyValue.pair("ann", "cv"),
                            KeyValue.pair("ann", "cvp"));
        }
    }

    // ---- windows --------------------------------------------------------------------------------------------------

    @Test
    void tumblingWindowsHonourGraceAndDropLateRecordsFromEitherInput() {
        StreamsBuilder b = new StreamsBuilder();
        clicksAndViews(b)
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)))
                .aggregate(() -> 0L, Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("totals")
                        .withValueSerde(L))
                .toStream((w, total) -> timeKey(w))
                .to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> c = d.createInputTopic("clicks", S.serializer(), S.serializer());
            TestInputTopic<String, Long> v = d.createInputTopic("views", S.serializer(), L.serializer());
            TestOutputTopic<String, Long> out = d.createOutputTopic("out", S.deserializer(), L.deserializer());
            c.pipeInput("a", "x", 0);
            v.pipeInput("a", 10L, 9);
            v.pipeInput("a", 10L, 10); // exactly at the end of [0, 10): belongs to [10, 20) only
            c.pipeInput("b", "x", 14); // stream time 14 = end + grace - 1: [0, 10) still open
            v.pipeInput("a", 100L, 3);
            c.pipeInput("b", "x", 15); // stream time 15 = end + grace: [0, 10) closes
            v.pipeInput("a", 1000L, 4); // late
            c.pipeInput("a", "x", 9); // late
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("a@0", 1L, 0L), tuple("a@0", 11L, 9L), tuple("a@10", 10L, 10L),
                            tuple("b@10", 1L, 14L), tuple("a@0", 111L, 9L), tuple("b@10", 2L, 15L));
            assertThat(b.droppedRecords()).containsEntry("clicks.cogroup.timeWindows.aggregate-cogroup-agg-0", 1L)
                    .containsEntry("clicks.cogroup.timeWindows.aggregate-cogroup-agg-1", 1L);
            assertThat(d.<String, Long>getTimestampedWindowStore("totals").fetch("a", 0))
                    .isEqualTo(ValueAndTimestamp.make(111L, 9L));
        }
    }

    @Test
    void hoppingWindowsGetARecordFromAnyInputInEveryWindowContainingIt() {
        StreamsBuilder b = new StreamsBuilder();
        clicksAndViews(b)
                .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)).advanceBy(Duration.ofMillis(5)))
                .aggregate(() -> 0L, Materialized.with(S, L))
                .toStream((w, total) -> timeKey(w))
                .to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> c = d.createInputTopic("clicks", S.serializer(), S.serializer());
            TestInputTopic<String, Long> v = d.createInputTopic("views", S.serializer(), L.serializer());
            TestOutputTopic<String, Long> out = d.createOutputTopic("out", S.deserializer(), L.deserializer());
            c.pipeInput("a", "x", 7);
            v.pipeInput("a", 10L, 10);
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("a@0", 1L, 7L), tuple("a@5", 1L, 7L), tuple("a@5", 11L, 10L),
                            tuple("a@10", 10L, 10L));
        }
    }

    @Test
    void slidingWindowsAggregateTheRecordsOfAllInputsWithinTheTimeDifference() {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, String> clicks = b.stream("clicks", Consumed.with(S, S)).groupByKey();
        KGroupedStream<String, Long> views = b.stream("views", Consumed.with(S, L)).groupByKey();
        clicks.<String>cogroup((k, v, agg) -> agg + "c" + v)
                .cogroup(views, (k, v, agg) -> agg + "v" + v)
                .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)))
                .aggregate(() -> "", Named.as("sliding"), Materialized.with(S, S))
                .toStream((w, agg) -> rangeKey(w))
                .to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> c = d.createInputTopic("clicks", S.serializer(), S.serializer());
            TestInputTopic<String, Long> v = d.createInputTopic("views", S.serializer(), L.serializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", S.deserializer(), S.deserializer());
            c.pipeInput("a", "1", 15);
            v.pipeInput("a", 2L, 20);
            c.pipeInput("a", "3", 18);
            // records: c1@15, c3@18, v2@20; every distinct set fitting in 10 ms is one window
            assertThat(out.readKeyValuesToMap()).containsOnly(
                    java.util.Map.entry("a@5..15", "c1"),
                    java.util.Map.entry("a@8..18", "c1c3"),
                    java.util.Map.entry("a@10..20", "c1v2c3"),
                    java.util.Map.entry("a@16..26", "v2c3"),
                    java.util.Map.entry("a@19..29", "v2"));
            assertThat(d.<String, String>getTimestampedWindowStore("sliding-store").fetch("a", 10))
                    .isEqualTo(ValueAndTimestamp.make("c1v2c3", 20L));
            c.pipeInput("a", "4", 4); // 4 + 1 + 10 <= stream time 20 - grace 5: late
            assertThat(out.isEmpty()).isTrue();
            assertThat(b.droppedRecords()).containsEntry("sliding-cogroup-agg-0", 1L);
        }
    }

    @Test
    void sessionWindowsMergeSessionsOfDifferentInputsWithTheMergerAndDropLateRecords() {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, String> clicks = b.stream("clicks", Consumed.with(S, S)).groupByKey();
        KGroupedStream<String, Long> views = b.stream("views", Consumed.with(S, L)).groupByKey();
        clicks.<String>cogroup((k, v, agg) -> agg + "c" + v)
                .cogroup(views, (k, v, agg) -> agg + "v" + v)
                .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(5), Duration.ofMillis(10)))
                .aggregate(() -> "", (k, x, y) -> x.isEmpty() ? y : x + "|" + y,
                        Materialized.<String, String, SessionStore<Bytes, byte[]>>as("sessions").withValueSerde(S))
                .toStream((w, agg) -> rangeKey(w))
                .to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> c = d.createInputTopic("clicks", S.serializer(), S.serializer());
            TestInputTopic<String, Long> v = d.createInputTopic("views", S.serializer(), L.serializer());
            TestOutputTopic<String, String> out = d.createOutputTopic("out", S.deserializer(), S.deserializer());
            c.pipeInput("a", "1", 0);
            v.pipeInput("a", 2L, 10);
            c.pipeInput("a", "3", 5); // bridges [0, 0] (a click) and [10, 10] (a view)
            // through the store's cache (here of size 0) a session update carries the timestamp of the record that
            // made it, as for the plain session aggregations
            assertThat(out.readRecordsToList()).extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .containsExactly(tuple("a@0..0", "c1", 0L), tuple("a@10..10", "v2", 10L),
                            tuple("a@0..0", null, 5L), tuple("a@10..10", null, 5L),
                            tuple("a@0..10", "c1|v2c3", 5L));
            assertThat(d.<String, String>getSessionStore("sessions").fetchSession("a", 0, 10)).isEqualTo("c1|v2c3");
            v.pipeInput("a", 4L, 40); // stream time 40: sessions ending before 40 - 10 - 5 = 25 are closed
            c.pipeInput("a", "5", 1); // would extend [0, 10]: late
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@40..40", "v4"));
            assertThat(b.droppedRecords())
                    .containsEntry("clicks.cogroup.sessionWindows.aggregate-cogroup-agg-0", 1L);
        }
    }

    @Test
    void aWindowedCogroupCanBeSuppressedUntilItsWindowsClose() {
        StreamsBuilder b = new StreamsBuilder();
        clicksAndViews(b)
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)))
                .aggregate(() -> 0L, Materialized.with(S, L))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
                .toStream((w, total) -> timeKey(w))
                .to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> c = d.createInputTopic("clicks", S.serializer(), S.serializer());
            TestInputTopic<String, Long> v = d.createInputTopic("views", S.serializer(), L.serializer());
            TestOutputTopic<String, Long> out = d.createOutputTopic("out", S.deserializer(), L.deserializer());
            c.pipeInput("a", "x", 1);
            v.pipeInput("a", 10L, 2);
            v.pipeInput("b", 10L, 14);
            assertThat(out.isEmpty()).isTrue();
            c.pipeInput("b", "x", 15);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a@0", 11L));
        }
    }

    // ---- parity with the plain aggregations ----------------------------------------------------------------------

    enum Kind { KEY_VALUE, TUMBLING, HOPPING, SLIDING, SESSION }

    private static final Aggregator<String, String, String> CONCAT = (k, v, agg) -> agg + v;

    private static KStream<String, String> windowed(KGroupedStream<String, String> plain,
                                                    CogroupedKStream<String, String> cogrouped, Kind kind) {
        Duration ten = Duration.ofMillis(10);
        Duration five = Duration.ofMillis(5);
        Merger<String, String> merger = (k, x, y) -> x + "|" + y;
        KTable<Windowed<String>, String> t = switch (kind) {
            case TUMBLING -> plain != null
                    ? plain.windowedBy(TimeWindows.ofSizeAndGrace(ten, five)).aggregate(() -> "", CONCAT)
                    : cogrouped.windowedBy(TimeWindows.ofSizeAndGrace(ten, five)).aggregate(() -> "");
            case HOPPING -> plain != null
                    ? plain.windowedBy(TimeWindows.ofSizeAndGrace(ten, five).advanceBy(five)).aggregate(() -> "", CONCAT)
                    : cogrouped.windowedBy(TimeWindows.ofSizeAndGrace(ten, five).advanceBy(five)).aggregate(() -> "");
            case SLIDING -> plain != null
                    ? plain.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(ten, five)).aggregate(() -> "", CONCAT)
                    : cogrouped.windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(ten, five)).aggregate(() -> "");
            case SESSION -> plain != null
                    ? plain.windowedBy(SessionWindows.ofInactivityGapAndGrace(five, five))
                            .aggregate(() -> "", CONCAT, merger)
                    : cogrouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(five, five))
                            .aggregate(() -> "", merger);
            default -> throw new IllegalArgumentException(kind.name());
        };
        return t.toStream((w, v) -> rangeKey(w));
    }

    /** Pipes the same records through a plain aggregation of two merged streams, or a cogroup of them. */
    private static List<TestRecord<String, String>> run(Kind kind, boolean cogroup, boolean cached) {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> left = b.stream("left", Consumed.with(S, S));
        KStream<String, String> right = b.stream("right", Consumed.with(S, S));
        KGroupedStream<String, String> plain = cogroup ? null : left.merge(right).groupByKey();
        CogroupedKStream<String, String> cogrouped = cogroup
                ? left.groupByKey().cogroup(CONCAT).cogroup(right.groupByKey(), CONCAT) : null;
        KStream<String, String> out = kind == Kind.KEY_VALUE
                ? (cogroup ? cogrouped.aggregate(() -> "") : plain.aggregate(() -> "", CONCAT)).toStream()
                : windowed(plain, cogrouped, kind);
        out.to("out", Produced.with(S, S));
        try (TopologyTestDriver d = cached ? Drivers.cached(b.build()) : Drivers.uncached(b.build())) {
            TestInputTopic<String, String> l = d.createInputTopic("left", S.serializer(), S.serializer());
            TestInputTopic<String, String> r = d.createInputTopic("right", S.serializer(), S.serializer());
            l.pipeInput("a", "1", 0);
            r.pipeInput("a", "2", 3);
            l.pipeInput("b", "3", 7);
            r.pipeInput("a", "4", 12);
            l.pipeInput("a", "5", 6);
            r.pipeInput("a", "6", 16);
            r.pipeInput("b", "7", 30);
            l.pipeInput("a", "8", 11); // late for some windows
            r.pipeInput("a", "9", 2); // late
            l.pipeInput("b", "x", 26);
            l.pipeInput("a", null, 31);
            r.pipeInput(null, "y", 31);
            r.pipeInput("b", "z", 27);
            return d.createOutputTopic("out", S.deserializer(), S.deserializer()).readRecordsToList();
        }
    }

    /** Guards the promise that cogroup shares the plain aggregations' timestamp, null and window rules. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void cogroupingTwoStreamsGivesWhatAggregatingTheirMergeGives(Kind kind) {
        for (boolean cached : new boolean[] {false, true}) {
            List<TestRecord<String, String>> expected = run(kind, false, cached);
            assertThat(expected).isNotEmpty();
            assertThat(run(kind, true, cached))
                    .extracting(TestRecord::key, TestRecord::value, TestRecord::timestamp)
                    .as("%s, cached=%s", kind, cached)
                    .containsExactlyElementsOf(expected.stream()
                            .map(r -> tuple(r.key(), r.value(), r.timestamp())).toList());
        }
    }

    // ---- names ----------------------------------------------------------------------------------------------------

    @Test
    void describeShowsOneAggregateNodePerInputFeedingOneMergeNodeAllSharingTheStore() {
        StreamsBuilder b = new StreamsBuilder();
        clicksAndViews(b).aggregate(() -> 0L, Named.as("totals"), Materialized.as("user-totals"))
                .toStream().to("out");
        String described = b.build().describe().toString();
        assertThat(described).contains(
                "Processor: totals-cogroup-agg-0 (stores: [user-totals])\n      --> totals-cogroup-merge\n"
                        + "      <-- clicks",
                "Processor: totals-cogroup-agg-1 (stores: [user-totals])\n      --> totals-cogroup-merge\n"
                        + "      <-- views",
                "Processor: totals-cogroup-merge (stores: [])\n",
                "<-- totals-cogroup-agg-0, totals-cogroup-agg-1");
        assertThat(described).contains("Sub-topology: 0").doesNotContain("Sub-topology: 1");
    }

    @Test
    void unnamedCogroupsDeriveNamesFromTheFirstInputsPath() {
        StreamsBuilder b = new StreamsBuilder();
        CogroupedKStream<String, Long> c = clicksAndViews(b);
        c.aggregate(() -> 0L);
        c.aggregate(() -> 1L);
        c.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10))).aggregate(() -> 0L);
        c.windowedBy(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10))).aggregate(() -> 0L);
        c.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(10))).aggregate(() -> 0L, (k, x, y) -> x + y);
        Topology t = b.build();
        assertThat(t.internalBuilder().stores().keySet()).containsExactlyInAnyOrder(
                "clicks.cogroup.aggregate-store", "clicks.cogroup.aggregate-2-store",
                "clicks.cogroup.timeWindows.aggregate-store", "clicks.cogroup.slidingWindows.aggregate-store",
                "clicks.cogroup.sessionWindows.aggregate-store");
        assertThat(t.internalBuilder().nodes().keySet()).contains(
                "clicks.cogroup.aggregate-cogroup-agg-0", "clicks.cogroup.aggregate-cogroup-agg-1",
                "clicks.cogroup.aggregate-cogroup-merge", "clicks.cogroup.aggregate-2-cogroup-merge",
                "clicks.cogroup.sessionWindows.aggregate-cogroup-agg-1");
    }

    /** Every store and internal topic name of a topology. */
    private static Set<String> resourceNames(Topology t) {
        Set<String> names = new TreeSet<>();
        t.internalBuilder().stores().keySet().forEach(s -> names.add("store:" + s));
        t.internalBuilder().internalTopics().keySet().forEach(s -> names.add("topic:" + s));
        return names;
    }

    private static Topology cogroupWithOtherBranches(boolean extra) {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> clicks = b.stream("clicks", Consumed.with(S, S));
        KStream<String, Long> views = b.stream("views", Consumed.with(S, L));
        if (extra) {
            // added before the cogroup, including identical stateless siblings of its inputs' operators
            clicks.peek((k, v) -> { });
            clicks.selectKey((k, v) -> k + v).to("elsewhere", Produced.with(S, S));
            views.mapValues(v -> v + 1).filter((k, v) -> v > 0).to("more", Produced.with(S, L));
            b.stream("other", Consumed.with(S, S)).groupByKey().count();
        }
        CogroupedKStream<String, Long> c = clicks.selectKey((k, v) -> v).groupByKey()
                .<Long>cogroup((k, v, n) -> n + 1)
                .cogroup(views.groupByKey(), (k, v, n) -> n + v);
        c.aggregate(() -> 0L).toStream().to("totals", Produced.with(S, L));
        c.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10))).aggregate(() -> 0L);
        c.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(10))).aggregate(() -> 0L, (k, x, y) -> x + y);
        return b.build();
    }

    /** Guards against names derived from a global counter, which break state and topics on upgrades. */
    @Test
    void addingStatelessOperatorsElsewhereRenamesNoCogroupStoreOrTopic() {
        Set<String> before = resourceNames(cogroupWithOtherBranches(false));
        Set<String> after = resourceNames(cogroupWithOtherBranches(true));
        assertThat(before).containsExactlyInAnyOrder("store:clicks.selectKey.cogroup.aggregate-store",
                "store:clicks.selectKey.cogroup.timeWindows.aggregate-store",
                "store:clicks.selectKey.cogroup.sessionWindows.aggregate-store",
                "topic:clicks.selectKey-repartition");
        assertThat(after.stream().filter(n -> !n.contains("other")).collect(Collectors.toSet())).isEqualTo(before);
        Set<String> nodesBefore = cogroupWithOtherBranches(false).internalBuilder().nodes().keySet();
        assertThat(nodesBefore).contains("clicks.selectKey.cogroup.aggregate-cogroup-agg-0",
                "clicks.selectKey.cogroup.aggregate-cogroup-merge");
        assertThat(cogroupWithOtherBranches(true).internalBuilder().nodes().keySet())
                .contains("clicks.selectKey.cogroup.aggregate-cogroup-agg-0",
                        "clicks.selectKey.cogroup.aggregate-cogroup-merge");
    }

    @Test
    void explicitNamesConfigRejectsAnUnnamedCogroupStore() {
        StreamsBuilder b = new StreamsBuilder(explicitNames());
        CogroupedKStream<String, Long> c = clicksAndViews(b);
        assertThatThrownBy(() -> c.aggregate(() -> 0L)).isInstanceOf(TopologyException.class)
                .hasMessageContaining("cogroup aggregate")
                .hasMessageContaining("state store 'clicks.cogroup.aggregate-store'")
                .hasMessageContaining("Materialized.as");
        TimeWindowedCogroupedKStream<String, Long> w = c.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)));
        assertThatThrownBy(() -> w.aggregate(() -> 0L, Named.as("windowed")))
                .isInstanceOf(TopologyException.class).hasMessageContaining("state store 'windowed-store'");
    }

    @Test
    void explicitNamesConfigRejectsAnUnnamedRepartitionTopicOfACogroupedInput() {
        StreamsBuilder b = new StreamsBuilder(explicitNames());
        KGroupedStream<String, String> rekeyed = b.stream("clicks", Consumed.with(S, S))
                .groupBy((k, v) -> v);
        KGroupedStream<String, Long> views = b.stream("views", Consumed.with(S, L)).groupByKey();
        CogroupedKStream<String, Long> c = rekeyed.<Long>cogroup((k, v, n) -> n + 1).cogroup(views, (k, v, n) -> n + v);
        assertThatThrownBy(() -> c.aggregate(() -> 0L, Materialized.as("totals")))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining("repartition topic 'clicks.groupBy-repartition'")
                .hasMessageContaining("Grouped.as");
    }

    @Test
    void explicitNamesConfigAcceptsAFullyNamedCogroup() {
        Properties p = explicitNames();
        StreamsBuilder b = new StreamsBuilder(p);
        KGroupedStream<String, String> rekeyed = b.stream("clicks", Consumed.with(S, S))
                .groupBy((k, v) -> v, Grouped.as("clicks-by-user"));
        KGroupedStream<String, Long> views = b.stream("views", Consumed.with(S, L)).groupByKey();
        rekeyed.<Long>cogroup((k, v, n) -> n + 1).cogroup(views, (k, v, n) -> n + v)
                .aggregate(() -> 0L, Materialized.as("totals"));
        Topology t = b.build(p);
        assertThat(t.internalBuilder().stores()).containsOnlyKeys("totals");
        assertThat(t.internalBuilder().internalTopics()).containsOnlyKeys("clicks-by-user-repartition");
    }

    // ---- serdes and misuse ----------------------------------------------------------------------------------------

    record Totals(int clicks, long viewMs) {
    }

    @Test
    void kryoDefaultSerdeCarriesANonStringAggregateThroughStoreAndOutput() {
        KryoRegistrations registrations = KryoRegistrations.builder().register(Totals.class, 201).build();
        StreamsBuilder b = new StreamsBuilder(registrations);
        KGroupedStream<String, String> clicks = b.<String, String>stream("clicks").groupByKey();
        KGroupedStream<String, Long> views = b.<String, Long>stream("views").groupByKey();
        clicks.<Totals>cogroup((user, click, t) -> new Totals(t.clicks() + 1, t.viewMs()))
                .cogroup(views, (user, ms, t) -> new Totals(t.clicks(), t.viewMs() + ms))
                .aggregate(() -> new Totals(0, 0), Materialized.as("totals"))
                .toStream().to("totals-out");
        KryoSerde<Object> kryo = KryoSerde.of(registrations);
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<Object, Object> c = d.createInputTopic("clicks", kryo.serializer(), kryo.serializer());
            TestInputTopic<Object, Object> v = d.createInputTopic("views", kryo.serializer(), kryo.serializer());
            c.pipeInput("ann", "home");
            v.pipeInput("ann", 30L);
            c.pipeInput("ann", "cart");
            assertThat(d.createOutputTopic("totals-out", kryo.deserializer(), kryo.deserializer()).readValuesToList())
                    .containsExactly(new Totals(1, 0), new Totals(1, 30), new Totals(2, 30));
            assertThat(d.getKeyValueStore("totals").get("ann")).isEqualTo(new Totals(2, 30));
        }
    }

    @Test
    void cogroupingTheSameGroupedStreamTwiceOrOneOfAnotherBuilderIsRejected() {
        StreamsBuilder b = new StreamsBuilder();
        KGroupedStream<String, String> clicks = b.stream("clicks", Consumed.with(S, S)).groupByKey();
        CogroupedKStream<String, Long> c = clicks.cogroup((k, v, n) -> n + 1);
        assertThatThrownBy(() -> c.cogroup(clicks, (k, v, n) -> n + 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already part");
        KGroupedStream<String, String> foreign = new StreamsBuilder().stream("x", Consumed.with(S, S)).groupByKey();
        assertThatThrownBy(() -> c.cogroup(foreign, (k, v, n) -> n + 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same StreamsBuilder");
        assertThatThrownBy(() -> c.windowedBy(JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JoinWindows");
        assertThatThrownBy(() -> clicks.cogroup(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> c.aggregate(null)).isInstanceOf(NullPointerException.class);
    }
}

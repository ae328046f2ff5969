package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueStore;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

class KTableOperatorsTest {
    private static final Serde<String> S = Serdes.String();
    private static final Serde<Long> L = Serdes.Long();
    private static final Serde<Integer> I = Serdes.Integer();

    @Test
    void unmaterializedTableFilterForwardsATombstoneForEveryFailingUpdate() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, Integer> t = b.table("in", Consumed.with(S, I));
        t.filter((k, v) -> v > 10).toStream().to("out", Produced.with(S, I));
        assertThat(t.queryableStoreName()).isNull();
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            assertThat(d.getAllStateStores()).isEmpty();
            TestInputTopic<String, Integer> in = d.createInputTopic("in", S.serializer(), I.serializer());
            in.pipeInput("a", 20);
            in.pipeInput("a", 5);
            in.pipeInput("b", 1);
            assertThat(d.createOutputTopic("out", S.deserializer(), I.deserializer()).readKeyValuesToList())
                    .containsExactly(KeyValue.pair("a", 20), KeyValue.pair("a", null), KeyValue.pair("b", null));
        }
    }

    @Test
    void materializedSourceLetsFilterSkipUpdatesThatNeverHadARow() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, Integer> t = b.table("in", Consumed.with(S, I), Materialized.as("source"));
        KTable<String, Integer> big = t.filter((k, v) -> v > 10);
        big.groupBy((k, v) -> KeyValue.pair("all", v), Grouped.with(S, I))
                .reduce(Integer::sum, (agg, v) -> agg - v, Materialized.as("total"))
                .toStream().to("total", Produced.with(S, I));
        big.toStream().to("out", Produced.with(S, I));
        assertThat(t.queryableStoreName()).isEqualTo("source");
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, Integer> in = d.createInputTopic("in", S.serializer(), I.serializer());
            in.pipeInput("a", 20);
            in.pipeInput("b", 1);
            in.pipeInput("a", 5);
            in.pipeInput("a", (Integer) null);
            assertThat(d.createOutputTopic("out", S.deserializer(), I.deserializer()).readKeyValuesToList())
                    .containsExactly(KeyValue.pair("a", 20), KeyValue.pair("a", null));
            assertThat(d.getKeyValueStore("source").get("a")).isNull();
        }
    }

    @Test
    void tombstonesFlowThroughFilterNotAndMapValues() {
        StreamsBuilder b = new StreamsBuilder();
        b.table("in", Consumed.with(S, I))
                .filterNot((k, v) -> v == 0)
                .mapValues(v -> "v" + v, Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("mapped")
                        .withValueSerde(S))
                .toStream().to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, Integer> in = d.createInputTopic("in", S.serializer(), I.serializer());
            in.pipeInput("a", 1);
            in.pipeInput("a", (Integer) null);
            in.pipeInput("b", 2);
            in.pipeInput("b", 0);
            assertThat(d.createOutputTopic("out", S.deserializer(), S.deserializer()).readKeyValuesToList())
                    .containsExactly(KeyValue.pair("a", "v1"), KeyValue.pair("a", null), KeyValue.pair("b", "v2"),
                            KeyValue.pair("b", null));
            assertThat(d.getKeyValueStore("mapped").get("b")).isNull();
        }
    }

    @Test
    void toStreamWithMapperRekeysTheUpdates() {
        StreamsBuilder b = new StreamsBuilder();
        b.table("in", Consumed.with(S, I)).mapValues((k, v) -> k + v).toStream((k, v) -> v)
                .to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            d.createInputTopic("in", S.serializer(), I.serializer()).pipeInput("a", 1);
            assertThat(d.createOutputTopic("out", S.deserializer(), S.deserializer()).readKeyValue())
                    .isEqualTo(KeyValue.pair("a1", "a1"));
        }
    }

    /** Users and their regions; counts and sums per region must follow users that move. */
    @Test
    void groupByRetractsOldValuesFromTheOldKeyAndAddsNewValuesToTheNewKey() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> users = b.table("users", Consumed.with(S, S));
        KGroupedTable<String, String> byRegion = users.groupBy((user, region) -> KeyValue.pair(region, user),
                Grouped.with("by-region", S, S));
        byRegion.count(Materialized.as("region-counts")).toStream().to("counts", Produced.with(S, L));
        byRegion.aggregate(() -> "", (region, user, agg) -> agg + "+" + user,
                        (region, user, agg) -> agg + "-" + user, Materialized.with(S, S))
                .toStream().to("log", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = d.createInputTopic("users", S.serializer(), S.serializer());
            TestOutputTopic<String, Long> counts = d.createOutputTopic("counts", S.deserializer(), L.deserializer());
            TestOutputTopic<String, String> log = d.createOutputTopic("log", S.deserializer(), S.deserializer());
            in.pipeInput("alice", "eu");
            in.pipeInput("bob", "eu");
            assertThat(counts.readKeyValuesToList()).containsExactly(KeyValue.pair("eu", 1L), KeyValue.pair("eu", 2L));
            in.pipeInput("alice", "us");
            assertThat(counts.readKeyValuesToList()).containsExactly(KeyValue.pair("eu", 1L), KeyValue.pair("us", 1L));
            in.pipeInput("bob", (String) null);
            assertThat(counts.readKeyValuesToList()).containsExactly(KeyValue.pair("eu", 0L));
            assertThat(log.readKeyValuesToList()).containsExactly(KeyValue.pair("eu", "+alice"),
                    KeyValue.pair("eu", "+alice+bob"), KeyValue.pair("eu", "+alice+bob-alice"),
                    KeyValue.pair("us", "+alice"), KeyValue.pair("eu", "+alice+bob-alice-bob"));
            assertThat(d.getKeyValueStore("region-counts").get("us")).isEqualTo(1L);
        }
    }

    @Test
    void groupByWithAnUnchangedKeySendsSubtractionAndAdditionTogether() {
        StreamsBuilder b = new StreamsBuilder();
        b.table("scores", Consumed.with(S, I))
                .groupBy((player, score) -> KeyValue.pair(player.substring(0, 1), score), Grouped.with(S, I))
                .reduce(Integer::sum, (agg, v) -> agg - v)
                .toStream().to("out", Produced.with(S, I));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, Integer> in = d.createInputTopic("scores", S.serializer(), I.serializer());
            in.pipeInput("t1", 10);
            in.pipeInput("t2", 5);
            in.pipeInput("t1", 7);
            assertThat(d.createOutputTopic("out", S.deserializer(), I.deserializer()).readValuesToList())
                    .containsExactly(10, 15, 12);
        }
    }

    @Test
    void groupedTableCountWithCachingForwardsTheCommittedResult() {
        StreamsBuilder b = new StreamsBuilder();
        b.table("users", Consumed.with(S, S)).groupBy((u, r) -> KeyValue.pair(r, u), Grouped.with(S, S)).count()
                .toStream().to("counts", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<String, String> in = d.createInputTopic("users", S.serializer(), S.serializer());
            in.pipeKeyValueList(List.of(KeyValue.pair("a", "eu"), KeyValue.pair("a", "us")));
            assertThat(d.createOutputTopic("counts", S.deserializer(), L.deserializer()).readKeyValuesToMap())
                    .containsEntry("eu", 0L).containsEntry("us", 1L);
        }
    }

    @Test
    void globalTableIsLoadedIntoAGlobalStore() {
        StreamsBuilder b = new StreamsBuilder();
        GlobalKTable<String, String> g = b.globalTable("countries", Consumed.with(S, S), Materialized.as("countries"));
        // the test driver's store getters do not see global stores, so a processor reads it
        b.stream("in", Consumed.with(S, S)).process(
                () -> new io.eddy.streams.processor.api.ContextualProcessor<String, String, String, String>() {
                    @Override
                    public void process(io.eddy.streams.processor.api.Record<String, String> r) {
                        io.eddy.state.TimestampedKeyValueStore<String, String> countries =
                                context().getStateStore("countries");
                        context().forward(r.withValue(io.eddy.state.ValueAndTimestamp.getValueOrNull(
                                countries.get(r.key()))));
                    }
                }).to("out", Produced.with(S, S));
        assertThat(g.queryableStoreName()).isEqualTo("countries");
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            d.createInputTopic("countries", S.serializer(), S.serializer()).pipeInput("fr", "France");
            d.createInputTopic("in", S.serializer(), S.serializer()).pipeInput("fr", "?");
            assertThat(d.createOutputTopic("out", S.deserializer(), S.deserializer()).readValue())
                    .isEqualTo("France");
        }
    }
}

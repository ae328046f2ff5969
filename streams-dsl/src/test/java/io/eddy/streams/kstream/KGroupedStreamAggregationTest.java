package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueStore;
import io.eddy.state.Stores;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.Topology;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KGroupedStreamAggregationTest {
    private static final Serde<String> S = Serdes.String();
    private static final Serde<Long> L = Serdes.Long();

    private static Topology wordCount() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("lines", Consumed.with(S, S))
                .flatMapValues(line -> Arrays.asList(line.toLowerCase().split("\\W+")))
                .groupBy((k, word) -> word, Grouped.with(S, S))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts"))
                .toStream()
                .to("word-counts", Produced.with(S, L));
        return b.build();
    }

    @Test
    void wordCountWithCachingForwardsOneUpdatePerWordPerCommit() {
        try (TopologyTestDriver d = Drivers.cached(wordCount())) {
            TestInputTopic<String, String> in = d.createInputTopic("lines", S.serializer(), S.serializer());
            TestOutputTopic<String, Long> out = d.createOutputTopic("word-counts", S.deserializer(), L.deserializer());
            in.pipeInput("a b a");
            assertThat(out.readKeyValuesToList()).containsExactlyInAnyOrder(KeyValue.pair("a", 2L),
                    KeyValue.pair("b", 1L));
            in.pipeInput("b");
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("b", 2L));
            assertThat(d.getKeyValueStore("counts").get("a")).isEqualTo(2L);
        }
    }

    @Test
    void wordCountWithoutCachingForwardsEveryUpdate() {
        try (TopologyTestDriver d = Drivers.uncached(wordCount())) {
            TestInputTopic<String, String> in = d.createInputTopic("lines", S.serializer(), S.serializer());
            TestOutputTopic<String, Long> out = d.createOutputTopic("word-counts", S.deserializer(), L.deserializer());
            in.pipeInput("a b a");
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("b", 1L),
                    KeyValue.pair("a", 2L));
        }
    }

    @Test
    void cachingDisabledInMaterializedForwardsEveryUpdate() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, S)).groupByKey()
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("c").withCachingDisabled())
                .toStream().to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<String, String> in = d.createInputTopic("in", S.serializer(), S.serializer());
            in.pipeKeyValueList(List.of(KeyValue.pair("a", "x"), KeyValue.pair("a", "y")));
            assertThat(d.createOutputTopic("out", S.deserializer(), L.deserializer()).readValuesToList())
                    .containsExactly(1L, 2L);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aggregationsSkipNullKeysAndNullValues(boolean cached) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, S)).groupByKey(Grouped.with(S, S)).count().toStream()
                .to("out", Produced.with(S, L));
        try (TopologyTestDriver d = cached ? Drivers.cached(b.build()) : Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = d.createInputTopic("in", S.serializer(), S.serializer());
            in.pipeInput(null, "x");
            in.pipeInput("a", (String) null);
            in.pipeInput("a", "x");
            assertThat(d.createOutputTopic("out", S.deserializer(), L.deserializer()).readKeyValuesToList())
                    .containsExactly(KeyValue.pair("a", 1L));
        }
    }

    @Test
    void reduceCombinesValuesAndCarriesTheLargestTimestamp() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, L)).groupByKey()
                .reduce(Long::sum, Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("sums")
                        .withCachingDisabled())
                .toStream().to("out", Produced.with(S, L));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<String, Long> in = d.createInputTopic("in", S.serializer(), L.serializer());
            in.pipeInput("a", 1L, 100L);
            in.pipeInput("a", 2L, 50L);
            in.pipeInput("a", 3L, 200L);
            var out = d.createOutputTopic("out", S.deserializer(), L.deserializer()).readRecordsToList();
            assertThat(out).extracting(r -> r.value()).containsExactly(1L, 3L, 6L);
            assertThat(out).extracting(r -> r.timestamp()).containsExactly(100L, 100L, 200L);
            TimestampedKeyValueStore<String, Long> store = d.getTimestampedKeyValueStore("sums");
            assertThat(store.get("a")).isEqualTo(ValueAndTimestamp.make(6L, 200L));
        }
    }

    @Test
    void aggregateFoldsIntoAnInitializedAggregateInAnInMemoryStore() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, S)).groupByKey()
                .aggregate(() -> "", (k, v, agg) -> agg + v, Named.as("concat"),
                        Materialized.<String, String>as(Stores.inMemoryKeyValueStore("concat-store"))
                                .withValueSerde(S))
                .toStream().to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = d.createInputTopic("in", S.serializer(), S.serializer());
            in.pipeKeyValueList(List.of(KeyValue.pair("a", "x"), KeyValue.pair("b", "y"), KeyValue.pair("a", "z")));
            assertThat(d.createOutputTopic("out", S.deserializer(), S.deserializer()).readKeyValuesToList())
                    .containsExactly(KeyValue.pair("a", "x"), KeyValue.pair("b", "y"), KeyValue.pair("a", "xz"));
            assertThat(d.getStateStore("concat-store").persistent()).isFalse();
        }
    }

    @Test
    void countWithNamedAndMaterializedWithSerdesUsesTheGivenSerdes() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, Long> counts = b.stream("in", Consumed.with(S, S)).groupByKey()
                .count(Named.as("my-count"), Materialized.with(S, L));
        counts.toStream().to("out", Produced.with(S, L));
        assertThat(counts.queryableStoreName()).isNull();
        Topology t = b.build();
        assertThat(t.describe().toString()).contains("Processor: my-count (stores: [my-count-store])");
        try (TopologyTestDriver d = Drivers.cached(t)) {
            d.createInputTopic("in", S.serializer(), S.serializer()).pipeInput("k", "v");
            assertThat(d.createOutputTopic("out", S.deserializer(), L.deserializer()).readValue()).isEqualTo(1L);
        }
    }

    @Test
    void toTableKeepsTheLatestValuePerKeyAndDeletesOnNull() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, S)).toTable(Materialized.as("latest")).toStream()
                .to("out", Produced.with(S, S));
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            TestInputTopic<String, String> in = d.createInputTopic("in", S.serializer(), S.serializer());
            in.pipeInput("a", "1");
            in.pipeInput("a", "2");
            in.pipeInput("a", (String) null);
            assertThat(d.createOutputTopic("out", S.deserializer(), S.deserializer()).readValuesToList())
                    .containsExactly("1", "2", null);
            assertThat(d.getKeyValueStore("latest").get("a")).isNull();
        }
    }
}

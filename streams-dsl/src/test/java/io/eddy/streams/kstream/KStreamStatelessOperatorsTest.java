package io.eddy.streams.kstream;

import io.eddy.streams.processor.api.ContextualFixedKeyProcessor;
import io.eddy.streams.processor.api.FixedKeyRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueStore;
import io.eddy.state.Stores;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TestRecord;
import io.eddy.streams.test.TopologyTestDriver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class KStreamStatelessOperatorsTest {
    private static final Serde<String> S = Serdes.String();
    private static final Serde<Integer> I = Serdes.Integer();

    /** Builds {@code in (String, Integer) -> op -> out (String, Integer)}, pipes the inputs, returns the output. */
    private static List<KeyValue<String, Integer>> run(Function<KStream<String, Integer>, KStream<String, Integer>> op,
                                                       List<KeyValue<String, Integer>> input) {
        StreamsBuilder b = new StreamsBuilder();
        op.apply(b.stream("in", Consumed.with(S, I))).to("out", Produced.with(S, I));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            d.createInputTopic("in", S.serializer(), I.serializer()).pipeKeyValueList(input);
            return d.createOutputTopic("out", S.deserializer(), I.deserializer()).readKeyValuesToList();
        }
    }

    private static final List<KeyValue<String, Integer>> INPUT =
            List.of(KeyValue.pair("a", 1), KeyValue.pair("b", 2), KeyValue.pair("c", 3));

    @Test
    void filterKeepsMatchingRecordsAndFilterNotDropsThem() {
        assertThat(run(s -> s.filter((k, v) -> v % 2 == 1), INPUT))
                .containsExactly(KeyValue.pair("a", 1), KeyValue.pair("c", 3));
        assertThat(run(s -> s.filterNot((k, v) -> v % 2 == 1), INPUT)).containsExactly(KeyValue.pair("b", 2));
    }

    @Test
    void mapChangesKeyAndValue() {
        assertThat(run(s -> s.map((k, v) -> KeyValue.pair(k + k, v * 10)), INPUT))
                .containsExactly(KeyValue.pair("aa", 10), KeyValue.pair("bb", 20), KeyValue.pair("cc", 30));
    }

    @Test
    void mapValuesWithAndWithoutKey() {
        assertThat(run(s -> s.mapValues(v -> v + 1), INPUT))
                .containsExactly(KeyValue.pair("a", 2), KeyValue.pair("b", 3), KeyValue.pair("c", 4));
        assertThat(run(s -> s.mapValues((k, v) -> k.equals("b") ? 0 : v), INPUT))
                .containsExactly(KeyValue.pair("a", 1), KeyValue.pair("b", 0), KeyValue.pair("c", 3));
    }

    @Test
    void flatMapAndFlatMapValuesEmitZeroOrMoreRecords() {
        assertThat(run(s -> s.flatMap((k, v) -> v == 2 ? List.of() : List.of(KeyValue.pair(k, v), KeyValue.pair("x", v))),
                INPUT)).containsExactly(KeyValue.pair("a", 1), KeyValue.pair("x", 1), KeyValue.pair("c", 3),
                KeyValue.pair("x", 3));
        assertThat(run(s -> s.flatMapValues(v -> v == 2 ? List.of(v, v) : List.of()), INPUT))
                .containsExactly(KeyValue.pair("b", 2), KeyValue.pair("b", 2));
        assertThat(run(s -> s.flatMapValues((k, v) -> List.of(k.length() + v)), INPUT))
                .containsExactly(KeyValue.pair("a", 2), KeyValue.pair("b", 3), KeyValue.pair("c", 4));
    }

    @Test
    void selectKeyReplacesTheKey() {
        assertThat(run(s -> s.selectKey((k, v) -> "k" + v), INPUT))
                .containsExactly(KeyValue.pair("k1", 1), KeyValue.pair("k2", 2), KeyValue.pair("k3", 3));
    }

    @Test
    void peekAndForeachSeeEveryRecord() {
        List<String> peeked = new ArrayList<>();
        List<String> each = new ArrayList<>();
        assertThat(run(s -> {
            s.foreach((k, v) -> each.add(k + v));
            return s.peek((k, v) -> peeked.add(k + v));
        }, INPUT)).hasSize(3);
        assertThat(peeked).containsExactly("a1", "b2", "c3");
        assertThat(each).containsExactly("a1", "b2", "c3");
    }

    @Test
    void recordsKeepTheirTimestampThroughStatelessOperators() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, I)).mapValues(v -> v * 2).filter((k, v) -> true).to("out",
                Produced.with(S, I));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            d.createInputTopic("in", S.serializer(), I.serializer()).pipeInput("a", 1, 1234L);
            TestRecord<String, Integer> r = d.createOutputTopic("out", S.deserializer(), I.deserializer()).readRecord();
            assertThat(r.timestamp()).isEqualTo(1234L);
            assertThat(r.value()).isEqualTo(2);
        }
    }

    @Test
    void splitSendsEachRecordToTheFirstMatchingBranchOrTheDefault() {
        StreamsBuilder b = new StreamsBuilder();
        Map<String, KStream<String, Integer>> branches = b.stream("in", Consumed.with(S, I))
                .split(Named.as("num-"))
                .branch((k, v) -> v < 2, Branched.as("small"))
                .branch((k, v) -> v < 10, Branched.withFunction(s -> s.mapValues(v -> v * 100)))
                .branch((k, v) -> v == 50, Branched.withConsumer(s -> s.to("fifty", Produced.with(S, I))))
                .defaultBranch(Branched.as("big"));
        assertThat(branches.keySet()).containsExactly("num-small", "num-2", "num-big");
        branches.get("num-small").to("small", Produced.with(S, I));
        branches.get("num-2").to("medium", Produced.with(S, I));
        branches.get("num-big").to("big", Produced.with(S, I));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            d.createInputTopic("in", S.serializer(), I.serializer()).pipeKeyValueList(List.of(KeyValue.pair("a", 1),
                    KeyValue.pair("b", 5), KeyValue.pair("c", 50), KeyValue.pair("d", 500)));
            assertThat(d.createOutputTopic("small", S.deserializer(), I.deserializer()).readValuesToList())
                    .containsExactly(1);
            assertThat(d.createOutputTopic("medium", S.deserializer(), I.deserializer()).readValuesToList())
                    .containsExactly(500);
            assertThat(d.createOutputTopic("fifty", S.deserializer(), I.deserializer()).readValuesToList())
                    .containsExactly(50);
            assertThat(d.createOutputTopic("big", S.deserializer(), I.deserializer()).readValuesToList())
                    .containsExactly(500);
        }
    }

    @Test
    void splitWithoutDefaultBranchDropsUnmatchedRecords() {
        StreamsBuilder b = new StreamsBuilder();
        Map<String, KStream<String, Integer>> branches = b.stream("in", Consumed.with(S, I)).split()
                .branch((k, v) -> v == 1).noDefaultBranch();
        assertThat(branches).hasSize(1);
        branches.values().iterator().next().to("out", Produced.with(S, I));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            d.createInputTopic("in", S.serializer(), I.serializer()).pipeKeyValueList(INPUT);
            assertThat(d.createOutputTopic("out", S.deserializer(), I.deserializer()).readValuesToList())
                    .containsExactly(1);
        }
    }

    @Test
    void mergeInterleavesTwoStreams() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, Integer> one = b.stream("one", Consumed.with(S, I));
        KStream<String, Integer> two = b.stream("two", Consumed.with(S, I));
        one.merge(two.mapValues(v -> -v)).to("out", Produced.with(S, I));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            d.createInputTopic("one", S.serializer(), I.serializer()).pipeInput("a", 1);
            d.createInputTopic("two", S.serializer(), I.serializer()).pipeInput("b", 2);
            assertThat(d.createOutputTopic("out", S.deserializer(), I.deserializer()).readKeyValuesToList())
                    .containsExactly(KeyValue.pair("a", 1), KeyValue.pair("b", -2));
        }
    }

    @Test
    void toWithTopicNameExtractorRoutesPerRecord() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, I)).to((k, v, ctx) -> v % 2 == 0 ? "even" : "odd", Produced.with(S, I));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            d.createInputTopic("in", S.serializer(), I.serializer()).pipeKeyValueList(INPUT);
            assertThat(d.createOutputTopic("even", S.deserializer(), I.deserializer()).readValuesToList())
                    .containsExactly(2);
            assertThat(d.createOutputTopic("odd", S.deserializer(), I.deserializer()).readValuesToList())
                    .containsExactly(1, 3);
        }
    }

    @Test
    void repartitionPassesRecordsThroughANamedInternalTopic() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, I)).selectKey((k, v) -> "k" + v)
                .repartition(Repartitioned.<String, Integer>as("rekeyed").withKeySerde(S).withValueSerde(I))
                .to("out", Produced.with(S, I));
        var topology = b.build();
        assertThat(topology.internalBuilder().internalTopics()).containsKey("rekeyed-repartition");
        try (TopologyTestDriver d = Drivers.cached(topology)) {
            d.createInputTopic("in", S.serializer(), I.serializer()).pipeKeyValueList(INPUT);
            assertThat(d.createOutputTopic("out", S.deserializer(), I.deserializer()).readKeyValuesToList())
                    .containsExactly(KeyValue.pair("k1", 1), KeyValue.pair("k2", 2), KeyValue.pair("k3", 3));
        }
    }

    @Test
    void processRunsAProcessorApiProcessorWithAStore() {
        StreamsBuilder b = new StreamsBuilder();
        b.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("sums"), S, I));
        b.stream("in", Consumed.with(S, I)).process(() -> new ContextualProcessor<String, Integer, String, Integer>() {
            private KeyValueStore<String, Integer> sums;

            @Override
            public void init(ProcessorContext<String, Integer> context) {
                super.init(context);
                sums = context.getStateStore("sums");
            }

            @Override
            public void process(Record<String, Integer> record) {
                Integer old = sums.get("all");
                int sum = (old == null ? 0 : old) + record.value();
                sums.put("all", sum);
                context().forward(record.withKey("all").withValue(sum));
            }
        }, "sums").to("out", Produced.with(S, I));
        assertThat(run2(b)).containsExactly(KeyValue.pair("all", 1), KeyValue.pair("all", 3), KeyValue.pair("all", 6));
    }

    @Test
    void processValuesKeepsTheKey() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(S, I)).processValues(() -> new ContextualFixedKeyProcessor<String, Integer, Integer>() {
            @Override
            public void process(FixedKeyRecord<String, Integer> record) {
                context().forward(record.withValue(record.value() + record.key().length()));
            }
        }).to("out", Produced.with(S, I));
        assertThat(run2(b)).containsExactly(KeyValue.pair("a", 2), KeyValue.pair("b", 3), KeyValue.pair("c", 4));
    }

    private static List<KeyValue<String, Integer>> run2(StreamsBuilder b) {
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<String, Integer> in = d.createInputTopic("in", S.serializer(), I.serializer());
            in.pipeKeyValueList(INPUT);
            TestOutputTopic<String, Integer> out = d.createOutputTopic("out", S.deserializer(), I.deserializer());
            return out.readKeyValuesToList();
        }
    }

    @Test
    void streamOverSeveralTopicsReadsThemAll() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(Arrays.asList("x", "y"), Consumed.with(S, I)).to("out", Produced.with(S, I));
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            d.createInputTopic("x", S.serializer(), I.serializer()).pipeInput("a", 1);
            d.createInputTopic("y", S.serializer(), I.serializer()).pipeInput("b", 2);
            assertThat(d.createOutputTopic("out", S.deserializer(), I.deserializer()).readValuesToList())
                    .containsExactly(1, 2);
        }
    }
}

package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.KryoRegistrations;
import io.eddy.serialization.KryoSerde;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.Topology;
import io.eddy.streams.kstream.internal.Change;
import io.eddy.streams.kstream.internal.ChangeSerde;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Repartition topics written to and read from the log (not handed over in memory), so their serdes are exercised. */
class RepartitionThroughLogTest {
    private static final Serde<String> S = Serdes.String();
    private static final Serde<Long> L = Serdes.Long();

    private static TopologyTestDriver throughLog(Topology t) {
        Properties p = new Properties();
        p.put(StreamsConfig.REPARTITION_THROUGH_LOG_CONFIG, true);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        return new TopologyTestDriver(t, p);
    }

    /**
     * The driver's pipe commits once: what a through-log repartition hands on after that commit is processed, but its
     * output is appended only at the next commit, which advancing the wall clock performs.
     */
    private static void flush(TopologyTestDriver d) {
        d.advanceWallClockTime(java.time.Duration.ofMillis(1));
    }

    @Test
    void tableRegroupingCarriesOldAndNewValuesThroughTheRepartitionTopic() {
        StreamsBuilder b = new StreamsBuilder();
        b.table("users", Consumed.with(S, S)).groupBy((u, r) -> KeyValue.pair(r, u)).count().toStream()
                .to("counts", Produced.with(S, L));
        try (TopologyTestDriver d = throughLog(b.build())) {
            TestInputTopic<String, String> in = d.createInputTopic("users", S.serializer(), S.serializer());
            in.pipeInput("a", "eu");
            in.pipeInput("b", "eu");
            in.pipeInput("a", "us");
            flush(d);
            assertThat(d.createOutputTopic("counts", S.deserializer(), L.deserializer()).readKeyValuesToList())
                    .containsExactly(KeyValue.pair("eu", 1L), KeyValue.pair("eu", 2L), KeyValue.pair("eu", 1L),
                            KeyValue.pair("us", 1L));
        }
    }

    @Test
    void streamRegroupingWithDefaultKryoSerdesRoundTrips() {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("words").groupBy((k, w) -> w).count().toStream().to("counts", Produced.valueSerde(L));
        KryoSerde<Object> kryo = KryoSerde.of(KryoRegistrations.builder().build());
        try (TopologyTestDriver d = throughLog(b.build())) {
            TestInputTopic<Object, Object> in = d.createInputTopic("words", kryo.serializer(), kryo.serializer());
            in.pipeInput("k1", "x");
            in.pipeInput("k2", "x");
            flush(d);
            assertThat(d.createOutputTopic("counts", kryo.deserializer(), L.deserializer()).readValuesToList())
                    .containsExactly(1L, 2L);
        }
    }

    @Test
    void changeSerdeRoundTripsEveryCombinationOfPresentHalves() {
        ChangeSerde<String> serde = new ChangeSerde<>(S);
        for (Change<String> c : java.util.List.of(new Change<>("new", "old"), new Change<>("new", (String) null),
                new Change<>((String) null, "old"), new Change<String>(null, null), new Change<>("", ""))) {
            byte[] bytes = serde.serializer().serialize("t", c);
            assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(c);
        }
    }
}

package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.serialization.KryoRegistrations;
import io.eddy.serialization.KryoSerde;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SerdeDefaultsTest {
    record Order(String customer, int quantity) {
    }

    record Unregistered(String x) {
    }

    private static final KryoRegistrations REGISTRATIONS = KryoRegistrations.builder().register(Order.class, 101)
            .build();

    @Test
    void kryoIsTheDefaultSerdeForTopicsStoresAndRepartitions() {
        StreamsBuilder b = new StreamsBuilder(REGISTRATIONS);
        b.<String, Order>stream("orders")
                .groupBy((id, order) -> order.customer())
                .aggregate(() -> 0, (customer, order, total) -> total + order.quantity(), Materialized.as("totals"))
                .toStream()
                .mapValues((customer, total) -> new Order(customer, total))
                .to("totals-out");
        KryoSerde<Object> kryo = KryoSerde.of(REGISTRATIONS);
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<Object, Object> in = d.createInputTopic("orders", kryo.serializer(), kryo.serializer());
            in.pipeInput("o1", new Order("ann", 2));
            in.pipeInput("o2", new Order("ann", 3));
            assertThat(d.createOutputTopic("totals-out", kryo.deserializer(), kryo.deserializer()).readValuesToList())
                    .containsExactly(new Order("ann", 2), new Order("ann", 5));
            assertThat(d.getKeyValueStore("totals").get("ann")).isEqualTo(5);
        }
    }

    @Test
    void classTokenSerdeForAnUnregisteredClassFailsTheBuildNamingTheClassAndOperator() {
        StreamsBuilder b = new StreamsBuilder(REGISTRATIONS);
        assertThatThrownBy(() -> b.stream("in", Consumed.with(String.class, Unregistered.class)))
                .isInstanceOf(TopologyException.class)
                .hasMessageContaining(Unregistered.class.getName())
                .hasMessageContaining("'in'");
        b.stream("ok", Consumed.with(String.class, Order.class));
        KStream<String, Unregistered> bad = b.stream("bad");
        assertThatThrownBy(() -> bad.groupByKey(Grouped.with(String.class, Unregistered.class)).count())
                .isInstanceOf(TopologyException.class).hasMessageContaining(Unregistered.class.getName());
    }

    @Test
    void defaultKryoSerdeRejectsAnUnregisteredClassAtRunTimeNamingIt() {
        StreamsBuilder b = new StreamsBuilder(REGISTRATIONS);
        b.<String, String>stream("in").mapValues(v -> new Unregistered(v)).to("out");
        KryoSerde<Object> kryo = KryoSerde.of(REGISTRATIONS);
        try (TopologyTestDriver d = Drivers.cached(b.build())) {
            TestInputTopic<Object, Object> in = d.createInputTopic("in", kryo.serializer(), kryo.serializer());
            assertThatThrownBy(() -> in.pipeInput("k", "v")).hasStackTraceContaining(Unregistered.class.getName());
        }
    }

    @Test
    void classTokenSerdesWriteKafkasByteFormats() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(String.class, Long.class))
                .groupByKey(Grouped.with(String.class, Long.class))
                .reduce(Long::sum, Materialized.with(String.class, Long.class))
                .toStream()
                .to("out", Produced.with(String.class, Long.class));
        Serde<String> s = Serdes.String();
        Serde<Long> l = Serdes.Long();
        try (TopologyTestDriver d = Drivers.uncached(b.build())) {
            d.createInputTopic("in", s.serializer(), l.serializer()).pipeInput("k", 41L);
            var out = d.createOutputTopic("out", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer())
                    .readKeyValue();
            assertThat(out.key).isEqualTo(s.serializer().serialize("out", "k"));
            assertThat(out.value).isEqualTo(l.serializer().serialize("out", 41L));
        }
    }

    @Test
    void configuredDefaultSerdesWinOverKryo() {
        Properties p = new Properties();
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName());
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream("in").mapValues(v -> v + "!").to("out");
        try (TopologyTestDriver d = Drivers.cached(b.build(p))) {
            d.createInputTopic("in", Serdes.String().serializer(), Serdes.String().serializer()).pipeInput("k", "v");
            assertThat(d.createOutputTopic("out", Serdes.String().deserializer(), Serdes.String().deserializer())
                    .readValue()).isEqualTo("v!");
        }
    }
}

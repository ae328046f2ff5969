package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueStore;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.Topology;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams' WordCountDemo and a user-per-region count, written as a Kafka Streams user would: only the imports
 * differ from the Kafka Streams original.
 */
class KafkaStreamsStyleAppTest {

    static Topology createTopology() {
        final StreamsBuilder builder = new StreamsBuilder();
        final KStream<String, String> source = builder.stream("streams-plaintext-input",
                Consumed.with(Serdes.String(), Serdes.String()));
        final KTable<String, Long> counts = source
                .flatMapValues(value -> Arrays.asList(value.toLowerCase(Locale.getDefault()).split(" ")))
                .groupBy((key, value) -> value, Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("counts-store"));
        counts.toStream().to("streams-wordcount-output", Produced.with(Serdes.String(), Serdes.Long()));

        final KTable<String, String> userRegions = builder.table("user-regions",
                Consumed.with(Serdes.String(), Serdes.String()));
        userRegions
                .groupBy((user, region) -> KeyValue.pair(region, user), Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.as("users-per-region"))
                .filter((region, count) -> count >= 2)
                .toStream()
                .to("large-regions", Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    @Test
    void runsTheWordCountDemoAndRegionCount() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "streams-wordcount");
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.String().getClass());
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.String().getClass());
        try (TopologyTestDriver driver = new TopologyTestDriver(createTopology(), props)) {
            final TestInputTopic<String, String> input = driver.createInputTopic("streams-plaintext-input",
                    Serdes.String().serializer(), Serdes.String().serializer());
            final TestOutputTopic<String, Long> output = driver.createOutputTopic("streams-wordcount-output",
                    Serdes.String().deserializer(), Serdes.Long().deserializer());
            input.pipeInput("all streams lead to kafka");
            input.pipeInput("hello kafka streams");
            final Map<String, Long> counts = output.readKeyValuesToMap();
            assertThat(counts).containsEntry("kafka", 2L).containsEntry("streams", 2L).containsEntry("hello", 1L)
                    .containsEntry("all", 1L);
            final KeyValueStore<String, Long> store = driver.getKeyValueStore("counts-store");
            assertThat(store.get("lead")).isEqualTo(1L);

            final TestInputTopic<String, String> regions = driver.createInputTopic("user-regions",
                    Serdes.String().serializer(), Serdes.String().serializer());
            final TestOutputTopic<String, Long> large = driver.createOutputTopic("large-regions",
                    Serdes.String().deserializer(), Serdes.Long().deserializer());
            regions.pipeInput("alice", "asia");
            regions.pipeInput("bob", "asia");
            regions.pipeInput("carol", "europe");
            regions.pipeInput("bob", "europe");
            // as in Kafka Streams, an unmaterialized filter without old values turns every failing update into a
            // tombstone, since the key may have had a row
            assertThat(large.readKeyValuesToList()).containsExactly(KeyValue.pair("asia", null),
                    KeyValue.pair("asia", 2L), KeyValue.pair("europe", null), KeyValue.pair("asia", null),
                    KeyValue.pair("europe", 2L));
        }
    }
}

package io.eddy.streams.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopologyTestDriverTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void countsWordsAcrossAnInMemoryRepartition(boolean persistent) {
        try (TopologyTestDriver driver = new TopologyTestDriver(WordCountTopologies.wordCount(persistent))) {
            TestInputTopic<String, String> in = driver.createInputTopic("text", Serdes.String().serializer(),
                    Serdes.String().serializer());
            TestOutputTopic<String, Long> out = driver.createOutputTopic("word-counts",
                    Serdes.String().deserializer(), Serdes.Long().deserializer());
            in.pipeInput("a b a");
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("b", 1L),
                    KeyValue.pair("a", 2L));
            in.pipeInput("b");
            assertThat(out.readKeyValue()).isEqualTo(KeyValue.pair("b", 2L));
            assertThat(out.isEmpty()).isTrue();
            KeyValueStore<String, Long> store = driver.getKeyValueStore("counts");
            assertThat(store.get("a")).isEqualTo(2L);
            assertThat(driver.producedTopicNames()).contains("word-counts", "topology-test-driver-counts-changelog");
        }
    }

    @Test
    void rejectsPipingIntoATopicTheTopologyDoesNotRead() {
        try (TopologyTestDriver driver = new TopologyTestDriver(WordCountTopologies.wordCount(false))) {
            assertThatThrownBy(() -> driver.createInputTopic("nope", Serdes.String().serializer(),
                    Serdes.String().serializer())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nope");
        }
    }

    @ParameterizedTest(name = "repartition through the log: {0}")
    @ValueSource(booleans = {false, true})
    void readsEveryOutputRecordUnderExactlyOnceSkippingTransactionMarkers(boolean throughLog) {
        java.util.Properties p = new java.util.Properties();
        p.put(io.eddy.streams.StreamsConfig.PROCESSING_GUARANTEE_CONFIG, io.eddy.streams.StreamsConfig.EXACTLY_ONCE);
        p.put(io.eddy.streams.StreamsConfig.REPARTITION_THROUGH_LOG_CONFIG, throughLog);
        try (TopologyTestDriver driver = new TopologyTestDriver(WordCountTopologies.wordCount(false), p)) {
            TestInputTopic<String, String> in = driver.createInputTopic("text", Serdes.String().serializer(),
                    Serdes.String().serializer());
            TestOutputTopic<String, Long> out = driver.createOutputTopic("word-counts",
                    Serdes.String().deserializer(), Serdes.Long().deserializer());
            in.pipeInput("a b");
            in.pipeInput("a");
            assertThat(out.getQueueSize()).isEqualTo(3);
            assertThat(out.readKeyValuesToList()).containsExactly(KeyValue.pair("a", 1L), KeyValue.pair("b", 1L),
                    KeyValue.pair("a", 2L));
            assertThat(out.isEmpty()).isTrue();
        }
    }
}

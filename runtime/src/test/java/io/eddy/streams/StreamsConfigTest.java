package io.eddy.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.serialization.Serdes;
import io.eddy.streams.errors.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamsConfigTest {

    @Test
    void defaultsFollowKafkaStreamsAndTheDataDirectoryLayout() {
        StreamsConfig c = new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app"));
        assertThat(c.getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(30_000);
        assertThat(c.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isEqualTo(10L * 1024 * 1024);
        assertThat(c.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(1);
        assertThat(c.logDir()).isEqualTo(Path.of("eddy-data", "log"));
        assertThat(c.stateDir()).isEqualTo(Path.of("eddy-data", "state"));
    }

    @Test
    void logAndStateDirectoriesCanBeOverriddenSeparately() {
        StreamsConfig c = new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app",
                StreamsConfig.DATA_DIR_CONFIG, "/d", StreamsConfig.STATE_DIR_CONFIG, "/s"));
        assertThat(c.logDir()).isEqualTo(Path.of("/d/log"));
        assertThat(c.stateDir()).isEqualTo(Path.of("/s"));
    }

    @Test
    void missingApplicationIdIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> new StreamsConfig(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("application.id");
    }

    @Test
    void unknownKeysAreRejectedNamingTheKey() {
        assertThatThrownBy(() -> new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app",
                "comit.interval.ms", "10"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("comit.interval.ms").hasMessageContaining("unknown");
    }

    @Test
    void invalidValuesAreRejectedNamingKeyAndValue() {
        assertThatThrownBy(() -> new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app",
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, "zero"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("num.stream.threads").hasMessageContaining("zero");
        assertThatThrownBy(() -> new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app",
                StreamsConfig.NUM_STREAM_THREADS_CONFIG, 0))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("num.stream.threads");
        assertThatThrownBy(() -> new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app",
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "at_most_once"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("processing.guarantee").hasMessageContaining("at_most_once");
        assertThatThrownBy(() -> new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "my app")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("application.id");
        assertThatThrownBy(() -> new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app",
                StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, "com.example.NoSuchSerde")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("default.key.serde")
                .hasMessageContaining("class not found");
    }

    @Test
    void kafkaClientKeysAreAcceptedAndIgnoredSoAPortedAppStarts() {
        StreamsConfig c = new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app",
                "bootstrap.servers", "localhost:9092", "replication.factor", "3", "num.standby.replicas", "1",
                "producer.linger.ms", "5", "consumer.max.poll.records", "100"));
        assertThat(c.applicationId()).isEqualTo("app");
    }

    @Test
    void serdeClassNamesAreInstantiatedAtConstruction() {
        StreamsConfig c = new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app",
                StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class.getName(),
                StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.LongSerde.class));
        assertThat(c.defaultKeySerde()).isInstanceOf(Serdes.StringSerde.class);
        assertThat(c.defaultValueSerde()).isInstanceOf(Serdes.LongSerde.class);
    }

    @Test
    void kafkaStreamsOlderCacheKeyIsTheSameSetting() {
        StreamsConfig c = new StreamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "app",
                StreamsConfig.CACHE_MAX_BYTES_BUFFERING_CONFIG, "0"));
        assertThat(c.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isZero();
    }
}

package io.eddy.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StringEncodingConfigTest {

    @Test
    void defaultEncodingIsUtf8() {
        assertThat(new StringSerializer().encoding()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(new StringDeserializer().encoding()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void genericSerializerEncodingKeyAppliesToKeysAndValues() {
        StringSerializer serializer = new StringSerializer();

        serializer.configure(Map.of("serializer.encoding", "UTF-16BE"), true);

        assertThat(serializer.serialize("t", "é")).containsExactly(0x00, 0xE9);
    }

    @Test
    void keySpecificEncodingWinsOverGenericForKeys() {
        StringSerializer serializer = new StringSerializer();

        serializer.configure(Map.of("key.serializer.encoding", "ISO-8859-1", "serializer.encoding", "UTF-16BE"), true);

        assertThat(serializer.encoding()).isEqualTo(StandardCharsets.ISO_8859_1);
    }

    @Test
    void valueSpecificEncodingIsIgnoredForKeys() {
        StringDeserializer deserializer = new StringDeserializer();

        deserializer.configure(Map.of("value.deserializer.encoding", "ISO-8859-1"), true);

        assertThat(deserializer.encoding()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void serdeConfigureReachesBothHalves() {
        Serde<String> serde = Serdes.String();

        serde.configure(Map.of("value.serializer.encoding", "ISO-8859-1",
                "value.deserializer.encoding", "ISO-8859-1"), false);

        byte[] bytes = serde.serializer().serialize("t", "é");
        assertThat(bytes).containsExactly(0xE9);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo("é");
    }

    @Test
    void configuringOneStringSerdeLeavesOthersOnUtf8() {
        Serdes.String().configure(Map.of("serializer.encoding", "UTF-16"), false);

        assertThat(Serdes.String().serializer().serialize("t", "é")).containsExactly(0xC3, 0xA9);
    }

    @Test
    void charsetObjectIsAcceptedAsEncodingValue() {
        StringSerializer serializer = new StringSerializer();

        serializer.configure(Map.of("serializer.encoding", StandardCharsets.UTF_16LE), false);

        assertThat(serializer.encoding()).isEqualTo(StandardCharsets.UTF_16LE);
    }

    @Test
    void unsupportedEncodingIsRejectedNamingKeyAndValue() {
        assertThatThrownBy(() -> new StringSerializer().configure(Map.of("serializer.encoding", "EBCDIC-42"), false))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("EBCDIC-42")
                .hasMessageContaining("serializer.encoding");
    }

    @Test
    void uuidSerdeHonoursEncodingConfig() {
        Serde<UUID> serde = Serdes.UUID();
        serde.configure(Map.of("serializer.encoding", "UTF-16BE", "deserializer.encoding", "UTF-16BE"), false);
        UUID uuid = UUID.randomUUID();

        byte[] bytes = serde.serializer().serialize("t", uuid);

        assertThat(bytes).hasSize(72);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(uuid);
    }
}

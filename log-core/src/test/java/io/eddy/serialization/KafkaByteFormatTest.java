package io.eddy.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pins the exact bytes of each built-in serde to the bytes Kafka's serializers produce for the same value. */
class KafkaByteFormatTest {
    private static final String TOPIC = "t";

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @Test
    void longIsEightBytesBigEndian() {
        assertThat(Serdes.Long().serializer().serialize(TOPIC, 1L)).isEqualTo(hex("00 00 00 00 00 00 00 01"));
        assertThat(Serdes.Long().serializer().serialize(TOPIC, -2L)).isEqualTo(hex("FF FF FF FF FF FF FF FE"));
        assertThat(Serdes.Long().serializer().serialize(TOPIC, Long.MIN_VALUE))
                .isEqualTo(hex("80 00 00 00 00 00 00 00"));
        assertThat(Serdes.Long().serializer().serialize(TOPIC, 0x0102030405060708L))
                .isEqualTo(hex("01 02 03 04 05 06 07 08"));
    }

    @Test
    void integerIsFourBytesBigEndian() {
        assertThat(Serdes.Integer().serializer().serialize(TOPIC, 1)).isEqualTo(hex("00 00 00 01"));
        assertThat(Serdes.Integer().serializer().serialize(TOPIC, -1)).isEqualTo(hex("FF FF FF FF"));
        assertThat(Serdes.Integer().serializer().serialize(TOPIC, 0x12345678)).isEqualTo(hex("12 34 56 78"));
        assertThat(Serdes.Integer().deserializer().deserialize(TOPIC, hex("80 00 00 00")))
                .isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void shortIsTwoBytesBigEndian() {
        assertThat(Serdes.Short().serializer().serialize(TOPIC, (short) 0x1234)).isEqualTo(hex("12 34"));
        assertThat(Serdes.Short().serializer().serialize(TOPIC, (short) -1)).isEqualTo(hex("FF FF"));
        assertThat(Serdes.Short().deserializer().deserialize(TOPIC, hex("80 00"))).isEqualTo(Short.MIN_VALUE);
    }

    @Test
    void floatIsItsIeeeBitsBigEndian() {
        assertThat(Serdes.Float().serializer().serialize(TOPIC, 1.0f)).isEqualTo(hex("3F 80 00 00"));
        assertThat(Serdes.Float().serializer().serialize(TOPIC, -2.5f)).isEqualTo(hex("C0 20 00 00"));
        assertThat(Serdes.Float().serializer().serialize(TOPIC, Float.NaN)).isEqualTo(hex("7F C0 00 00"));
    }

    @Test
    void doubleIsItsIeeeBitsBigEndianWithCanonicalNaN() {
        assertThat(Serdes.Double().serializer().serialize(TOPIC, 1.0)).isEqualTo(hex("3F F0 00 00 00 00 00 00"));
        assertThat(Serdes.Double().serializer().serialize(TOPIC, -2.0)).isEqualTo(hex("C0 00 00 00 00 00 00 00"));
        double nonCanonicalNaN = Double.longBitsToDouble(0x7FF0000000000001L);
        assertThat(Serdes.Double().serializer().serialize(TOPIC, nonCanonicalNaN))
                .isEqualTo(hex("7F F8 00 00 00 00 00 00"));
    }

    @Test
    void booleanIsOneByteOneOrZero() {
        assertThat(Serdes.Boolean().serializer().serialize(TOPIC, true)).isEqualTo(hex("01"));
        assertThat(Serdes.Boolean().serializer().serialize(TOPIC, false)).isEqualTo(hex("00"));
    }

    @Test
    void stringIsUtf8() {
        assertThat(Serdes.String().serializer().serialize(TOPIC, "héllo")).isEqualTo(hex("68 C3 A9 6C 6C 6F"));
        assertThat(Serdes.String().serializer().serialize(TOPIC, "")).isEmpty();
        assertThat(Serdes.String().deserializer().deserialize(TOPIC, hex("E2 82 AC"))).isEqualTo("€");
    }

    @Test
    void uuidIsItsCanonicalStringInUtf8() {
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

        byte[] bytes = Serdes.UUID().serializer().serialize(TOPIC, uuid);

        assertThat(bytes).hasSize(36)
                .isEqualTo("123e4567-e89b-12d3-a456-426614174000".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void voidIsAlwaysNull() {
        assertThat(Serdes.Void().serializer().serialize(TOPIC, null)).isNull();
    }

    @Test
    void bytesAndByteArrayAreTheBytesThemselves() {
        byte[] data = hex("00 FF 10");

        assertThat(Serdes.Bytes().serializer().serialize(TOPIC, Bytes.wrap(data))).isEqualTo(hex("00 FF 10"));
        assertThat(Serdes.ByteArray().serializer().serialize(TOPIC, data)).isEqualTo(hex("00 FF 10"));
    }
}

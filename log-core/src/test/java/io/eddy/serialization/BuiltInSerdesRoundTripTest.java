package io.eddy.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltInSerdesRoundTripTest {
    private static final String TOPIC = "round-trip";

    static Stream<Arguments> valuesOfEverySerde() {
        return Stream.of(
                cases("String", Serdes.String(),
                        List.of("", "a", "héllo", "日本語", "emoji \uD83D\uDE00", "x".repeat(10_000))),
                cases("Long", Serdes.Long(),
                        List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x0102030405060708L)),
                cases("Integer", Serdes.Integer(),
                        List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x01020304)),
                cases("Short", Serdes.Short(), List.of((short) 0, (short) -1, Short.MIN_VALUE, Short.MAX_VALUE)),
                cases("Float", Serdes.Float(), List.of(0.0f, -0.0f, 1.5f, Float.NaN, Float.MIN_VALUE,
                        Float.MAX_VALUE, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY)),
                cases("Double", Serdes.Double(), List.of(0.0, -0.0, Math.PI, Double.NaN, Double.MIN_VALUE,
                        Double.MAX_VALUE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)),
                cases("Boolean", Serdes.Boolean(), List.of(true, false)),
                cases("UUID", Serdes.UUID(), List.of(new UUID(0, 0), new UUID(-1, -1), UUID.randomUUID())),
                cases("Bytes", Serdes.Bytes(),
                        List.of(Bytes.wrap(new byte[0]), Bytes.wrap(new byte[] {0, (byte) 0xFF, 7}))))
                .flatMap(s -> s);
    }

    private static <T> Stream<Arguments> cases(String name, Serde<T> serde, List<T> values) {
        return values.stream().map(v -> Arguments.of(name, serde, v));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("valuesOfEverySerde")
    <T> void everyValueReadsBackEqual(String name, Serde<T> serde, T value) {
        byte[] bytes = serde.serializer().serialize(TOPIC, value);

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(value);
    }

    static List<Serde<?>> everySerde() {
        return List.of(Serdes.String(), Serdes.Long(), Serdes.Integer(), Serdes.Short(), Serdes.Float(),
                Serdes.Double(), Serdes.Boolean(), Serdes.ByteArray(), Serdes.ByteBuffer(), Serdes.Bytes(),
                Serdes.UUID(), Serdes.Void());
    }

    @ParameterizedTest
    @MethodSource("everySerde")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void nullSerializesToNullAndBack(Serde serde) {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void negativeZeroKeepsItsSign() {
        byte[] bytes = Serdes.Double().serializer().serialize(TOPIC, -0.0);

        assertThat(Double.doubleToRawLongBits(Serdes.Double().deserializer().deserialize(TOPIC, bytes)))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void byteArrayPassesThroughWithoutCopying() {
        byte[] data = {1, 2, 3};

        assertThat(Serdes.ByteArray().serializer().serialize(TOPIC, data)).isSameAs(data);
        assertThat(Serdes.ByteArray().deserializer().deserialize(TOPIC, data)).isSameAs(data);
        assertThat(Serdes.ByteArray().serializer().serialize(TOPIC, new byte[0])).isEmpty();
    }

    @Test
    void byteBufferReadsBackAsBufferOverTheSameBytes() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 8, 7});

        byte[] bytes = Serdes.ByteBuffer().serializer().serialize(TOPIC, buffer);
        ByteBuffer back = Serdes.ByteBuffer().deserializer().deserialize(TOPIC, bytes);

        assertThat(back).isEqualTo(ByteBuffer.wrap(new byte[] {9, 8, 7}));
        assertThat(back.position()).isZero();
    }
}

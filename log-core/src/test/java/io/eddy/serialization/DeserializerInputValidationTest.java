package io.eddy.serialization;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeserializerInputValidationTest {

    static Stream<Arguments> fixedWidthDeserializers() {
        return Stream.of(
                Arguments.of("Long", new LongDeserializer(), 8),
                Arguments.of("Integer", new IntegerDeserializer(), 4),
                Arguments.of("Short", new ShortDeserializer(), 2),
                Arguments.of("Float", new FloatDeserializer(), 4),
                Arguments.of("Double", new DoubleDeserializer(), 8),
                Arguments.of("Boolean", new BooleanDeserializer(), 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedWidthDeserializers")
    void tooShortInputIsRejectedNamingTypeTopicAndBothLengths(String type, Deserializer<?> deserializer, int size) {
        assertThatThrownBy(() -> deserializer.deserialize("orders", new byte[size - 1]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(type)
                .hasMessageContaining("orders")
                .hasMessageContaining("expected " + size + " byte")
                .hasMessageContaining("got " + (size - 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedWidthDeserializers")
    void tooLongInputIsRejectedNamingBothLengths(String type, Deserializer<?> deserializer, int size) {
        assertThatThrownBy(() -> deserializer.deserialize("orders", new byte[size + 3]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(type)
                .hasMessageContaining("expected " + size + " byte")
                .hasMessageContaining("got " + (size + 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixedWidthDeserializers")
    void emptyInputIsRejected(String type, Deserializer<?> deserializer, int size) {
        assertThatThrownBy(() -> deserializer.deserialize("orders", new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("got 0");
    }

    @Test
    void booleanRejectsBytesOtherThanZeroAndOne() {
        assertThatThrownBy(() -> new BooleanDeserializer().deserialize("flags", new byte[] {(byte) 0x80}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("flags")
                .hasMessageContaining("0x80");
    }

    @Test
    void voidRejectsAnyNonNullDataEvenEmpty() {
        assertThatThrownBy(() -> new VoidDeserializer().deserialize("nothing", new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Void")
                .hasMessageContaining("nothing")
                .hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> new VoidDeserializer().deserialize("nothing", new byte[] {1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("1 byte");
    }

    @Test
    void uuidRejectsTextThatIsNotAUuidNamingTheText() {
        byte[] data = "not-a-uuid-at-all-but-36-characters!".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new UUIDDeserializer().deserialize("ids", data))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("ids")
                .hasMessageContaining("not-a-uuid-at-all-but-36-characters!");
    }

    @Test
    void uuidRejectsNonCanonicalShortFormsThatUuidFromStringWouldAccept() {
        byte[] data = "1-2-3-4-5".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new UUIDDeserializer().deserialize("ids", data))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("expected 36 characters but got 9");
    }
}

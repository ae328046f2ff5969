package io.eddy.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BytesTest {

    private static Bytes b(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return Bytes.wrap(bytes);
    }

    @Test
    void bytesCompareAsUnsignedSo0x7FSortsBefore0x80() {
        assertThat(b(0x7F)).isLessThan(b(0x80));
        assertThat(b(0x00)).isLessThan(b(0xFF));
        assertThat(Bytes.BYTES_LEXICO_COMPARATOR.compare(new byte[] {0x7F}, new byte[] {(byte) 0x80})).isNegative();
    }

    @Test
    void properPrefixSortsFirst() {
        assertThat(b()).isLessThan(b(0x00));
        assertThat(b(1, 2)).isLessThan(b(1, 2, 0));
        assertThat(b(1, 2, 0xFF)).isLessThan(b(1, 3));
    }

    @Test
    void sortingMixesPrefixesAndHighBytesInLexicographicOrder() {
        List<Bytes> keys = new ArrayList<>(List.of(b(0x80), b(0x7F, 0xFF), b(0x7F), b(), b(0x80, 0x00)));

        Collections.sort(keys);

        assertThat(keys).containsExactly(b(), b(0x7F), b(0x7F, 0xFF), b(0x80), b(0x80, 0x00));
    }

    @Test
    void equalContentMeansEqualAndSameHash() {
        assertThat(b(1, 2, 3)).isEqualTo(b(1, 2, 3)).hasSameHashCodeAs(b(1, 2, 3));
        assertThat(b(1, 2, 3)).isNotEqualTo(b(1, 2));
        assertThat(b(1, 2, 3).compareTo(b(1, 2, 3))).isZero();
    }

    @Test
    void prefixUpperBoundIncrementsTheLastByte() {
        assertThat(b(1, 2, 3).prefixUpperBound()).isEqualTo(b(1, 2, 4));
        assertThat(b(0x7F).prefixUpperBound()).isEqualTo(b(0x80));
    }

    @Test
    void prefixUpperBoundDropsTrailing0xFFBytesAndCarries() {
        assertThat(b(1, 0xFF, 0xFF).prefixUpperBound()).isEqualTo(b(2));
        assertThat(b(1, 0xFE, 0xFF).prefixUpperBound()).isEqualTo(b(1, 0xFF));
    }

    @Test
    void prefixUpperBoundIsNullWhenEveryByteIs0xFFOrKeyIsEmpty() {
        assertThat(b(0xFF, 0xFF).prefixUpperBound()).isNull();
        assertThat(b().prefixUpperBound()).isNull();
    }

    @Test
    void prefixUpperBoundIsGreaterThanEveryKeyWithThePrefixAndNoLargerThanTheNextPrefix() {
        Bytes prefix = b(0x10, 0xFF);
        Bytes bound = prefix.prefixUpperBound();

        assertThat(List.of(prefix, b(0x10, 0xFF, 0x00), b(0x10, 0xFF, 0xFF, 0xFF))).allSatisfy(
                k -> assertThat(k).isLessThan(bound));
        assertThat(bound).isEqualTo(b(0x11));
    }

    @Test
    void prefixUpperBoundLeavesTheKeyUnchanged() {
        Bytes key = b(1, 2);

        key.prefixUpperBound();

        assertThat(key.get()).containsExactly(1, 2);
    }

    @Test
    void wrapOfNullIsNullButConstructorRejectsNull() {
        assertThat(Bytes.wrap(null)).isNull();
        assertThatThrownBy(() -> new Bytes(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringShowsPrintableBytesAndEscapesTheRest() {
        assertThat(b('a', 'b', 0x00, 0xFF).toString()).isEqualTo("ab\\x00\\xFF");
    }
}

package io.eddy.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ByteBufferSerializerTest {
    private final ByteBufferSerializer serializer = new ByteBufferSerializer();

    @Test
    void wrappedArrayIsReturnedWithoutCopy() {
        byte[] array = {1, 2, 3};

        assertThat(serializer.serialize("t", ByteBuffer.wrap(array))).isSameAs(array);
    }

    @Test
    void onlyTheBytesBetweenPositionAndLimitAreWritten() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5});
        buffer.position(1).limit(4);

        assertThat(serializer.serialize("t", buffer)).containsExactly(2, 3, 4);
    }

    @Test
    void bufferPositionAndLimitAreLeftUntouched() {
        ByteBuffer buffer = ByteBuffer.allocate(8).put(new byte[] {7, 8, 9}).flip();

        byte[] bytes = serializer.serialize("t", buffer);

        assertThat(bytes).containsExactly(7, 8, 9);
        assertThat(buffer.position()).isZero();
        assertThat(buffer.limit()).isEqualTo(3);
    }

    @Test
    void slicedDirectAndReadOnlyBuffersAreCopied() {
        ByteBuffer slice = ByteBuffer.wrap(new byte[] {0, 1, 2, 3}, 1, 2).slice();
        ByteBuffer direct = ByteBuffer.allocateDirect(2).put(new byte[] {5, 6}).flip();
        ByteBuffer readOnly = ByteBuffer.wrap(new byte[] {9}).asReadOnlyBuffer();

        assertThat(serializer.serialize("t", slice)).containsExactly(1, 2);
        assertThat(serializer.serialize("t", direct)).containsExactly(5, 6);
        assertThat(serializer.serialize("t", readOnly)).containsExactly(9);
    }
}

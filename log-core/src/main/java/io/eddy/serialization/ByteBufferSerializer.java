package io.eddy.serialization;

import java.nio.ByteBuffer;

/**
 * Encodes the remaining bytes of a {@link ByteBuffer}: those from its position to its limit. The buffer's position,
 * limit and mark are left untouched. The bytes written are the buffer's bytes verbatim, as with Kafka's
 * {@code ByteBufferSerializer}; but where Kafka (after reverting KAFKA-4852) rewinds the buffer to position 0 and so
 * ignores its position, this serializer honours it. For a buffer at position 0 (for example a flipped or freshly
 * wrapped one) both produce the same bytes.
 *
 * <p>When the buffer is a heap buffer whose backing array holds exactly its remaining bytes, that array is returned
 * without a copy, so the caller must not modify the buffer afterwards; otherwise the bytes are copied.
 *
 * <p>Stateless and thread-safe; it only reads the buffer, so even a shared buffer may be serialized
 * concurrently. {@code null} serializes to {@code null}.
 */
public final class ByteBufferSerializer implements Serializer<ByteBuffer> {

    /** Creates the serializer; it has no configuration. */
    public ByteBufferSerializer() {
    }

    /** @return the bytes between position and limit, or {@code null} when {@code data} is null */
    @Override
    public byte[] serialize(String topic, ByteBuffer data) {
        if (data == null) {
            return null;
        }
        int remaining = data.remaining();
        if (data.hasArray() && data.arrayOffset() == 0 && data.position() == 0 && data.array().length == remaining) {
            return data.array();
        }
        byte[] out = new byte[remaining];
        data.get(data.position(), out);
        return out;
    }
}

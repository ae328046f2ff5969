package io.eddy.serialization;

import java.nio.ByteBuffer;

/**
 * Wraps the bytes in a heap {@link ByteBuffer} (no copy) positioned at 0 with its limit at the end; byte-compatible
 * with Kafka's {@code ByteBufferDeserializer}.
 *
 * <p>Stateless and thread-safe. {@code null} deserializes to {@code null}.
 */
public final class ByteBufferDeserializer implements Deserializer<ByteBuffer> {

    /** Creates the deserializer; it has no configuration. */
    public ByteBufferDeserializer() {
    }

    /** @return a buffer over {@code data}, or {@code null} when {@code data} is null */
    @Override
    public ByteBuffer deserialize(String topic, byte[] data) {
        return data == null ? null : ByteBuffer.wrap(data);
    }
}

package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Deserializer;
import io.eddy.serialization.Serde;
import io.eddy.serialization.SerializationException;
import io.eddy.serialization.Serializer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Serializes a {@link SubscriptionResponseWrapper} (a foreign-key join's response topic value) with the right value's
 * serde. This class owns the layout:
 *
 * <pre>
 *  0         1                        17                 18
 *  +---------+------------------------+------------------+----------------------+
 *  | version | value hash (16 bytes)  | flags: bit 0 =   | right value bytes    |
 *  | (1)     |                        | value present    | (when present)       |
 *  +---------+------------------------+------------------+----------------------+
 * </pre>
 *
 * @param <VO> the right value type
 */
final class SubscriptionResponseWrapperSerde<VO> implements Serde<SubscriptionResponseWrapper<VO>> {
    /** The only layout version written and read. */
    static final byte VERSION = 1;
    private static final int FLAGS_OFFSET = 1 + LeftValueHasher.LENGTH;
    private static final int HEADER_LENGTH = FLAGS_OFFSET + 1;
    private static final byte VALUE_PRESENT = 1;

    private final Serde<VO> foreignValueSerde;
    private final Serializer<SubscriptionResponseWrapper<VO>> serializer = this::serialize;
    private final Deserializer<SubscriptionResponseWrapper<VO>> deserializer = this::deserialize;

    /** @param foreignValueSerde the right value serde (resolved: not null) */
    SubscriptionResponseWrapperSerde(Serde<VO> foreignValueSerde) {
        this.foreignValueSerde = Objects.requireNonNull(foreignValueSerde, "foreignValueSerde");
    }

    @Override
    public Serializer<SubscriptionResponseWrapper<VO>> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<SubscriptionResponseWrapper<VO>> deserializer() {
        return deserializer;
    }

    private byte[] serialize(String topic, SubscriptionResponseWrapper<VO> w) {
        if (w == null) {
            return null;
        }
        byte[] value = w.foreignValue() == null ? null
                : foreignValueSerde.serializer().serialize(topic, w.foreignValue());
        ByteBuffer buf = ByteBuffer.allocate(HEADER_LENGTH + (value == null ? 0 : value.length));
        buf.put(VERSION).put(w.valueHash()).put(value == null ? 0 : VALUE_PRESENT);
        if (value != null) {
            buf.put(value);
        }
        return buf.array();
    }

    private SubscriptionResponseWrapper<VO> deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < HEADER_LENGTH) {
            throw new SerializationException("a subscription response from topic " + topic + " has " + data.length
                    + " bytes, fewer than its " + HEADER_LENGTH + "-byte header");
        }
        if (data[0] != VERSION) {
            throw new SerializationException("a subscription response from topic " + topic + " has layout version "
                    + data[0] + ", but this version of Eddy reads version " + VERSION + " only");
        }
        byte[] hash = Arrays.copyOfRange(data, 1, FLAGS_OFFSET);
        VO value = (data[FLAGS_OFFSET] & VALUE_PRESENT) == 0 ? null : foreignValueSerde.deserializer()
                .deserialize(topic, Arrays.copyOfRange(data, HEADER_LENGTH, data.length));
        return new SubscriptionResponseWrapper<>(hash, value);
    }
}

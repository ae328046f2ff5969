package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
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
final class SubscriptionResponseWrapperSerde<VO> extends LayoutSerde<SubscriptionResponseWrapper<VO>> {
    /** The only layout version written and read. */
    static final byte VERSION = 1;
    private static final int FLAGS_OFFSET = 1 + LeftValueHasher.LENGTH;
    private static final int HEADER_LENGTH = FLAGS_OFFSET + 1;
    private static final byte VALUE_PRESENT = 1;

    private final Serde<VO> foreignValueSerde;

    /** @param foreignValueSerde the right value serde (resolved: not null) */
    SubscriptionResponseWrapperSerde(Serde<VO> foreignValueSerde) {
        super("a subscription response", HEADER_LENGTH, VERSION);
        this.foreignValueSerde = Objects.requireNonNull(foreignValueSerde, "foreignValueSerde");
    }

    @Override
    byte[] encode(String topic, SubscriptionResponseWrapper<VO> w) {
        byte[] value = w.foreignValue() == null ? null
                : foreignValueSerde.serializer().serialize(topic, w.foreignValue());
        ByteBuffer buf = ByteBuffer.allocate(HEADER_LENGTH + (value == null ? 0 : value.length));
        buf.put(VERSION).put(w.valueHash()).put(value == null ? 0 : VALUE_PRESENT);
        if (value != null) {
            buf.put(value);
        }
        return buf.array();
    }

    @Override
    SubscriptionResponseWrapper<VO> decode(String topic, byte[] data) {
        byte[] hash = Arrays.copyOfRange(data, 1, FLAGS_OFFSET);
        VO value = (data[FLAGS_OFFSET] & VALUE_PRESENT) == 0 ? null : foreignValueSerde.deserializer()
                .deserialize(topic, Arrays.copyOfRange(data, HEADER_LENGTH, data.length));
        return new SubscriptionResponseWrapper<>(hash, value);
    }
}

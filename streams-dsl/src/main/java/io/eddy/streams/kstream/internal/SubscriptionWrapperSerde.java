package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.serialization.SerializationException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Serializes a {@link SubscriptionWrapper} (a foreign-key join's subscription topic value) with the left key's serde.
 * This class owns the layout:
 *
 * <pre>
 *  0         1             2                       2 or 18
 *  +---------+-------------+-----------------------+---------------------+
 *  | version | instruction | value hash (16 bytes, | primary key bytes   |
 *  | (1)     | (0 sub,     | subscriptions only)   |                     |
 *  |         |  1 unsub)   |                       |                     |
 *  +---------+-------------+-----------------------+---------------------+
 * </pre>
 *
 * @param <K> the left key type
 */
final class SubscriptionWrapperSerde<K> extends LayoutSerde<SubscriptionWrapper<K>> {
    /** The only layout version written and read. */
    static final byte VERSION = 1;
    private static final int HEADER_LENGTH = 2;
    private static final byte SUBSCRIBE = 0;
    private static final byte UNSUBSCRIBE = 1;

    private final Serde<K> primaryKeySerde;

    /** @param primaryKeySerde the left key serde (resolved: not null) */
    SubscriptionWrapperSerde(Serde<K> primaryKeySerde) {
        super("a subscription", HEADER_LENGTH, VERSION);
        this.primaryKeySerde = Objects.requireNonNull(primaryKeySerde, "primaryKeySerde");
    }

    @Override
    byte[] encode(String topic, SubscriptionWrapper<K> w) {
        byte[] pk = primaryKeySerde.serializer().serialize(topic, w.primaryKey());
        if (pk == null) {
            throw new SerializationException("the primary key serde wrote null for key " + w.primaryKey()
                    + " of a subscription to topic " + topic);
        }
        boolean subscribe = w.instruction() == SubscriptionWrapper.Instruction.SUBSCRIBE;
        ByteBuffer buf = ByteBuffer.allocate(HEADER_LENGTH + (subscribe ? LeftValueHasher.LENGTH : 0) + pk.length);
        buf.put(VERSION).put(subscribe ? SUBSCRIBE : UNSUBSCRIBE);
        if (subscribe) {
            buf.put(w.valueHash());
        }
        return buf.put(pk).array();
    }

    @Override
    SubscriptionWrapper<K> decode(String topic, byte[] data) {
        byte instruction = data[1];
        if (instruction != SUBSCRIBE && instruction != UNSUBSCRIBE) {
            throw malformed(topic, "has unknown instruction " + instruction);
        }
        int pkOffset = HEADER_LENGTH + (instruction == SUBSCRIBE ? LeftValueHasher.LENGTH : 0);
        if (data.length < pkOffset) {
            throw malformed(topic, "has " + data.length + " bytes, too few for its value hash");
        }
        K pk = primaryKeySerde.deserializer().deserialize(topic, Arrays.copyOfRange(data, pkOffset, data.length));
        return instruction == SUBSCRIBE
                ? SubscriptionWrapper.subscribe(Arrays.copyOfRange(data, HEADER_LENGTH, pkOffset), pk)
                : SubscriptionWrapper.unsubscribe(pk);
    }
}

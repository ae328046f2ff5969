package io.eddy.state.internal;

import io.eddy.serialization.Deserializer;
import io.eddy.serialization.SerializationException;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serializer;
import io.eddy.state.ValueAndTimestamp;
import java.util.Arrays;
import java.util.Objects;

/**
 * Owns the byte layout of timestamped values in local stores (the same as Kafka Streams') and serializes
 * {@link ValueAndTimestamp} with it:
 *
 * <pre>
 *  0                   8                                  n
 *  +-------------------+----------------------------------+
 *  | timestamp (int64, | value bytes of the inner serde   |
 *  |  big-endian)      | (n - 8 bytes)                    |
 *  +-------------------+----------------------------------+
 * </pre>
 *
 * A null {@code ValueAndTimestamp} is null bytes. Changelog records carry only the value bytes, with the timestamp as
 * the record timestamp; {@link #rawValue} and {@link #withTimestamp} convert between the two.
 *
 * @param <V> the value type
 */
public final class ValueAndTimestampSerde<V> implements Serde<ValueAndTimestamp<V>> {

    /** Offset of the timestamp. */
    public static final int TIMESTAMP_OFFSET = 0;
    /** Length of the timestamp. */
    public static final int TIMESTAMP_LENGTH = 8;
    /** Offset of the value bytes. */
    public static final int VALUE_OFFSET = TIMESTAMP_OFFSET + TIMESTAMP_LENGTH;

    private final Serializer<ValueAndTimestamp<V>> serializer;
    private final Deserializer<ValueAndTimestamp<V>> deserializer;

    /** @param valueSerde the serde of the plain value */
    public ValueAndTimestampSerde(Serde<V> valueSerde) {
        Objects.requireNonNull(valueSerde, "valueSerde");
        Serializer<V> valueSerializer = valueSerde.serializer();
        Deserializer<V> valueDeserializer = valueSerde.deserializer();
        this.serializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            byte[] raw = valueSerializer.serialize(topic, data.value());
            return raw == null ? null : withTimestamp(data.timestamp(), raw);
        };
        this.deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            return ValueAndTimestamp.make(valueDeserializer.deserialize(topic, rawValue(data)), timestamp(data));
        };
    }

    @Override
    public Serializer<ValueAndTimestamp<V>> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<ValueAndTimestamp<V>> deserializer() {
        return deserializer;
    }

    /**
     * @param timestamp the record timestamp
     * @param rawValue the plain value bytes
     * @return the timestamped layout
     */
    public static byte[] withTimestamp(long timestamp, byte[] rawValue) {
        byte[] out = new byte[VALUE_OFFSET + rawValue.length];
        for (int i = TIMESTAMP_LENGTH - 1; i >= 0; i--) {
            out[TIMESTAMP_OFFSET + i] = (byte) timestamp;
            timestamp >>>= 8;
        }
        System.arraycopy(rawValue, 0, out, VALUE_OFFSET, rawValue.length);
        return out;
    }

    /**
     * @param timestamped bytes in the timestamped layout
     * @return the timestamp
     * @throws SerializationException if the bytes are shorter than a timestamp
     */
    public static long timestamp(byte[] timestamped) {
        checkLength(timestamped);
        long ts = 0;
        for (int i = 0; i < TIMESTAMP_LENGTH; i++) {
            ts = (ts << 8) | (timestamped[TIMESTAMP_OFFSET + i] & 0xFF);
        }
        return ts;
    }

    /**
     * @param timestamped bytes in the timestamped layout
     * @return a copy of the value bytes
     * @throws SerializationException if the bytes are shorter than a timestamp
     */
    public static byte[] rawValue(byte[] timestamped) {
        checkLength(timestamped);
        return Arrays.copyOfRange(timestamped, VALUE_OFFSET, timestamped.length);
    }

    private static void checkLength(byte[] timestamped) {
        if (timestamped.length < VALUE_OFFSET) {
            throw new SerializationException("A timestamped value needs at least " + VALUE_OFFSET
                    + " bytes, length=" + timestamped.length);
        }
    }
}

package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.state.TimestampedWindowStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.state.WindowStore;

/**
 * The typed facade of a timestamped window store; values are stored in the {@link ValueAndTimestampSerde} layout
 * (8-byte timestamp, then the value bytes) and read back as {@link ValueAndTimestamp}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class SerializingTimestampedWindowStore<K, V> extends SerializingWindowStore<K, ValueAndTimestamp<V>>
        implements TimestampedWindowStore<K, V> {

    /**
     * @param bytesStore the byte store below
     * @param keySerde the key serde
     * @param valueSerde the serde of the plain value
     */
    public SerializingTimestampedWindowStore(WindowStore<Bytes, byte[]> bytesStore, Serde<K> keySerde,
            Serde<V> valueSerde) {
        super(bytesStore, keySerde, new ValueAndTimestampSerde<>(valueSerde));
    }
}

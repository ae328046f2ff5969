package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.state.KeyValueStore;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;

/**
 * The typed facade of a timestamped key-value store; values are stored in the {@link ValueAndTimestampSerde} layout.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class SerializingTimestampedKeyValueStore<K, V> extends SerializingKeyValueStore<K, ValueAndTimestamp<V>>
        implements TimestampedKeyValueStore<K, V> {

    /**
     * @param bytesStore the byte store below
     * @param keySerde the key serde
     * @param valueSerde the serde of the plain value
     */
    public SerializingTimestampedKeyValueStore(KeyValueStore<Bytes, byte[]> bytesStore, Serde<K> keySerde,
            Serde<V> valueSerde) {
        super(bytesStore, keySerde, new ValueAndTimestampSerde<>(valueSerde));
    }
}

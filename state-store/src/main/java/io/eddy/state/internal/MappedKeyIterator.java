package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import java.util.function.Function;

/**
 * Decodes the composite keys of a raw segmented iterator (into a window start, or a {@code Windowed} key); closing it
 * closes the raw iterator.
 *
 * @param <K> the decoded key type
 */
class MappedKeyIterator<K> implements KeyValueIterator<K, byte[]> {

    private final KeyValueIterator<Bytes, byte[]> raw;
    private final Function<Bytes, K> keyMapper;

    MappedKeyIterator(KeyValueIterator<Bytes, byte[]> raw, Function<Bytes, K> keyMapper) {
        this.raw = raw;
        this.keyMapper = keyMapper;
    }

    @Override
    public boolean hasNext() {
        return raw.hasNext();
    }

    @Override
    public KeyValue<K, byte[]> next() {
        KeyValue<Bytes, byte[]> next = raw.next();
        return KeyValue.pair(keyMapper.apply(next.key), next.value);
    }

    @Override
    public K peekNextKey() {
        return keyMapper.apply(raw.peekNextKey());
    }

    @Override
    public void close() {
        raw.close();
    }
}

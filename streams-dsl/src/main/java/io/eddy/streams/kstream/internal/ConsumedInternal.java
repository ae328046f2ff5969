package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.streams.Topology;
import io.eddy.streams.kstream.Consumed;
import io.eddy.streams.processor.TimestampExtractor;

/** Read access to a {@link Consumed}'s settings, for the DSL. */
public final class ConsumedInternal<K, V> extends Consumed<K, V> {
    public ConsumedInternal(Consumed<K, V> consumed) {
        super(consumed == null ? Consumed.with((Serde<K>) null, (Serde<V>) null) : consumed);
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V> valueSerde() {
        return valueSerde;
    }

    public TimestampExtractor timestampExtractor() {
        return timestampExtractor;
    }

    public Topology.AutoOffsetReset resetPolicy() {
        return resetPolicy;
    }

    public String name() {
        return processorName;
    }
}

package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.streams.kstream.Produced;
import io.eddy.streams.processor.StreamPartitioner;

/** Read access to a {@link Produced}'s settings, for the DSL. */
public final class ProducedInternal<K, V> extends Produced<K, V> {
    public ProducedInternal(Produced<K, V> produced) {
        super(produced == null ? Produced.with((Serde<K>) null, (Serde<V>) null) : produced);
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V> valueSerde() {
        return valueSerde;
    }

    public StreamPartitioner<? super K, ? super V> partitioner() {
        return partitioner;
    }

    public String name() {
        return processorName;
    }
}

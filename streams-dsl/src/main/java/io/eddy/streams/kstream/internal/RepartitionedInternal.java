package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.streams.kstream.Repartitioned;
import io.eddy.streams.processor.StreamPartitioner;

/** Read access to a {@link Repartitioned}'s settings, for the DSL. */
public final class RepartitionedInternal<K, V> extends Repartitioned<K, V> {
    public RepartitionedInternal(Repartitioned<K, V> r) {
        super(r == null ? Repartitioned.with((Serde<K>) null, (Serde<V>) null) : r);
    }

    public String name() {
        return name;
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V> valueSerde() {
        return valueSerde;
    }

    /** @return the partition count, or -1 for the upstream's */
    public int partitions() {
        return numberOfPartitions == null ? -1 : numberOfPartitions;
    }

    public StreamPartitioner<K, V> partitioner() {
        return partitioner;
    }
}

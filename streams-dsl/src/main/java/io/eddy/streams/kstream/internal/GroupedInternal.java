package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.streams.kstream.Grouped;

/** Read access to a {@link Grouped}'s settings, for the DSL. */
public final class GroupedInternal<K, V> extends Grouped<K, V> {
    public GroupedInternal(Grouped<K, V> grouped) {
        super(grouped == null ? Grouped.with((Serde<K>) null, (Serde<V>) null) : grouped);
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
}

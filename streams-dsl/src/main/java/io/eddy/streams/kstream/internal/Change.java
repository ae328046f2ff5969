package io.eddy.streams.kstream.internal;

import java.util.Objects;

/**
 * What a KTable operator forwards downstream for one key: the new value and, when a downstream operator needs it
 * (subtractors, joins, filters), the old one. Either may be null: a null new value is a delete (tombstone).
 * Immutable.
 *
 * @param newValue the value after the update, or null for a delete
 * @param oldValue the value before the update, or null when unknown or absent
 * @param <V> value type
 */
public record Change<V>(V newValue, V oldValue) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Change<?> c && Objects.equals(newValue, c.newValue) && Objects.equals(oldValue, c.oldValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(newValue, oldValue);
    }

    @Override
    public String toString() {
        return "(" + newValue + "<-" + oldValue + ")";
    }
}

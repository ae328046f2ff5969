package io.eddy.state;

import java.util.Objects;

/**
 * An immutable value together with the timestamp of the record that last updated it, mirroring Kafka Streams'
 * {@code org.apache.kafka.streams.state.ValueAndTimestamp}. Instances never wrap a null value: {@link #make} returns
 * null instead, so a null {@code ValueAndTimestamp} means "absent".
 *
 * @param <V> the value type
 */
public final class ValueAndTimestamp<V> {

    private final V value;
    private final long timestamp;

    private ValueAndTimestamp(V value, long timestamp) {
        this.value = value;
        this.timestamp = timestamp;
    }

    /**
     * @param value the value, possibly null
     * @param timestamp the record timestamp in milliseconds
     * @param <V> the value type
     * @return a new instance, or null when {@code value} is null
     */
    public static <V> ValueAndTimestamp<V> make(V value, long timestamp) {
        return value == null ? null : new ValueAndTimestamp<>(value, timestamp);
    }

    /**
     * Like {@link #make} but keeps a null value (used for tombstones that still carry a timestamp).
     *
     * @param value the value, possibly null
     * @param timestamp the record timestamp in milliseconds
     * @param <V> the value type
     * @return a new instance
     */
    public static <V> ValueAndTimestamp<V> makeAllowNullable(V value, long timestamp) {
        return new ValueAndTimestamp<>(value, timestamp);
    }

    /**
     * @param valueAndTimestamp an instance or null
     * @param <V> the value type
     * @return its value, or null when {@code valueAndTimestamp} is null
     */
    public static <V> V getValueOrNull(ValueAndTimestamp<V> valueAndTimestamp) {
        return valueAndTimestamp == null ? null : valueAndTimestamp.value;
    }

    /** @return the value */
    public V value() {
        return value;
    }

    /** @return the timestamp in milliseconds of the record that last updated the value */
    public long timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ValueAndTimestamp<?> other
                && timestamp == other.timestamp && Objects.deepEquals(value, other.value));
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(value) + Long.hashCode(timestamp);
    }

    @Override
    public String toString() {
        return "<" + value + "," + timestamp + ">";
    }
}

package io.eddy.streams.kstream;

import io.eddy.serialization.Serde;
import java.time.Duration;
import java.util.Objects;

/**
 * Serdes and name of a stream-table join ({@code KStream.join/leftJoin(KTable, ...)}), as Kafka Streams'
 * {@code Joined}. A null serde means "use the default". Immutable.
 *
 * @param <K> the key type
 * @param <VLeft> the stream's value type
 * @param <VRight> the table's value type
 */
public class Joined<K, VLeft, VRight> {
    /** Key serde or null. */
    protected final Serde<K> keySerde;
    /** Stream value serde or null. */
    protected final Serde<VLeft> leftValueSerde;
    /** Table value serde or null. */
    protected final Serde<VRight> rightValueSerde;
    /** Processor name or null. */
    protected final String name;
    /** Grace period for versioned tables, or null. */
    protected final Duration gracePeriod;

    /**
     * @param keySerde key serde or null
     * @param leftValueSerde stream value serde or null
     * @param rightValueSerde table value serde or null
     * @param name name or null
     * @param gracePeriod grace or null
     */
    protected Joined(Serde<K> keySerde, Serde<VLeft> leftValueSerde, Serde<VRight> rightValueSerde, String name,
                     Duration gracePeriod) {
        this.keySerde = keySerde;
        this.leftValueSerde = leftValueSerde;
        this.rightValueSerde = rightValueSerde;
        this.name = name;
        this.gracePeriod = gracePeriod;
    }

    /** @param joined copied */
    protected Joined(Joined<K, VLeft, VRight> joined) {
        this(joined.keySerde, joined.leftValueSerde, joined.rightValueSerde, joined.name, joined.gracePeriod);
    }

    /**
     * @param keySerde key serde or null
     * @param leftValueSerde stream value serde or null
     * @param rightValueSerde table value serde or null
     * @param <K> key type
     * @param <VLeft> stream value type
     * @param <VRight> table value type
     * @return a Joined
     */
    public static <K, VLeft, VRight> Joined<K, VLeft, VRight> with(Serde<K> keySerde, Serde<VLeft> leftValueSerde,
                                                                   Serde<VRight> rightValueSerde) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, null, null);
    }

    /**
     * @param keySerde key serde or null
     * @param leftValueSerde stream value serde or null
     * @param rightValueSerde table value serde or null
     * @param processorName the join processor's name
     * @param <K> key type
     * @param <VLeft> stream value type
     * @param <VRight> table value type
     * @return a Joined
     */
    public static <K, VLeft, VRight> Joined<K, VLeft, VRight> with(Serde<K> keySerde, Serde<VLeft> leftValueSerde,
                                                                   Serde<VRight> rightValueSerde,
                                                                   String processorName) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, processorName, null);
    }

    /**
     * @param keySerde key serde or null
     * @param leftValueSerde stream value serde or null
     * @param rightValueSerde table value serde or null
     * @param processorName the join processor's name
     * @param gracePeriod grace period for a join with a versioned table
     * @param <K> key type
     * @param <VLeft> stream value type
     * @param <VRight> table value type
     * @return a Joined
     */
    public static <K, VLeft, VRight> Joined<K, VLeft, VRight> with(Serde<K> keySerde, Serde<VLeft> leftValueSerde,
                                                                   Serde<VRight> rightValueSerde,
                                                                   String processorName, Duration gracePeriod) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, processorName, gracePeriod);
    }

    /** @param keySerde key serde @param <K> key type @param <VLeft> left type @param <VRight> right type @return a Joined */
    public static <K, VLeft, VRight> Joined<K, VLeft, VRight> keySerde(Serde<K> keySerde) {
        return new Joined<>(keySerde, null, null, null, null);
    }

    /**
     * @param leftValueSerde stream value serde
     * @param <K> key type
     * @param <VLeft> left type
     * @param <VRight> right type
     * @return a Joined
     */
    public static <K, VLeft, VRight> Joined<K, VLeft, VRight> leftValueSerde(Serde<VLeft> leftValueSerde) {
        return new Joined<>(null, leftValueSerde, null, null, null);
    }

    /**
     * @param rightValueSerde table value serde
     * @param <K> key type
     * @param <VLeft> left type
     * @param <VRight> right type
     * @return a Joined
     */
    public static <K, VLeft, VRight> Joined<K, VLeft, VRight> rightValueSerde(Serde<VRight> rightValueSerde) {
        return new Joined<>(null, null, rightValueSerde, null, null);
    }

    /** @param name processor name @param <K> key type @param <VLeft> left type @param <VRight> right type @return a Joined */
    public static <K, VLeft, VRight> Joined<K, VLeft, VRight> as(String name) {
        return new Joined<>(null, null, null, Objects.requireNonNull(name, "name"), null);
    }

    /** @param keySerde key serde @return a copy */
    public Joined<K, VLeft, VRight> withKeySerde(Serde<K> keySerde) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, name, gracePeriod);
    }

    /** @param leftValueSerde stream value serde @return a copy */
    public Joined<K, VLeft, VRight> withLeftValueSerde(Serde<VLeft> leftValueSerde) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, name, gracePeriod);
    }

    /** @param rightValueSerde table value serde @return a copy */
    public Joined<K, VLeft, VRight> withRightValueSerde(Serde<VRight> rightValueSerde) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, name, gracePeriod);
    }

    /** @param gracePeriod grace period for versioned tables @return a copy */
    public Joined<K, VLeft, VRight> withGracePeriod(Duration gracePeriod) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, name, gracePeriod);
    }

    /** @param name processor name @return a copy */
    public Joined<K, VLeft, VRight> withName(String name) {
        return new Joined<>(keySerde, leftValueSerde, rightValueSerde, Objects.requireNonNull(name, "name"),
                gracePeriod);
    }

    /** @return the grace period, or null */
    public Duration gracePeriod() {
        return gracePeriod;
    }

    /** @return the key serde, or null */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** @return the stream value serde, or null */
    public Serde<VLeft> leftValueSerde() {
        return leftValueSerde;
    }

    /** @return the table value serde, or null */
    public Serde<VRight> rightValueSerde() {
        return rightValueSerde;
    }

    @Override
    public String toString() {
        return "Joined{name=" + name + ", keySerde=" + keySerde + ", leftValueSerde=" + leftValueSerde
                + ", rightValueSerde=" + rightValueSerde + ", gracePeriod=" + gracePeriod + "}";
    }
}

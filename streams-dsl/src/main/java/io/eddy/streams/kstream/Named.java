package io.eddy.streams.kstream;

import java.util.Objects;

/**
 * The name of the processor node an operator creates, as Kafka Streams' {@code Named}. Giving names keeps a topology's
 * node names readable and stable across code changes. Immutable.
 */
public class Named {
    /** The name, or null for a derived one. */
    protected final String name;

    /** @param name the name, or null */
    protected Named(String name) {
        this.name = name;
    }

    /** @param named copied */
    protected Named(Named named) {
        this(named.name);
    }

    /**
     * @param name the node name; letters, digits, '.', '_' and '-' keep it usable in store and topic names
     * @return a Named
     * @throws NullPointerException if {@code name} is null
     */
    public static Named as(String name) {
        return new Named(Objects.requireNonNull(name, "name"));
    }

    /**
     * @param name the node name
     * @return a copy with this name
     */
    public Named withName(String name) {
        return new Named(Objects.requireNonNull(name, "name"));
    }

    @Override
    public String toString() {
        return "Named(" + name + ")";
    }
}

package io.eddy.streams.kstream.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * A foreign-key join's subscription message, sent by the left table's task keyed by the foreign key to the task
 * holding that key of the right table: the left (primary) key subscribes to the foreign key with the hash of its
 * current left value, or unsubscribes from it.
 *
 * @param instruction subscribe or unsubscribe
 * @param valueHash the 16-byte hash of the serialized left value ({@link LeftValueHasher}); null when unsubscribing
 * @param primaryKey the left key
 * @param <K> the left key type
 */
record SubscriptionWrapper<K>(Instruction instruction, byte[] valueHash, K primaryKey) {

    /** What the subscription message asks for. */
    enum Instruction {
        /** Store the subscription and answer with the right value. */
        SUBSCRIBE,
        /** Forget the subscription. */
        UNSUBSCRIBE
    }

    /** Validates the message. */
    SubscriptionWrapper {
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(primaryKey, "primaryKey");
        if (instruction == Instruction.SUBSCRIBE
                && (valueHash == null || valueHash.length != LeftValueHasher.LENGTH)) {
            throw new IllegalArgumentException("a subscription needs a " + LeftValueHasher.LENGTH
                    + "-byte value hash, got " + (valueHash == null ? "null" : valueHash.length + " bytes"));
        }
        if (instruction == Instruction.UNSUBSCRIBE && valueHash != null) {
            throw new IllegalArgumentException("an unsubscription carries no value hash");
        }
    }

    /**
     * @param valueHash the hash of the left value
     * @param primaryKey the left key
     * @param <K> the left key type
     * @return a subscription
     */
    static <K> SubscriptionWrapper<K> subscribe(byte[] valueHash, K primaryKey) {
        return new SubscriptionWrapper<>(Instruction.SUBSCRIBE, valueHash, primaryKey);
    }

    /**
     * @param primaryKey the left key
     * @param <K> the left key type
     * @return an unsubscription
     */
    static <K> SubscriptionWrapper<K> unsubscribe(K primaryKey) {
        return new SubscriptionWrapper<>(Instruction.UNSUBSCRIBE, null, primaryKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubscriptionWrapper<?> w && instruction == w.instruction
                && Arrays.equals(valueHash, w.valueHash) && primaryKey.equals(w.primaryKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(instruction, Arrays.hashCode(valueHash), primaryKey);
    }

    @Override
    public String toString() {
        return instruction + "(" + primaryKey + ")";
    }
}

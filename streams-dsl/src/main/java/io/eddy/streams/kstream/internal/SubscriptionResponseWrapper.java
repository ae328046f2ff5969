package io.eddy.streams.kstream.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * A foreign-key join's response message, sent by the right table's task keyed by the left (primary) key back to the
 * left table's task: the right value the subscription's foreign key currently has, tagged with the hash of the left
 * value that subscribed, so the left side can drop the response if that left value changed meanwhile.
 *
 * @param valueHash the 16-byte hash of the serialized left value the subscription was made with
 * @param foreignValue the right value, or null when the foreign key has none
 * @param <VO> the right value type
 */
record SubscriptionResponseWrapper<VO>(byte[] valueHash, VO foreignValue) {

    /** Validates the message. */
    SubscriptionResponseWrapper {
        if (valueHash == null || valueHash.length != LeftValueHasher.LENGTH) {
            throw new IllegalArgumentException("a subscription response needs a " + LeftValueHasher.LENGTH
                    + "-byte value hash, got " + (valueHash == null ? "null" : valueHash.length + " bytes"));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubscriptionResponseWrapper<?> w && Arrays.equals(valueHash, w.valueHash)
                && Objects.equals(foreignValue, w.foreignValue);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(valueHash) + Objects.hashCode(foreignValue);
    }

    @Override
    public String toString() {
        return "Response(" + foreignValue + ")";
    }
}

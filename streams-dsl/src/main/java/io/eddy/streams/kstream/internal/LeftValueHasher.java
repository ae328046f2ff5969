package io.eddy.streams.kstream.internal;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.eddy.serialization.Serializer;
import java.util.Objects;

/**
 * Hashes a foreign-key join's left values: 128-bit MurmurHash3 (Guava's) of the value serialized with the left
 * table's value serializer. The left side tags each subscription with the hash of the value that made it, and drops a
 * response whose hash no longer matches the current value. Both use the same hasher, so the bytes hashed agree.
 *
 * @param <V> the left value type
 */
final class LeftValueHasher<V> {
    /** The length of a hash in bytes. */
    static final int LENGTH = 16;
    private static final HashFunction MURMUR3_128 = Hashing.murmur3_128();

    private final Serializer<V> serializer;
    private final String topic;

    /**
     * @param serializer the left value serializer (resolved: not null)
     * @param topic the topic name passed to the serializer
     */
    LeftValueHasher(Serializer<V> serializer, String topic) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    /**
     * @param value a left value, not null
     * @return its 16-byte hash
     * @throws IllegalStateException if the serializer writes null for it
     */
    byte[] hash(V value) {
        byte[] bytes = serializer.serialize(topic, value);
        if (bytes == null) {
            throw new IllegalStateException("the left value serializer of a foreign-key join wrote null for value "
                    + value + " (topic " + topic + "): a non-null value needs bytes to be hashed");
        }
        return hash(bytes);
    }

    /**
     * @param bytes serialized bytes
     * @return their 16-byte hash
     */
    static byte[] hash(byte[] bytes) {
        return MURMUR3_128.hashBytes(bytes).asBytes();
    }
}

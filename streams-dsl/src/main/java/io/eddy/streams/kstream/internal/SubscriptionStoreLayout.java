package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The key layout of a foreign-key join's subscription store, in the right table's task: which left (primary) keys
 * currently subscribe to a foreign key. Prefixing the foreign key with its length makes the entries of one foreign
 * key a contiguous prefix range, whatever the key bytes. Values are the 16-byte hash of the left value that
 * subscribed ({@link LeftValueHasher}), sent back with every response.
 *
 * <pre>
 * +--------------------+--------------------+---------------------+
 * | fk length (4)      | foreign key bytes  | primary key bytes   |
 * +--------------------+--------------------+---------------------+
 * </pre>
 */
final class SubscriptionStoreLayout {
    private SubscriptionStoreLayout() {
    }

    /**
     * @param foreignKey the serialized foreign key
     * @return the prefix of all its entries
     */
    static Bytes prefix(byte[] foreignKey) {
        Objects.requireNonNull(foreignKey, "the foreign key serializer wrote null for a non-null foreign key");
        return Bytes.wrap(ByteBuffer.allocate(4 + foreignKey.length).putInt(foreignKey.length).put(foreignKey)
                .array());
    }

    /**
     * @param foreignKey the serialized foreign key
     * @param primaryKey the serialized left key
     * @return the store key of that subscription
     */
    static Bytes key(byte[] foreignKey, byte[] primaryKey) {
        Objects.requireNonNull(foreignKey, "the foreign key serializer wrote null for a non-null foreign key");
        Objects.requireNonNull(primaryKey, "the primary key serializer wrote null for a non-null key");
        return Bytes.wrap(ByteBuffer.allocate(4 + foreignKey.length + primaryKey.length).putInt(foreignKey.length)
                .put(foreignKey).put(primaryKey).array());
    }

    /**
     * @param key a store key
     * @return its serialized left key
     * @throws IllegalArgumentException if the key is not in this layout
     */
    static byte[] primaryKey(Bytes key) {
        byte[] b = key.get();
        int fkLen = b.length < 4 ? -1 : ByteBuffer.wrap(b).getInt(0);
        if (fkLen < 0 || 4 + fkLen > b.length) {
            throw new IllegalArgumentException("a subscription store key of " + b.length + " bytes does not hold a"
                    + " length-prefixed foreign key (length " + fkLen + ")");
        }
        byte[] pk = new byte[b.length - 4 - fkLen];
        System.arraycopy(b, 4 + fkLen, pk, 0, pk.length);
        return pk;
    }
}

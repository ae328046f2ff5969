package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Bytes;
import java.nio.ByteBuffer;

/**
 * The key layout of a foreign-key join's subscription store: which left (primary) keys currently point at a foreign
 * key. Prefixing the foreign key with its length makes the entries of one foreign key a contiguous prefix range,
 * whatever the key bytes. Values are empty ({@link #PRESENT}).
 *
 * <pre>
 * +--------------------+--------------------+---------------------+
 * | fk length (4)      | foreign key bytes  | primary key bytes   |
 * +--------------------+--------------------+---------------------+
 * </pre>
 */
final class SubscriptionStoreLayout {
    static final byte[] PRESENT = new byte[0];

    private SubscriptionStoreLayout() {
    }

    static Bytes prefix(byte[] foreignKey) {
        return Bytes.wrap(ByteBuffer.allocate(4 + foreignKey.length).putInt(foreignKey.length).put(foreignKey)
                .array());
    }

    static Bytes key(byte[] foreignKey, byte[] primaryKey) {
        return Bytes.wrap(ByteBuffer.allocate(4 + foreignKey.length + primaryKey.length).putInt(foreignKey.length)
                .put(foreignKey).put(primaryKey).array());
    }

    static byte[] primaryKey(Bytes key) {
        byte[] b = key.get();
        int fkLen = ByteBuffer.wrap(b).getInt(0);
        byte[] pk = new byte[b.length - 4 - fkLen];
        System.arraycopy(b, 4 + fkLen, pk, 0, pk.length);
        return pk;
    }
}

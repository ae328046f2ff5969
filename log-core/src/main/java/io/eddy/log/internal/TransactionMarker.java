package io.eddy.log.internal;

import java.nio.ByteBuffer;

/**
 * Owns the layout of the one record of a transaction marker: a control batch (attributes transactional and control,
 * producer id, epoch and transaction sequence of the transaction it ends) written to every partition the transaction
 * touched when it commits or aborts. Big-endian, as Kafka's control records:
 *
 * <pre>
 *  key:    0         2         4          value:  0         2               6
 *          +---------+---------+                  +---------+---------------+
 *          | version | type    |                  | version | coordinatorEp |
 *          | int16=0 | int16   |                  | int16=0 | int32 (0)     |
 *          +---------+---------+                  +---------+---------------+
 * </pre>
 *
 * {@code type} is 0 for abort, 1 for commit (Kafka's values). A marker ends the open transaction of its producer id
 * in that partition: every transactional batch of that producer id since its previous marker belongs to it.
 */
final class TransactionMarker {
    static final short VERSION = 0;
    static final int KEY_SIZE = 4;
    static final int VALUE_SIZE = 6;
    private static final int KEY_VERSION = 0;
    private static final int KEY_TYPE = 2;

    /** What a marker decides. */
    enum Type {
        ABORT((short) 0), COMMIT((short) 1);

        final short code;

        Type(short code) {
            this.code = code;
        }

        static Type of(short code) {
            return switch (code) {
                case 0 -> ABORT;
                case 1 -> COMMIT;
                default -> throw new MalformedBatchException("transaction marker type " + code
                        + " is neither 0 (abort) nor 1 (commit)");
            };
        }
    }

    private TransactionMarker() {
    }

    static byte[] key(Type type) {
        return ByteBuffer.allocate(KEY_SIZE).putShort(KEY_VERSION, VERSION).putShort(KEY_TYPE, type.code).array();
    }

    static byte[] value() {
        return ByteBuffer.allocate(VALUE_SIZE).putShort(0, VERSION).putInt(2, 0).array();
    }

    /**
     * @param key the marker record's key
     * @return its type
     * @throws MalformedBatchException if the key is not a version-0 marker key
     */
    static Type parse(byte[] key) {
        if (key == null || key.length < KEY_SIZE) {
            throw new MalformedBatchException("transaction marker key is " + (key == null ? "null" : key.length
                    + " bytes") + ", expected " + KEY_SIZE);
        }
        short version = ByteBuffer.wrap(key).getShort(KEY_VERSION);
        if (version != VERSION) {
            throw new MalformedBatchException("transaction marker version " + version + " is not " + VERSION);
        }
        return Type.of(ByteBuffer.wrap(key).getShort(KEY_TYPE));
    }

    /** Fills {@code builder} (reset by the caller) with the marker of the given transaction. */
    static void build(RecordBatchBuilder builder, Type type, long producerId, short epoch, int sequence, long now) {
        builder.setProducer(producerId, epoch, sequence, true);
        builder.setControl(true);
        builder.append(now, key(type), value(), null);
    }
}

package io.eddy.log.internal;

import io.eddy.log.TopicPartition;
import io.eddy.log.UnsupportedFormatVersionException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Owns the layout of the records of the internal compacted topic {@code __transaction_state} (one partition): the
 * latest state of each transactional id, keyed by it. Big-endian; strings are u16 length + UTF-8.
 *
 * <pre>
 * key:   version u8 (1) | transactionalId string
 * value: version u8 (1) | producerId int64 | epoch int16 | sequence int32 | state u8 |
 *        partitionCount int32 | partitionCount x (topic string | partition int32) | timestamp int64
 * </pre>
 *
 * {@code sequence} numbers the producer's transactions (per producer id and epoch); data batches and markers carry
 * it in their base-sequence field. {@code partitions} lists the partitions a decided transaction touched.
 *
 * @param transactionalId the writer's stable name
 * @param producerId the producer id given to it (stable across epochs)
 * @param epoch the current epoch
 * @param sequence the sequence of the transaction the state describes
 * @param state the state
 * @param partitions the partitions the transaction touched (empty for {@link State#EMPTY})
 * @param timestamp when the state was written, ms since the epoch
 */
record TransactionStateRecord(String transactionalId, long producerId, short epoch, int sequence, State state,
                              List<TopicPartition> partitions, long timestamp) {
    static final byte VERSION = 1;

    /** A transactional id's state. */
    enum State {
        /** No transaction decided for this epoch yet (written when a producer is created and its epoch bumped). */
        EMPTY(0),
        /** The transaction is decided to commit; markers may still be missing (recovery writes them). */
        PREPARE_COMMIT(1),
        /** Every commit marker was written. */
        COMPLETE_COMMIT(2),
        /** Every abort marker was written. */
        COMPLETE_ABORT(3);

        final byte code;

        State(int code) {
            this.code = (byte) code;
        }

        static State of(byte code, long offset) {
            for (State s : values()) {
                if (s.code == code) {
                    return s;
                }
            }
            throw new UnsupportedFormatVersionException("transaction state record at offset " + offset
                    + " of " + io.eddy.log.LogStore.TRANSACTION_STATE_TOPIC + " has unknown state " + code);
        }

        boolean committed() {
            return this == PREPARE_COMMIT || this == COMPLETE_COMMIT;
        }
    }

    byte[] key() {
        byte[] id = transactionalId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 2 + id.length).put(VERSION).putShort((short) id.length).put(id).array();
    }

    byte[] value() {
        List<byte[]> topics = new ArrayList<>();
        int size = 1 + 8 + 2 + 4 + 1 + 4 + 8;
        for (TopicPartition tp : partitions) {
            byte[] t = tp.topic().getBytes(StandardCharsets.UTF_8);
            topics.add(t);
            size += 2 + t.length + 4;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(VERSION).putLong(producerId).putShort(epoch).putInt(sequence).put(state.code).putInt(partitions.size());
        for (int i = 0; i < partitions.size(); i++) {
            b.putShort((short) topics.get(i).length).put(topics.get(i)).putInt(partitions.get(i).partition());
        }
        return b.putLong(timestamp).array();
    }

    /**
     * @param offset where the record is stored, for error messages
     * @return the decoded record
     * @throws UnsupportedFormatVersionException for an unknown version or state
     */
    static TransactionStateRecord parse(byte[] key, byte[] value, long offset) {
        ByteBuffer k = ByteBuffer.wrap(key);
        checkVersion(k.get(), offset);
        String id = string(k);
        ByteBuffer v = ByteBuffer.wrap(value);
        checkVersion(v.get(), offset);
        long pid = v.getLong();
        short epoch = v.getShort();
        int sequence = v.getInt();
        State state = State.of(v.get(), offset);
        int n = v.getInt();
        List<TopicPartition> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            parts.add(new TopicPartition(string(v), v.getInt()));
        }
        return new TransactionStateRecord(id, pid, epoch, sequence, state, List.copyOf(parts), v.getLong());
    }

    static String transactionalId(byte[] key, long offset) {
        ByteBuffer k = ByteBuffer.wrap(key);
        checkVersion(k.get(), offset);
        return string(k);
    }

    private static void checkVersion(byte version, long offset) {
        if (version != VERSION) {
            throw new UnsupportedFormatVersionException("transaction state record at offset " + offset + " of "
                    + io.eddy.log.LogStore.TRANSACTION_STATE_TOPIC + " has format version " + version
                    + "; this Eddy reads version " + VERSION);
        }
    }

    private static String string(ByteBuffer b) {
        byte[] s = new byte[b.getShort() & 0xFFFF];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}

package io.eddy.eventsourcing;

import java.nio.ByteBuffer;

/**
 * Owns the layout of a snapshot record in a snapshot topic ({@code <event topic>-snapshots-<aggregate>}, compacted,
 * one partition, not transactional: a snapshot is a cache that can always be rebuilt from the events).
 *
 * <pre>
 * key:   stream id, UTF-8
 * value: +-----------+-----------------------------------+
 *        | version   | state (Kryo, writeClassAndObject) |
 *        | int64 BE  | rest of the value                 |
 *        +-----------+-----------------------------------+
 * </pre>
 * version is the version of the stream's last event folded into the state.
 */
final class SnapshotLayout {
    static final int VERSION_OFFSET = 0;
    static final int STATE_OFFSET = 8;

    private SnapshotLayout() {
    }

    static byte[] value(long version, byte[] state) {
        return ByteBuffer.allocate(STATE_OFFSET + state.length).putLong(VERSION_OFFSET, version)
                .put(STATE_OFFSET, state).array();
    }

    static long version(byte[] value) {
        return ByteBuffer.wrap(value).getLong(VERSION_OFFSET);
    }

    static byte[] state(byte[] value) {
        byte[] state = new byte[value.length - STATE_OFFSET];
        System.arraycopy(value, STATE_OFFSET, state, 0, state.length);
        return state;
    }
}

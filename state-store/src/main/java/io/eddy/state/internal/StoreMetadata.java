package io.eddy.state.internal;

import io.eddy.state.ProcessorStateException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The layout of the metadata an exactly-once RocksDB store keeps beside its data: a column family of its own, so that
 * no key of the user's keyspace can collide with it and reads, iteration and entry counts of the data never see it.
 * It is written in the same atomic batch as the data it describes.
 *
 * <pre>
 * column family "eddy.metadata"
 *   key "changelog.offset"  -> value: 8 bytes, big-endian signed long
 *   +--------------------------------------------------------------+
 *   | offset of the last changelog record the committed data holds |
 *   +--------------------------------------------------------------+
 *   key "stream.time"       -> value: 8 bytes, big-endian signed long (segmented stores' metadata store only,
 *                              in its data column family: the observed stream time at the commit)
 * </pre>
 */
final class StoreMetadata {

    /** The column family holding the metadata. */
    static final byte[] COLUMN_FAMILY = "eddy.metadata".getBytes(StandardCharsets.UTF_8);
    /** The key of the committed changelog offset. */
    static final byte[] CHANGELOG_OFFSET_KEY = "changelog.offset".getBytes(StandardCharsets.UTF_8);
    /** The key of a segmented store's committed stream time. */
    static final byte[] STREAM_TIME_KEY = "stream.time".getBytes(StandardCharsets.UTF_8);
    /** The length of an encoded long. */
    static final int LONG_LENGTH = Long.BYTES;

    private StoreMetadata() {
    }

    static byte[] encodeOffset(long value) {
        return ByteBuffer.allocate(LONG_LENGTH).putLong(0, value).array();
    }

    /**
     * @param bytes an encoded long
     * @param storeName the store it was read from, for the message
     * @return the value
     * @throws ProcessorStateException if {@code bytes} is not 8 bytes long
     */
    static long decodeOffset(byte[] bytes, String storeName) {
        if (bytes.length != LONG_LENGTH) {
            throw new ProcessorStateException("Corrupt metadata in store '" + storeName + "': expected "
                    + LONG_LENGTH + " bytes, found " + bytes.length);
        }
        return ByteBuffer.wrap(bytes).getLong(0);
    }
}

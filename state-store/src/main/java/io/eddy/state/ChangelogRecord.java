package io.eddy.state;

/**
 * One record read back from a changelog during restore. The arrays are not copied and must not be modified; equality
 * of two instances compares the arrays by identity.
 *
 * @param offset the record's offset in its changelog partition
 * @param timestamp the record timestamp in milliseconds
 * @param key the key bytes, not null
 * @param value the value bytes, or null for a tombstone (delete)
 */
public record ChangelogRecord(long offset, long timestamp, byte[] key, byte[] value) {
}

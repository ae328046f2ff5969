package io.eddy.log;

/**
 * A committed consumer position: the offset of the next record to consume, and free-form metadata stored with it.
 *
 * @param offset the next offset to consume
 * @param metadata the metadata string, never null (empty when none)
 */
public record OffsetAndMetadata(long offset, String metadata) {

    /** @throws IllegalArgumentException if {@code offset} is negative */
    public OffsetAndMetadata {
        if (offset < 0) {
            throw new IllegalArgumentException("committed offset must not be negative, was " + offset);
        }
        metadata = metadata == null ? "" : metadata;
    }

    /**
     * @param offset the next offset to consume
     * @return a position without metadata
     */
    public static OffsetAndMetadata of(long offset) {
        return new OffsetAndMetadata(offset, "");
    }
}

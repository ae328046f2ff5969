package io.eddy.streams.processor.api;

/** Where the record being processed was read from: available while processing records from a source topic. */
public interface RecordMetadata {
    /** @return the source topic */
    String topic();

    /** @return the source partition */
    int partition();

    /** @return the record's offset in the source partition */
    long offset();
}

package io.eddy.streams.processor;

import io.eddy.log.Headers;

/** Metadata of the record being processed, as a sink or extractor sees it. */
public interface RecordContext {
    /** @return the source topic, or null in a punctuation */
    String topic();

    /** @return the source partition, or -1 */
    int partition();

    /** @return the source offset, or -1 */
    long offset();

    /** @return the record timestamp */
    long timestamp();

    /** @return the record headers */
    Headers headers();
}

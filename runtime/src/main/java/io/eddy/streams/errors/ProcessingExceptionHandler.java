package io.eddy.streams.errors;

import io.eddy.streams.processor.api.Record;

/** Decides what happens when user code throws while processing a record. Must be thread-safe. */
@FunctionalInterface
public interface ProcessingExceptionHandler {
    /**
     * @param context where it happened
     * @param record the record the failing processor received
     * @param exception what user code threw
     * @return continue (skip the rest of this record's processing in that branch) or fail
     */
    HandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception);
}

package io.eddy.streams.errors;

import io.eddy.log.LogRecord;

/** Decides what happens to an input record whose key or value cannot be deserialized. Must be thread-safe. */
@FunctionalInterface
public interface DeserializationExceptionHandler {
    /**
     * @param context where it happened
     * @param record the raw record
     * @param exception the deserialization failure
     * @return continue (skip, counted as dropped) or fail
     */
    HandlerResponse handle(ErrorHandlerContext context, LogRecord record, Exception exception);
}

package io.eddy.streams.errors;

import io.eddy.streams.processor.api.Record;

/** Stops the thread when user code throws (the default). */
public final class LogAndFailProcessingExceptionHandler implements ProcessingExceptionHandler {
    /** Creates the handler. */
    public LogAndFailProcessingExceptionHandler() {
    }

    @Override
    public HandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return HandlerResponse.FAIL;
    }
}

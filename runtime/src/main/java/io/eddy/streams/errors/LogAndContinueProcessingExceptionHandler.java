package io.eddy.streams.errors;

import io.eddy.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a failure of user code at warn and skips the record. */
public final class LogAndContinueProcessingExceptionHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndContinueProcessingExceptionHandler.class);

    /** Creates the handler. */
    public LogAndContinueProcessingExceptionHandler() {
    }

    @Override
    public HandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.warn("processor {} of task {} failed on a record from {}-{}@{}; skipping it: {}",
                context.processorNodeId(), context.taskId(), context.topic(), context.partition(), context.offset(),
                exception.toString());
        return HandlerResponse.CONTINUE;
    }
}

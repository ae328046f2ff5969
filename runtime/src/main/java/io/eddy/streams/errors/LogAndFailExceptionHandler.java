package io.eddy.streams.errors;

import io.eddy.log.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs an undeserializable record at error and stops the thread (the default). */
public final class LogAndFailExceptionHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndFailExceptionHandler.class);

    /** Creates the handler. */
    public LogAndFailExceptionHandler() {
    }

    @Override
    public HandlerResponse handle(ErrorHandlerContext context, LogRecord record, Exception exception) {
        LOG.error("record {}-{}@{} cannot be deserialized; failing", record.topic(), record.partition(),
                record.offset(), exception);
        return HandlerResponse.FAIL;
    }
}

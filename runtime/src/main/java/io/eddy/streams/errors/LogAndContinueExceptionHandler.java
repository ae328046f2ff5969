package io.eddy.streams.errors;

import io.eddy.log.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs an undeserializable record at warn and skips it. */
public final class LogAndContinueExceptionHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LogAndContinueExceptionHandler.class);

    /** Creates the handler. */
    public LogAndContinueExceptionHandler() {
    }

    @Override
    public HandlerResponse handle(ErrorHandlerContext context, LogRecord record, Exception exception) {
        LOG.warn("skipping record {}-{}@{} that cannot be deserialized: {}", record.topic(), record.partition(),
                record.offset(), exception.toString());
        return HandlerResponse.CONTINUE;
    }
}

package io.eddy.streams.errors;

/** Fails on any production error (the default). */
public final class DefaultProductionExceptionHandler implements ProductionExceptionHandler {
    /** Creates the handler. */
    public DefaultProductionExceptionHandler() {
    }

    @Override
    public HandlerResponse handle(ErrorHandlerContext context, String topic, Object key, Object value,
                                  Exception exception) {
        return HandlerResponse.FAIL;
    }
}

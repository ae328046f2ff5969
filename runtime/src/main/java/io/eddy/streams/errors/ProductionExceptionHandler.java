package io.eddy.streams.errors;

/** Decides what happens when an output record cannot be serialized or written. Must be thread-safe. */
@FunctionalInterface
public interface ProductionExceptionHandler {
    /**
     * @param context where it happened
     * @param topic the output topic
     * @param key the key object
     * @param value the value object
     * @param exception the serialization or write failure
     * @return continue (drop the output record) or fail
     */
    HandlerResponse handle(ErrorHandlerContext context, String topic, Object key, Object value, Exception exception);
}

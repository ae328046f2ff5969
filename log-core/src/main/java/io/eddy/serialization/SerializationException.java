package io.eddy.serialization;

/**
 * Thrown when an object cannot be serialized or bytes cannot be deserialized. The message names the type and what was
 * wrong with the input (for example its length), never just "bad data".
 */
public class SerializationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what could not be (de)serialized and why */
    public SerializationException(String message) {
        super(message);
    }

    /**
     * @param message what could not be (de)serialized and why
     * @param cause the underlying failure
     */
    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}

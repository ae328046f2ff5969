package io.eddy.streams.errors;

/** A failure of the streams runtime or of a topology; messages name the task, processor, topic or config key. */
public class StreamsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong */
    public StreamsException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public StreamsException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.eddy.cli;

/** A command failed for a reason the user can act on; its message is printed as the one-line error. */
final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the topic, group, file or directory concerned */
    CommandFailedException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the topic, group, file or directory concerned
     * @param cause the underlying failure, shown with {@code --verbose}
     */
    CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

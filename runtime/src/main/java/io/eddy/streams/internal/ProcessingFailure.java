package io.eddy.streams.internal;

import io.eddy.streams.errors.StreamsException;

/** A user-code failure already passed to the processing exception handler, which chose to fail. */
final class ProcessingFailure extends StreamsException {
    private static final long serialVersionUID = 1L;

    ProcessingFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

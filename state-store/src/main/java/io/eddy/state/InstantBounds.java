package io.eddy.state;

import java.time.Instant;
import java.util.Objects;

/** Converts the {@link Instant} bounds of window and session queries to epoch milliseconds with clear errors. */
final class InstantBounds {

    private InstantBounds() {
    }

    static long toEpochMilli(Instant instant, String name) {
        Objects.requireNonNull(instant, name);
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " cannot be expressed as epoch milliseconds, " + name + "="
                    + instant, e);
        }
    }
}

package io.eddy.state.internal;

import java.time.Duration;
import java.util.Objects;

/** Converts the {@link Duration} arguments of store factories to milliseconds with errors naming store and argument. */
final class DurationMillis {

    private DurationMillis() {
    }

    /**
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if it is negative or does not fit in a long of milliseconds
     */
    static long of(Duration duration, String argument, String storeName) {
        Objects.requireNonNull(duration, argument + " of store '" + storeName + "'");
        long millis;
        try {
            millis = duration.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(argument + " of store '" + storeName
                    + "' cannot be expressed in milliseconds, " + argument + "=" + duration, e);
        }
        if (millis < 0) {
            throw new IllegalArgumentException(argument + " of store '" + storeName + "' must not be negative, "
                    + argument + "=" + duration);
        }
        return millis;
    }
}

package io.eddy.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/** Converts the {@link Duration} arguments of the window and suppression factories into milliseconds. */
final class DurationMillis {

    private DurationMillis() {
    }

    /**
     * @param duration the duration
     * @param name the argument's name, for the message
     * @return the duration in milliseconds
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if it cannot be expressed in milliseconds as a {@code long}
     */
    static long of(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be expressible in milliseconds, " + name + "=" + duration, e);
        }
    }

    /**
     * @param duration the duration
     * @param name the argument's name, for the message
     * @return the duration in milliseconds
     * @throws IllegalArgumentException if it is negative or not expressible in milliseconds
     */
    static long nonNegative(Duration duration, String name) {
        long ms = of(duration, name);
        if (ms < 0) {
            throw new IllegalArgumentException(name + " must not be negative, " + name + "=" + duration);
        }
        return ms;
    }
}

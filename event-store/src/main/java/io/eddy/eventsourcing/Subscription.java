package io.eddy.eventsourcing;

/**
 * A running catch-up subscription (see {@link EventStore#subscribe}). Closing it stops delivery: once
 * {@link #close()} returns, the handler is not called again (unless close is called from the handler itself).
 */
public interface Subscription extends AutoCloseable {

    /** @return the position the next delivered event will be at or after */
    Position position();

    /** @return true while the subscription runs (false after close or after the handler threw) */
    boolean isRunning();

    /** Stops the subscription and waits for its thread. Idempotent. */
    @Override
    void close();
}

package io.eddy.eventsourcing;

/** Receives a subscription's events, one at a time on the subscription's thread, in position order. */
@FunctionalInterface
public interface EventHandler {
    /**
     * @param event the next event; throwing stops the subscription (see {@link Subscription#isRunning()})
     */
    void onEvent(RecordedEvent event);
}

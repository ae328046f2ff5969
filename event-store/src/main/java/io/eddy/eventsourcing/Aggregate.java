package io.eddy.eventsourcing;

/**
 * An aggregate's state as of a version of its stream: the fold of its events 0..version over the initial state.
 * Immutable as long as the state object is.
 *
 * @param streamId the aggregate's stream
 * @param state the folded state (the initial state when the stream has no event)
 * @param version the version of the last folded event, {@link ExpectedVersion#NO_STREAM} for a new aggregate; the
 *     expected version of the next append
 * @param <S> the state type
 */
public record Aggregate<S>(String streamId, S state, long version) {
}

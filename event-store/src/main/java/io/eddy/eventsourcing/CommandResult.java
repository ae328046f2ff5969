package io.eddy.eventsourcing;

/**
 * The outcome of {@link AggregateRepository#execute}: the aggregate after the command and what was appended.
 *
 * @param aggregate the state and version after the command's events
 * @param append what was appended, or null when the command decided no event
 * @param attempts how many times the command was decided (more than 1 after version conflicts)
 * @param <S> the state type
 */
public record CommandResult<S>(Aggregate<S> aggregate, AppendResult append, int attempts) {
}

package io.eddy.eventsourcing;

/**
 * What an append wrote: the versions and positions of its first and last events. For an idempotent retry (every
 * event id already in the stream) these are the original ones and {@link #duplicate()} is true.
 *
 * @param streamId the stream
 * @param firstVersion the version of the append's first event
 * @param lastVersion the version of its last event: the stream's version after the append
 * @param firstPosition the position of its first event
 * @param lastPosition the position of its last event; a projection has seen the append once it is past this
 * @param duplicate true when nothing was written because the stream already held these events
 */
public record AppendResult(String streamId, long firstVersion, long lastVersion, Position firstPosition,
                           Position lastPosition, boolean duplicate) {
}

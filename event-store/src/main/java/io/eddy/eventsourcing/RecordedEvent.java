package io.eddy.eventsourcing;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as stored: its stream, version, global position, metadata and the event object. Immutable.
 *
 * @param streamId the stream
 * @param version its version in the stream (0 for the first event, no gaps)
 * @param position where it lies in the event topic
 * @param eventId its id (unique within the stream)
 * @param timestamp when it was appended, by the store's clock (millisecond precision)
 * @param causationId what caused it, or null
 * @param correlationId the conversation it belongs to, or null
 * @param data the event object
 */
public record RecordedEvent(String streamId, long version, Position position, UUID eventId, Instant timestamp,
                            UUID causationId, UUID correlationId, Object data) {

    /**
     * @param type the expected type
     * @param <T> the type
     * @return the event object as {@code type}
     * @throws ClassCastException if it is not one
     */
    public <T> T data(Class<T> type) {
        return type.cast(data);
    }
}

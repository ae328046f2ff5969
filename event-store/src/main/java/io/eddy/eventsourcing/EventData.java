package io.eddy.eventsourcing;

import java.util.Objects;
import java.util.UUID;

/**
 * An event to append: the event object (a class registered in the store's {@link
 * io.eddy.serialization.KryoRegistrations}) and its metadata. Immutable.
 *
 * <p><b>Idempotency.</b> The event id identifies the event across retries: appending an event whose id the stream
 * already holds is a no-op that returns the original version. Give an id of your own (for example derived from the
 * command id) when you may retry; {@link #of(Object)} leaves it to the store, which makes a retry a new event.
 *
 * @param eventId the event's id, or null to let the store assign one
 * @param data the event object, not null
 * @param causationId the id of what caused this event (a command or another event), or null
 * @param correlationId the id of the conversation this event belongs to, or null
 */
public record EventData(UUID eventId, Object data, UUID causationId, UUID correlationId) {

    /** @throws NullPointerException if {@code data} is null */
    public EventData {
        Objects.requireNonNull(data, "event data");
    }

    /**
     * @param data the event object
     * @return an event whose id the store assigns
     */
    public static EventData of(Object data) {
        return new EventData(null, data, null, null);
    }

    /**
     * @param eventId the event's id, for idempotent retries
     * @param data the event object
     * @return the event
     */
    public static EventData of(UUID eventId, Object data) {
        return new EventData(Objects.requireNonNull(eventId, "event id"), data, null, null);
    }

    /**
     * @param causationId what caused this event
     * @param correlationId the conversation it belongs to
     * @return a copy with these ids
     */
    public EventData withCausation(UUID causationId, UUID correlationId) {
        return new EventData(eventId, data, causationId, correlationId);
    }
}

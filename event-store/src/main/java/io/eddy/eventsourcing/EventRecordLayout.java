package io.eddy.eventsourcing;

import io.eddy.log.Header;
import io.eddy.log.Headers;
import io.eddy.log.LogRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Owns how an event is laid out as a record of the event topic; nothing else reads or writes these fields.
 *
 * <pre>
 * key:       stream id, UTF-8
 * value:     the event object, Kryo (writeClassAndObject with the store's registrations)
 * timestamp: the event's timestamp, ms since the epoch
 * headers:
 *   es.id          16 bytes  event id (UUID, most significant half first)
 *   es.version      8 bytes  version in the stream, big-endian int64
 *   es.causation   16 bytes  causation id (absent when none)
 *   es.correlation 16 bytes  correlation id (absent when none)
 * </pre>
 */
final class EventRecordLayout {
    static final String EVENT_ID = "es.id";
    static final String VERSION = "es.version";
    static final String CAUSATION = "es.causation";
    static final String CORRELATION = "es.correlation";

    private EventRecordLayout() {
    }

    static byte[] key(String streamId) {
        return streamId.getBytes(StandardCharsets.UTF_8);
    }

    static String streamId(LogRecord r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }

    static Headers headers(UUID eventId, long version, UUID causationId, UUID correlationId) {
        Headers h = new Headers().add(EVENT_ID, uuid(eventId))
                .add(VERSION, ByteBuffer.allocate(8).putLong(version).array());
        if (causationId != null) {
            h.add(CAUSATION, uuid(causationId));
        }
        if (correlationId != null) {
            h.add(CORRELATION, uuid(correlationId));
        }
        return h;
    }

    static UUID eventId(LogRecord r) {
        return uuid(required(r, EVENT_ID, 16));
    }

    static long version(LogRecord r) {
        return ByteBuffer.wrap(required(r, VERSION, 8)).getLong();
    }

    static UUID causationId(LogRecord r) {
        Header h = r.headers().lastHeader(CAUSATION);
        return h == null ? null : uuid(h.value());
    }

    static UUID correlationId(LogRecord r) {
        Header h = r.headers().lastHeader(CORRELATION);
        return h == null ? null : uuid(h.value());
    }

    static Instant timestamp(LogRecord r) {
        return Instant.ofEpochMilli(r.timestamp());
    }

    private static byte[] required(LogRecord r, String key, int length) {
        Header h = r.headers() == null ? null : r.headers().lastHeader(key);
        if (h == null || h.value() == null || h.value().length != length) {
            throw new EventStoreException("record " + r.topic() + "-" + r.partition() + "@" + r.offset()
                    + " is not an event: header '" + key + "' of " + length + " bytes missing or malformed");
        }
        return h.value();
    }

    private static byte[] uuid(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }

    private static UUID uuid(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        return new UUID(buf.getLong(), buf.getLong());
    }
}

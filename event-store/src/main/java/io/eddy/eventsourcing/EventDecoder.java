package io.eddy.eventsourcing;

import io.eddy.log.LogRecord;
import io.eddy.serialization.Deserializer;
import io.eddy.serialization.KryoSerde;

/** Turns event-topic records into {@link RecordedEvent}s. Thread-safe. */
final class EventDecoder {
    private final Deserializer<Object> values;

    EventDecoder(EventStoreConfig config) {
        this.values = KryoSerde.of(config.registrations()).deserializer();
    }

    RecordedEvent decode(LogRecord r) {
        return new RecordedEvent(EventRecordLayout.streamId(r), EventRecordLayout.version(r),
                new Position(r.partition(), r.offset()), EventRecordLayout.eventId(r), EventRecordLayout.timestamp(r),
                EventRecordLayout.causationId(r), EventRecordLayout.correlationId(r),
                values.deserialize(r.topic(), r.value()));
    }
}

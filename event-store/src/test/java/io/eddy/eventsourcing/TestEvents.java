package io.eddy.eventsourcing;

import io.eddy.serialization.KryoRegistrations;

/** Events used by the tests. */
final class TestEvents {
    record Added(long amount) {
    }

    record Renamed(String name) {
    }

    record Counter(long total, long events) {
    }

    static final KryoRegistrations REGISTRATIONS = KryoRegistrations.builder()
            .register(Added.class, 200).register(Renamed.class, 201).register(Counter.class, 202).build();

    static EventStoreConfig config() {
        return EventStoreConfig.of(REGISTRATIONS);
    }

    private TestEvents() {
    }
}

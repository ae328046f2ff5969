package io.eddy.eventsourcing;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current version of every stream, the offset of each of its events and the version of each event id: what
 * makes expected-version checks, idempotency checks and reads by version O(1). Derived from the committed content
 * of the event topic only (rebuilt on open, then updated by the writer after each commit), so it is right after any
 * crash. Mutated by one thread (the writer or the rebuild); read by any.
 */
final class StreamIndex {
    private final ConcurrentHashMap<String, StreamState> streams = new ConcurrentHashMap<>();

    StreamState get(String streamId) {
        return streams.get(streamId);
    }

    StreamState getOrCreate(String streamId, int partition) {
        return streams.computeIfAbsent(streamId, id -> new StreamState(partition));
    }

    int size() {
        return streams.size();
    }

    /** One stream's state; its methods are synchronized because readers run beside the writer. */
    static final class StreamState {
        private final int partition;
        private long[] offsets = new long[4];
        private final Map<UUID, Long> versionsById = new HashMap<>();
        private long version = ExpectedVersion.NO_STREAM;

        StreamState(int partition) {
            this.partition = partition;
        }

        int partition() {
            return partition;
        }

        synchronized long version() {
            return version;
        }

        synchronized long offsetOf(long v) {
            if (v < 0 || v > version) {
                throw new IllegalArgumentException("version " + v + " is not in the stream (at version " + version
                        + ")");
            }
            return offsets[(int) v];
        }

        /** @return the version of the event with this id, or null */
        synchronized Long versionOf(UUID eventId) {
            return versionsById.get(eventId);
        }

        /** Records the stream's next event. */
        synchronized void add(UUID eventId, long eventVersion, long offset, String streamId) {
            if (eventVersion != version + 1) {
                throw new EventStoreException("stream '" + streamId + "': event " + eventId + " at offset " + offset
                        + " has version " + eventVersion + " but the stream is at version " + version);
            }
            if (version + 1 >= offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            version = eventVersion;
            offsets[(int) version] = offset;
            versionsById.put(eventId, version);
        }
    }
}

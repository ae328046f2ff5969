package io.eddy.eventsourcing;

import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.RecordMetadata;
import io.eddy.log.TransactionalProducer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The single writer of the event topic. Appends from any number of threads queue here; the writer thread takes
 * every queued append (up to a limit), checks each in queue order against the stream index and the appends before
 * it in the same group — so exactly one of several appends expecting the same version wins — and commits the
 * accepted ones in one log transaction (group commit). Only after the commit returns does it update the index and
 * complete the callers' futures, so an acknowledged append is durable and every check sees committed state only.
 */
final class EventWriter implements AutoCloseable {
    /** An event serialized by the caller's thread. */
    record EncodedEvent(UUID eventId, byte[] value, UUID causationId, UUID correlationId) {
    }

    record Request(String streamId, int partition, long expectedVersion, List<EncodedEvent> events,
                   CompletableFuture<AppendResult> result) {
    }

    private static final Request POISON = new Request("", 0, 0, List.of(), new CompletableFuture<>());

    private final String topic;
    private final StreamIndex index;
    private final CommitSignal signal;
    private final Clock clock;
    private final int maxGroup;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final TransactionalProducer producer;
    private final Thread thread;
    private volatile boolean closed;
    private volatile EventStoreException failure;

    EventWriter(EventStoreConfig config, StreamIndex index, CommitSignal signal,
                TransactionalProducer producer) {
        this.topic = config.topic();
        this.index = index;
        this.signal = signal;
        this.clock = config.clock();
        this.maxGroup = config.maxGroupedAppends();
        this.producer = producer;
        this.thread = new Thread(this::run, "eddy-event-writer-" + topic);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    CompletableFuture<AppendResult> submit(Request request) {
        EventStoreException f = failure;
        if (f != null) {
            request.result().completeExceptionally(f);
        } else if (closed) {
            request.result().completeExceptionally(new EventStoreException("event store on topic '" + topic
                    + "' is closed"));
        } else {
            queue.add(request);
        }
        return request.result();
    }

    private void run() {
        List<Request> group = new ArrayList<>();
        try {
            while (true) {
                Request first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed) {
                        break;
                    }
                    continue;
                }
                if (first == POISON) {
                    break;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                boolean stop = group.remove(POISON);
                writeGroup(group);
                group.clear();
                if (stop) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            EventStoreException closedError = new EventStoreException("event store on topic '" + topic + "' is closed");
            for (Request r : group) {
                r.result().completeExceptionally(closedError);
            }
            Request r;
            while ((r = queue.poll()) != null) {
                r.result().completeExceptionally(failure != null ? failure : closedError);
            }
        }
    }

    /** A stream's state within a group: versions and ids accepted but not committed yet. */
    private static final class Tentative {
        long version;
        final Map<UUID, Long> versionsById = new HashMap<>();
        final List<Long> offsets = new ArrayList<>();
    }

    private record Accepted(Request request, long firstVersion, List<CompletableFuture<RecordMetadata>> sends) {
    }

    private record Duplicate(Request request, long firstVersion, long lastVersion) {
    }

    private void writeGroup(List<Request> group) {
        EventStoreException f = failure;
        if (f != null) {
            group.forEach(r -> r.result().completeExceptionally(f));
            return;
        }
        Map<String, Tentative> tentative = new HashMap<>();
        List<Accepted> accepted = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        long timestamp = clock.millis();
        boolean began = false;
        try {
            for (Request r : group) {
                StreamIndex.StreamState state = index.get(r.streamId());
                Tentative t = tentative.get(r.streamId());
                long current = t != null ? t.version : state == null ? ExpectedVersion.NO_STREAM : state.version();
                long[] existing;
                try {
                    existing = existingVersions(r, state, t);
                } catch (DuplicateEventException e) {
                    r.result().completeExceptionally(e);
                    continue;
                }
                if (existing != null) {
                    duplicates.add(new Duplicate(r, existing[0], existing[1]));
                    continue;
                }
                long expected = r.expectedVersion();
                if (expected != ExpectedVersion.ANY && expected != current) {
                    r.result().completeExceptionally(
                            new WrongExpectedVersionException(r.streamId(), expected, current));
                    continue;
                }
                if (!began) {
                    producer.beginTransaction();
                    began = true;
                }
                if (t == null) {
                    t = new Tentative();
                    t.version = current;
                    tentative.put(r.streamId(), t);
                }
                List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>(r.events().size());
                byte[] key = EventRecordLayout.key(r.streamId());
                for (EncodedEvent e : r.events()) {
                    long v = ++t.version;
                    t.versionsById.put(e.eventId(), v);
                    sends.add(producer.send(new ProducerRecord(topic, r.partition(), key, e.value(), timestamp,
                            EventRecordLayout.headers(e.eventId(), v, e.causationId(), e.correlationId()))));
                }
                accepted.add(new Accepted(r, current + 1, sends));
            }
        } catch (RuntimeException e) {
            // nothing committed: abort, fail this group's appends, keep going
            EventStoreException err = new EventStoreException("append to event topic '" + topic + "' failed: " + e, e);
            try {
                if (began) {
                    producer.abortTransaction();
                }
            } catch (RuntimeException abortFailure) {
                failure = new EventStoreException("event store on topic '" + topic + "' could not abort a failed "
                        + "append and stopped accepting appends; reopen it to continue", abortFailure);
            }
            accepted.forEach(a -> a.request().result().completeExceptionally(err));
            duplicates.forEach(d -> d.request().result().completeExceptionally(err));
            return;
        }
        try {
            if (began) {
                producer.commitTransaction();
            }
        } catch (RuntimeException e) {
            // the commit may or may not have been decided: the index can no longer be trusted, so stop writing
            EventStoreException err = new EventStoreException("event store on topic '" + topic + "' failed to "
                    + "commit an append and stopped accepting appends; reopen it to continue", e);
            failure = err;
            accepted.forEach(a -> a.request().result().completeExceptionally(err));
            duplicates.forEach(d -> d.request().result().completeExceptionally(err));
            return;
        }
        for (Accepted a : accepted) {
            Request r = a.request();
            StreamIndex.StreamState state = index.getOrCreate(r.streamId(), r.partition());
            long first = -1;
            long last = -1;
            for (int i = 0; i < r.events().size(); i++) {
                long offset = a.sends().get(i).join().offset();
                state.add(r.events().get(i).eventId(), a.firstVersion() + i, offset, r.streamId());
                first = i == 0 ? offset : first;
                last = offset;
            }
            r.result().complete(new AppendResult(r.streamId(), a.firstVersion(),
                    a.firstVersion() + r.events().size() - 1, new Position(r.partition(), first),
                    new Position(r.partition(), last), false));
        }
        for (Duplicate d : duplicates) {
            StreamIndex.StreamState state = index.get(d.request().streamId());
            d.request().result().complete(new AppendResult(d.request().streamId(), d.firstVersion(),
                    d.lastVersion(), new Position(state.partition(), state.offsetOf(d.firstVersion())),
                    new Position(state.partition(), state.offsetOf(d.lastVersion())), true));
        }
        if (!accepted.isEmpty()) {
            signal.signal();
        }
    }

    /**
     * @return {first, last} original versions when every event of the request is already in the stream (committed
     *     or accepted earlier in this group), null when none is
     * @throws EventStoreException (completing the request) when only some are, or not at consecutive versions
     */
    private static long[] existingVersions(Request r, StreamIndex.StreamState state, Tentative t) {
        int found = 0;
        long first = -1;
        long previous = -1;
        boolean consecutive = true;
        for (EncodedEvent e : r.events()) {
            Long v = t != null ? t.versionsById.get(e.eventId()) : null;
            if (v == null && state != null) {
                v = state.versionOf(e.eventId());
            }
            if (v != null) {
                if (found == 0) {
                    first = v;
                } else if (v != previous + 1) {
                    consecutive = false;
                }
                previous = v;
                found++;
            }
        }
        if (found == 0) {
            return null;
        }
        if (found == r.events().size() && consecutive) {
            return new long[] {first, previous};
        }
        throw new DuplicateEventException(r.streamId(), found, r.events().size());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(POISON);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}

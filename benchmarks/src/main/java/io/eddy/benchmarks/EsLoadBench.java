package io.eddy.benchmarks;

import io.eddy.eventsourcing.Aggregate;
import io.eddy.eventsourcing.AggregateRepository;
import io.eddy.eventsourcing.EventData;
import io.eddy.eventsourcing.EventStore;
import io.eddy.eventsourcing.EventStoreConfig;
import io.eddy.eventsourcing.ExpectedVersion;
import io.eddy.serialization.KryoRegistrations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Loads one aggregate whose stream holds {@code --events} events (interleaved with as many events of other
 * streams), by folding every event and from its latest snapshot (plus a tail of {@code --tail} events appended
 * after it), and prints the best time of each.
 */
@Command(name = "es-load", mixinStandardHelpOptions = true,
        description = "Load an aggregate of 10,000 events with and without a snapshot.")
final class EsLoadBench implements Callable<Integer> {
    record Moved(long cents) {
    }

    record Balance(long cents, long events) {
        Balance apply(Object event) {
            return event instanceof Moved m ? new Balance(cents + m.cents(), events + 1) : this;
        }
    }

    static final KryoRegistrations REGISTRATIONS = KryoRegistrations.builder().register(Moved.class, 910)
            .register(Balance.class, 911).build();

    @Option(names = "--events", defaultValue = "10000", description = "events in the loaded stream")
    int events;

    @Option(names = "--tail", defaultValue = "50", description = "events after the snapshot")
    int tail;

    @Option(names = "--runs", defaultValue = "20", description = "loads per mode (after 5 warm-ups); best reported")
    int runs;

    @Option(names = "--dir", description = "scratch directory (default: a temp dir, deleted afterwards)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        try (BenchDirectory scratch = new BenchDirectory(dir);
             EventStore store = EventStore.open(scratch.path(), EventStoreConfig.of(REGISTRATIONS))) {
            long t0 = System.nanoTime();
            int perAppend = 100;
            long version = ExpectedVersion.NO_STREAM;
            for (int i = 0; i < events; i += perAppend) {
                List<EventData> batch = new ArrayList<>();
                List<EventData> noise = new ArrayList<>();
                for (int j = 0; j < perAppend && i + j < events; j++) {
                    batch.add(EventData.of(new Moved(i + j)));
                    noise.add(EventData.of(new Moved(-1)));
                }
                version = store.append("big", version, batch).lastVersion();
                store.append("other-" + (i / perAppend % 10), ExpectedVersion.ANY, noise);
            }
            System.out.printf("appended %d events to 'big' (and %d to other streams) in %.1f s%n", events, events,
                    (System.nanoTime() - t0) / 1e9);
            AggregateRepository<Balance> plain = AggregateRepository.builder(store, "balance-plain",
                    new Balance(0, 0), Balance::apply).build();
            AggregateRepository<Balance> snapshotted = AggregateRepository.builder(store, "balance",
                    new Balance(0, 0), Balance::apply).snapshotEvery(Integer.MAX_VALUE).build();
            Aggregate<Balance> full = plain.load("big");
            snapshotted.snapshot(full);
            List<EventData> tailEvents = new ArrayList<>();
            for (int i = 0; i < tail; i++) {
                tailEvents.add(EventData.of(new Moved(1)));
            }
            if (tail > 0) {
                store.append("big", full.version(), tailEvents);
            }
            Aggregate<Balance> expected = plain.load("big");
            double plainMs = best(plain, expected);
            double snapMs = best(snapshotted, expected);
            System.out.printf("load of %d events by folding all: %.2f ms; from a snapshot + %d events: %.2f ms"
                    + " (%.0fx faster)%n", events + tail, plainMs, tail, snapMs, plainMs / snapMs);
            new Results("es-load").put("events", events + tail).put("tail_after_snapshot", tail)
                    .put("full_fold_ms", plainMs).put("snapshot_ms", snapMs).put("speedup", plainMs / snapMs)
                    .print();
        }
        return 0;
    }

    private double best(AggregateRepository<Balance> repo, Aggregate<Balance> expected) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs + 5; i++) {
            long t0 = System.nanoTime();
            Aggregate<Balance> loaded = repo.load("big");
            double ms = (System.nanoTime() - t0) / 1e6;
            if (!loaded.equals(expected)) {
                throw new IllegalStateException("loaded " + loaded + ", expected " + expected);
            }
            if (i >= 5) {
                best = Math.min(best, ms);
            }
        }
        return best;
    }
}

package io.eddy.eventsourcing;

import io.eddy.eventsourcing.TestEvents.Added;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Child JVM of {@link EventStoreCrashTest}: appends pairs of events to random streams from three threads, with a
 * projection running, and prints one {@code ACK} line per acknowledged append. Args: data dir, appends per thread
 * (0 = until killed).
 */
public final class CrashingAppender {
    private CrashingAppender() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        int appends = Integer.parseInt(args[1]);
        try (EventStore store = EventStore.open(dataDir, TestEvents.config());
             Projection totals = Projection.builder(store, "totals", ProjectionTest.TOTALS)
                     .commitInterval(Duration.ofMillis(50)).build()) {
            totals.start();
            Thread[] threads = new Thread[3];
            for (int t = 0; t < threads.length; t++) {
                Random random = new Random(System.nanoTime() + t);
                threads[t] = new Thread(() -> {
                    for (int i = 0; appends == 0 || i < appends; i++) {
                        String stream = "s-" + random.nextInt(10);
                        long expected = store.currentVersion(stream);
                        long amount = random.nextInt(1_000_000) * 2L;
                        UUID first = UUID.randomUUID();
                        try {
                            AppendResult r = store.append(stream, expected, List.of(
                                    EventData.of(first, new Added(amount)),
                                    EventData.of(UUID.randomUUID(), new Added(amount + 1))));
                            System.out.println("ACK " + stream + " " + r.firstVersion() + " "
                                    + r.firstPosition().offset() + " " + first);
                        } catch (WrongExpectedVersionException e) {
                            // another thread won this version
                        }
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
        System.out.println("DONE");
    }
}

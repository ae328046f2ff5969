package io.eddy.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.eventsourcing.TestEvents.Added;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many threads appending to the same streams at once. */
class EventStoreConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 200;

    @TempDir
    Path dir;

    @Test
    void exactlyOneAppenderWinsEachVersionAndNoEventIsLostOrDuplicated() throws Exception {
        // each round, every thread reads the version and tries to append its own event expecting it
        ConcurrentHashMap<Long, List<Integer>> winners = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(new Thread(() -> {
                    try {
                        for (int round = 0; round < ROUNDS; round++) {
                            barrier.await(30, TimeUnit.SECONDS);
                            long expected = store.currentVersion("hot");
                            try {
                                AppendResult r = store.append("hot", expected,
                                        EventData.of(new Added(thread * 1_000_000L + round)));
                                assertThat(r.firstVersion()).isEqualTo(expected + 1);
                                winners.computeIfAbsent(r.firstVersion(), v -> new CopyOnWriteArrayList<>())
                                        .add(thread);
                            } catch (WrongExpectedVersionException e) {
                                assertThat(e.expectedVersion()).isEqualTo(expected);
                                assertThat(e.currentVersion()).isGreaterThan(expected);
                                conflicts.incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                        barrier.reset();
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(errors).isEmpty();
            long version = store.currentVersion("hot");
            assertThat(winners).allSatisfy((v, w) -> assertThat(w).as("winners of version %d", v).hasSize(1));
            assertThat(winners.keySet()).hasSize((int) version + 1);
            assertThat(winners.size() + conflicts.get()).isEqualTo(THREADS * ROUNDS);
            assertThat(winners.size()).isGreaterThanOrEqualTo(ROUNDS);
            List<RecordedEvent> events = store.read("hot", 0);
            assertThat(events).extracting(RecordedEvent::version)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(0, version).boxed().toList());
            Set<Long> amounts = new HashSet<>();
            for (RecordedEvent e : events) {
                assertThat(amounts.add(e.data(Added.class).amount())).isTrue();
                long winner = e.data(Added.class).amount() / 1_000_000L;
                assertThat(winners.get(e.version())).containsExactly((int) winner);
            }
        }
    }

    @Test
    void concurrentAppendsToManyStreamsAllLandWithGapFreeVersionsAndSurviveReopen() throws Exception {
        int perThread = 300;
        CountDownLatch start = new CountDownLatch(1);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                threads.add(new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            // each thread owns streams t-0..t-9 and tracks their versions itself
                            store.append("t" + thread + "-" + (i % 10), i / 10 - 1, EventData.of(new Added(i)));
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(errors).isEmpty();
        }
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            assertThat(store.streamCount()).isEqualTo(THREADS * 10);
            assertThat(store.readAll(Position.START, 100_000)).hasSize(THREADS * perThread);
            for (int t = 0; t < THREADS; t++) {
                List<RecordedEvent> s = store.read("t" + t + "-3", 0);
                assertThat(s).extracting(e -> e.data(Added.class).amount())
                        .containsExactlyElementsOf(java.util.stream.LongStream.range(0, perThread)
                                .filter(i -> i % 10 == 3).boxed().toList());
            }
        }
    }

    @Test
    void concurrentRetriesOfTheSameEventIdWriteItOnce() throws Exception {
        java.util.UUID id = java.util.UUID.randomUUID();
        List<AppendResult> results = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                threads.add(new Thread(() -> {
                    try {
                        start.await();
                        results.add(store.append("once", ExpectedVersion.ANY, EventData.of(id, new Added(7))));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            threads.forEach(Thread::start);
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(results).hasSize(THREADS).allMatch(r -> r.firstVersion() == 0);
            assertThat(results).filteredOn(r -> !r.duplicate()).hasSize(1);
            assertThat(store.read("once", 0)).hasSize(1);
        }
    }
}

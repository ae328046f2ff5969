package io.eddy.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.eventsourcing.TestEvents.Added;
import io.eddy.eventsourcing.TestEvents.Counter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateRepositoryTest {
    private static final Counter EMPTY = new Counter(0, 0);

    @TempDir
    Path dir;

    private static Counter fold(Counter c, Object event) {
        return event instanceof Added a ? new Counter(c.total() + a.amount(), c.events() + 1) : c;
    }

    @Test
    void loadsByFoldingEventsAndRunsCommandsWithTheLoadedVersion() {
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            AggregateRepository<Counter> repo = AggregateRepository.builder(store, "counter", EMPTY,
                    AggregateRepositoryTest::fold).build();
            assertThat(repo.load("c")).isEqualTo(new Aggregate<>("c", EMPTY, -1));
            CommandResult<Counter> r = repo.execute("c", c -> List.of(new Added(5), new Added(6)), 1);
            assertThat(r.aggregate()).isEqualTo(new Aggregate<>("c", new Counter(11, 2), 1));
            assertThat(r.append().lastVersion()).isEqualTo(1);
            assertThat(repo.execute("c", c -> List.of(), 1).append()).isNull();
            assertThat(repo.load("c").state()).isEqualTo(new Counter(11, 2));
            assertThatThrownBy(() -> repo.execute("c", c -> {
                throw new IllegalStateException("rejected at total " + c.total());
            }, 1)).hasMessage("rejected at total 11");
        }
    }

    @Test
    void commandsRetryOnConflictSoConcurrentIncrementsAreNeverLost() throws Exception {
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            AggregateRepository<Counter> repo = AggregateRepository.builder(store, "counter", EMPTY,
                    AggregateRepositoryTest::fold).build();
            AtomicInteger retries = new AtomicInteger();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                threads.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < 50; i++) {
                            // a decision depending on the state: the next event carries total + 1
                            CommandResult<Counter> r = repo.execute("c", c -> List.of(new Added(c.events() + 1)),
                                    Integer.MAX_VALUE);
                            retries.addAndGet(r.attempts() - 1);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(errors).isEmpty();
            List<RecordedEvent> events = store.read("c", 0);
            assertThat(events).hasSize(300);
            for (RecordedEvent e : events) {
                assertThat(e.data(Added.class).amount()).as("decided on the state at version %d", e.version())
                        .isEqualTo(e.version() + 1);
            }
            assertThat(retries.get()).isPositive();
        }
    }

    @Test
    void withoutRetriesAConflictSurfaces() {
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            AggregateRepository<Counter> repo = AggregateRepository.builder(store, "counter", EMPTY,
                    AggregateRepositoryTest::fold).build();
            assertThatThrownBy(() -> repo.execute("c", c -> {
                store.append("c", ExpectedVersion.ANY, EventData.of(new Added(100))); // a concurrent writer
                return List.of(new Added(1));
            }, 1)).isInstanceOf(WrongExpectedVersionException.class);
        }
    }

    @Test
    void snapshotsKeepLoadingShortAndGiveTheSameStateAsAFullFold() {
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            AggregateRepository<Counter> repo = AggregateRepository.builder(store, "counter", EMPTY,
                    AggregateRepositoryTest::fold).snapshotEvery(100).build();
            for (int i = 0; i < 25; i++) {
                List<Added> batch = new ArrayList<>();
                for (int j = 0; j < 10; j++) {
                    batch.add(new Added(i * 10 + j));
                }
                repo.execute("c", c -> batch, 1);
            }
            assertThat(repo.snapshotVersion("c")).isEqualTo(199);
        }
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            AggregateRepository<Counter> withSnapshots = AggregateRepository.builder(store, "counter", EMPTY,
                    AggregateRepositoryTest::fold).snapshotEvery(100).build();
            AggregateRepository<Counter> plain = AggregateRepository.builder(store, "counter", EMPTY,
                    AggregateRepositoryTest::fold).build();
            assertThat(withSnapshots.snapshotVersion("c")).isEqualTo(199);
            Aggregate<Counter> expected = new Aggregate<>("c", new Counter(249 * 250 / 2, 250), 249);
            assertThat(withSnapshots.load("c")).isEqualTo(expected);
            assertThat(plain.load("c")).isEqualTo(expected);
        }
    }
}

package io.eddy.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eddy.eventsourcing.TestEvents.Added;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catch-up subscriptions started while appends run. */
class CatchUpSubscriptionTest {
    @TempDir
    Path dir;

    @Test
    void subscriptionStartedMidStreamSeesEveryEventExactlyOnceInOrderAcrossTheSwitchToLive() throws Exception {
        int threads = 4;
        int perThread = 500;
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            for (int i = 0; i < 200; i++) {
                store.append("history", i - 1, EventData.of(new Added(i)));
            }
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        store.append("w" + thread, i - 1, EventData.of(new Added(i)));
                    }
                }));
            }
            writers.forEach(Thread::start);
            List<RecordedEvent> fromStart = new CopyOnWriteArrayList<>();
            List<RecordedEvent> fromMiddle = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> store.readAll(Position.START, 300).size() == 300);
            Position middle = store.readAll(Position.START, 300).get(299).position();
            try (Subscription all = store.subscribe(Position.START, fromStart::add);
                 Subscription tail = store.subscribe(middle, fromMiddle::add)) {
                for (Thread w : writers) {
                    w.join();
                }
                int total = 200 + threads * perThread;
                await().atMost(Duration.ofSeconds(30)).until(() -> fromStart.size() >= total);
                await().atMost(Duration.ofSeconds(30)).until(() -> fromMiddle.size() >= total - 299);
                Thread.sleep(100);
                assertThat(all.isRunning()).isTrue();
                List<RecordedEvent> expected = store.readAll(Position.START, 100_000);
                assertThat(expected).hasSize(total);
                assertThat(fromStart).containsExactlyElementsOf(expected);
                assertThat(fromMiddle).containsExactlyElementsOf(expected.subList(299, total));
                // per stream: versions 0, 1, 2, ... exactly once
                for (int t = 0; t < threads; t++) {
                    String stream = "w" + t;
                    assertThat(fromStart.stream().filter(e -> e.streamId().equals(stream))
                            .map(e -> e.data(Added.class).amount()).toList())
                            .containsExactlyElementsOf(java.util.stream.LongStream.range(0, perThread).boxed()
                                    .toList());
                }
                // live after catch-up
                AppendResult live = store.append("live", ExpectedVersion.NO_STREAM, EventData.of(new Added(1)));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> fromStart.get(fromStart.size() - 1).position().equals(live.firstPosition()));
            }
        }
    }

    @Test
    void closedSubscriptionStopsDelivering() throws Exception {
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            List<RecordedEvent> seen = new CopyOnWriteArrayList<>();
            Subscription s = store.subscribe(Position.START, seen::add);
            store.append("a", ExpectedVersion.ANY, EventData.of(new Added(1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
            s.close();
            assertThat(s.isRunning()).isFalse();
            store.append("a", ExpectedVersion.ANY, EventData.of(new Added(2)));
            Thread.sleep(200);
            assertThat(seen).hasSize(1);
            assertThat(s.position().offset()).isGreaterThan(seen.get(0).position().offset());
        }
    }

    @Test
    void withSeveralPartitionsOneSubscriptionPerPartitionSeesEachPartitionsEventsInOrder() throws Exception {
        try (EventStore store = EventStore.open(dir, TestEvents.config().withPartitions(3))) {
            List<List<RecordedEvent>> seen = new ArrayList<>();
            List<Subscription> subs = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                List<RecordedEvent> events = new CopyOnWriteArrayList<>();
                seen.add(events);
                subs.add(store.subscribe(new Position(p, 0), events::add));
            }
            for (int i = 0; i < 300; i++) {
                store.append("s-" + (i % 12), i / 12 - 1, EventData.of(new Added(i)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.stream().mapToInt(List::size).sum() == 300);
            for (int p = 0; p < 3; p++) {
                assertThat(seen.get(p)).containsExactlyElementsOf(store.readAll(new Position(p, 0), 1000));
                assertThat(seen.get(p)).extracting(e -> e.data(Added.class).amount()).isSorted();
            }
            subs.forEach(Subscription::close);
        }
    }
}

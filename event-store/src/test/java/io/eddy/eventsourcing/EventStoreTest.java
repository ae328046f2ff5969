package io.eddy.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.eventsourcing.TestEvents.Added;
import io.eddy.eventsourcing.TestEvents.Renamed;
import io.eddy.log.IsolationLevel;
import io.eddy.log.LogStore;
import io.eddy.log.TopicPartition;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {
    @TempDir
    Path dir;

    @Test
    void appendsGetGapFreeVersionsFromZeroAndReadBackInOrderWithMetadata() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        UUID cause = UUID.randomUUID();
        try (EventStore store = EventStore.open(dir, TestEvents.config().withClock(clock))) {
            AppendResult first = store.append("s-1", ExpectedVersion.NO_STREAM, EventData.of(new Added(1)),
                    EventData.of(new Added(2)).withCausation(cause, cause));
            assertThat(first.firstVersion()).isZero();
            assertThat(first.lastVersion()).isEqualTo(1);
            AppendResult second = store.append("s-1", 1, EventData.of(new Renamed("x")));
            assertThat(second.firstVersion()).isEqualTo(2);
            assertThat(second.firstPosition()).isGreaterThan(first.lastPosition());
            assertThat(store.currentVersion("s-1")).isEqualTo(2);
            assertThat(store.currentVersion("nope")).isEqualTo(ExpectedVersion.NO_STREAM);

            List<RecordedEvent> events = store.read("s-1", 0);
            assertThat(events).extracting(RecordedEvent::version).containsExactly(0L, 1L, 2L);
            assertThat(events).extracting(RecordedEvent::data)
                    .containsExactly(new Added(1), new Added(2), new Renamed("x"));
            assertThat(events.get(1).causationId()).isEqualTo(cause);
            assertThat(events.get(1).correlationId()).isEqualTo(cause);
            assertThat(events.get(0).causationId()).isNull();
            assertThat(events.get(2).timestamp()).isEqualTo(clock.instant());
            assertThat(events.get(2).position()).isEqualTo(second.firstPosition());
            assertThat(store.read("s-1", 2)).extracting(RecordedEvent::data).containsExactly(new Renamed("x"));
            assertThat(store.read("s-1", 1, 1)).extracting(RecordedEvent::version).containsExactly(1L);
            assertThat(store.read("s-1", 3)).isEmpty();
        }
    }

    @Test
    void wrongExpectedVersionNamesBothVersionsAndWritesNothing() {
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            store.append("s", ExpectedVersion.ANY, EventData.of(new Added(1)));
            assertThatThrownBy(() -> store.append("s", 5, EventData.of(new Added(2)), EventData.of(new Added(3))))
                    .isInstanceOf(WrongExpectedVersionException.class)
                    .hasMessageContaining("'s'").hasMessageContaining("expected version 5")
                    .hasMessageContaining("current version is 0");
            assertThatThrownBy(() -> store.append("s", ExpectedVersion.NO_STREAM, EventData.of(new Added(2))))
                    .isInstanceOf(WrongExpectedVersionException.class).hasMessageContaining("NO_STREAM");
            assertThatThrownBy(() -> store.append("t", 0, EventData.of(new Added(2))))
                    .isInstanceOf(WrongExpectedVersionException.class)
                    .hasMessageContaining("current version is -1 (no stream)");
            assertThat(store.read("s", 0)).hasSize(1);
            assertThat(store.readAll(Position.START, 100)).hasSize(1);
        }
    }

    @Test
    void retryingAnAppendWithTheSameEventIdsIsANoOpReturningTheOriginalVersionsOverTheWholeHistory() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            AppendResult original = store.append("s", ExpectedVersion.NO_STREAM, EventData.of(a, new Added(1)),
                    EventData.of(b, new Added(2)));
            for (int i = 0; i < 50; i++) {
                store.append("s", ExpectedVersion.ANY, EventData.of(new Added(10 + i)));
            }
            AppendResult retry = store.append("s", ExpectedVersion.NO_STREAM, EventData.of(a, new Added(1)),
                    EventData.of(b, new Added(2)));
            assertThat(retry.duplicate()).isTrue();
            assertThat(retry.firstVersion()).isEqualTo(original.firstVersion());
            assertThat(retry.lastVersion()).isEqualTo(original.lastVersion());
            assertThat(retry.lastPosition()).isEqualTo(original.lastPosition());
            assertThat(store.currentVersion("s")).isEqualTo(51);
            // the same id in another stream is a different event
            assertThat(store.append("other", ExpectedVersion.NO_STREAM, EventData.of(a, new Added(1))).duplicate())
                    .isFalse();
            assertThatThrownBy(() -> store.append("s", 51, EventData.of(a, new Added(1)),
                    EventData.of(UUID.randomUUID(), new Added(3))))
                    .isInstanceOf(DuplicateEventException.class).hasMessageContaining("1 of the 2");
        }
        // and after reopening: the index is rebuilt from the topic
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            AppendResult retry = store.append("s", 7, EventData.of(b, new Added(2)));
            assertThat(retry.duplicate()).isTrue();
            assertThat(retry.firstVersion()).isEqualTo(1);
            assertThat(store.currentVersion("s")).isEqualTo(51);
        }
    }

    @Test
    void reopeningRebuildsVersionsAndReadAllFollowsOneTotalOrder() {
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            for (int i = 0; i < 30; i++) {
                store.append("s-" + (i % 3), i / 3 - 1, EventData.of(new Added(i)));
            }
        }
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            assertThat(store.currentVersion("s-0")).isEqualTo(9);
            assertThat(store.streamCount()).isEqualTo(3);
            List<RecordedEvent> all = store.readAll(Position.START, 1000);
            assertThat(all).extracting(e -> e.data(Added.class).amount())
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 30).boxed().toList());
            assertThat(all).extracting(RecordedEvent::position).isSorted();
            List<RecordedEvent> tail = store.readAll(all.get(9).position().next(), 5);
            assertThat(tail).extracting(e -> e.data(Added.class).amount()).containsExactly(10L, 11L, 12L, 13L, 14L);
            store.append("s-0", 9, EventData.of(new Added(99)));
        }
    }

    @Test
    void severalPartitionsKeepEachStreamInOnePartitionOrderedPerPartition() {
        try (EventStore store = EventStore.open(dir, TestEvents.config().withPartitions(4))) {
            for (int i = 0; i < 40; i++) {
                AppendResult r = store.append("s-" + (i % 8), ExpectedVersion.ANY, EventData.of(new Added(i)));
                assertThat(r.firstPosition().partition()).isEqualTo(store.partitionFor("s-" + (i % 8)));
            }
            int total = 0;
            for (int p = 0; p < 4; p++) {
                List<RecordedEvent> part = store.readAll(new Position(p, 0), 1000);
                assertThat(part).allMatch(e -> store.partitionFor(e.streamId()) == e.position().partition());
                assertThat(part).extracting(e -> e.data(Added.class).amount()).isSorted();
                total += part.size();
            }
            assertThat(total).isEqualTo(40);
            assertThat(store.read("s-3", 0)).extracting(RecordedEvent::version).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
    }

    @Test
    void sharesALogAndLeavesItOpenAndEveryAppendIsOneCommittedTransaction() {
        try (LogStore log = LogStore.open(dir.resolve("log"))) {
            try (EventStore store = EventStore.on(log, TestEvents.config())) {
                store.append("s", ExpectedVersion.NO_STREAM, EventData.of(new Added(1)), EventData.of(new Added(2)));
            }
            TopicPartition tp = new TopicPartition("events", 0);
            assertThat(log.read(tp, 0, 100, IsolationLevel.READ_COMMITTED)).hasSize(2);
            assertThat(log.lastStableOffset(tp)).isEqualTo(log.endOffset(tp));
        }
    }

    @Test
    void anUnregisteredEventClassFailsInTheCallerAndWritesNothing() {
        record Unregistered(int x) {
        }
        try (EventStore store = EventStore.open(dir, TestEvents.config())) {
            assertThatThrownBy(() -> store.append("s", ExpectedVersion.ANY, EventData.of(new Added(1)),
                    EventData.of(new Unregistered(1)))).hasMessageContaining("Unregistered");
            assertThat(store.currentVersion("s")).isEqualTo(-1);
            store.append("s", ExpectedVersion.NO_STREAM, EventData.of(new Added(1)));
        }
    }
}

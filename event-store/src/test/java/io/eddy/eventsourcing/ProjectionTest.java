package io.eddy.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.eventsourcing.TestEvents.Added;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.ReadOnlyKeyValueStore;
import io.eddy.streams.QueryableStoreTypes;
import io.eddy.streams.kstream.KStream;
import io.eddy.streams.kstream.Materialized;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionTest {
    @TempDir
    Path dir;

    static final Consumer<KStream<String, Object>> TOTALS = events -> events
            .groupByKey()
            .aggregate(() -> 0L, (stream, event, total) -> total + ((Added) event).amount(),
                    Materialized.as("totals"));

    static Map<String, Long> contents(ReadOnlyKeyValueStore<String, Long> store) {
        Map<String, Long> out = new TreeMap<>();
        try (KeyValueIterator<String, Long> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                out.put(kv.key, kv.value);
            }
        }
        return out;
    }

    @Test
    void queriesSeeTheirOwnAppendsAndTimeOutWithAClearError() {
        try (EventStore store = EventStore.open(dir, TestEvents.config());
             Projection totals = Projection.builder(store, "totals", TOTALS)
                     .commitInterval(Duration.ofSeconds(30)).build()) {
            totals.start();
            for (int i = 1; i <= 20; i++) {
                AppendResult r = store.append("acct-" + (i % 3), ExpectedVersion.ANY, EventData.of(new Added(i)));
                // the commit interval is long: the query itself must get the projection to commit
                ReadOnlyKeyValueStore<String, Long> view = totals.query("totals",
                        QueryableStoreTypes.keyValueStore(), r.lastPosition(), Duration.ofSeconds(20));
                long expected = 0;
                for (int j = 1; j <= i; j++) {
                    expected += j % 3 == i % 3 ? j : 0;
                }
                assertThat(view.get("acct-" + (i % 3))).isEqualTo(expected);
            }
            assertThatThrownBy(() -> totals.awaitPosition(Position.of(1_000_000), Duration.ofMillis(200)))
                    .isInstanceOf(ProjectionTimeoutException.class)
                    .hasMessageContaining("projection 'totals'").hasMessageContaining("0:1000000");
        }
    }

    @Test
    void rebuildingFromScratchGivesTheSameReadModel() {
        Random random = new Random(3);
        try (EventStore store = EventStore.open(dir, TestEvents.config());
             Projection totals = Projection.builder(store, "totals", TOTALS).build()) {
            totals.start();
            AppendResult last = null;
            Map<String, Long> expected = new TreeMap<>();
            for (int i = 0; i < 500; i++) {
                String stream = "acct-" + random.nextInt(20);
                long amount = random.nextInt(1000);
                last = store.append(stream, ExpectedVersion.ANY, EventData.of(new Added(amount)));
                expected.merge(stream, amount, Long::sum);
            }
            Map<String, Long> before = contents(totals.query("totals", QueryableStoreTypes.keyValueStore(),
                    last.lastPosition(), Duration.ofSeconds(30)));
            assertThat(before).isEqualTo(expected);
            totals.rebuild();
            Map<String, Long> after = contents(totals.query("totals", QueryableStoreTypes.keyValueStore(),
                    last.lastPosition(), Duration.ofSeconds(30)));
            assertThat(after).isEqualTo(before);
        }
    }
}

package io.eddy.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.eventsourcing.TestEvents.Added;
import io.eddy.streams.QueryableStoreTypes;
import io.eddy.streams.test.CrashHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills an appending process (with a projection running) with SIGKILL, repeatedly, and checks what survived. */
class EventStoreCrashTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedAppendSurvivesSigkillAtomicallyAndProjectionsConverge() throws Exception {
        Path data = dir.resolve("data");
        Path logs = dir.resolve("logs");
        Files.createDirectories(logs);
        CrashHarness harness = CrashHarness.builder(CrashingAppender.class.getName(), logs)
                .args(data.toString(), "0").build();
        harness.runAndKill(6, 700, 2500);
        CrashHarness finisher = CrashHarness.builder(CrashingAppender.class.getName(), logs.resolve("final"))
                .args(data.toString(), "30").build();
        Files.createDirectories(logs.resolve("final"));
        assertThat(finisher.runToCompletion(120_000)).isZero();

        List<String[]> acks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("ACK ")) {
                        acks.add(line.split(" "));
                    }
                }
            }
        }
        String context = "seed " + harness.seed() + ", " + harness.kills() + " kills, " + acks.size() + " acks";
        System.out.println("crash test: " + context);
        assertThat(harness.kills()).as(context).isPositive();
        assertThat(acks).as(context).hasSizeGreaterThan(30);

        try (EventStore store = EventStore.open(data, TestEvents.config())) {
            for (String[] ack : acks) {
                List<RecordedEvent> events = store.read(ack[1], Long.parseLong(ack[2]), 1);
                assertThat(events).as("acked %s v%s (%s)", ack[1], ack[2], context).hasSize(1);
                assertThat(events.get(0).eventId()).isEqualTo(UUID.fromString(ack[4]));
                assertThat(events.get(0).position().offset()).isEqualTo(Long.parseLong(ack[3]));
            }
            Map<String, Long> expectedTotals = new TreeMap<>();
            for (int s = 0; s < 10; s++) {
                String stream = "s-" + s;
                List<RecordedEvent> events = store.read(stream, 0);
                assertThat(events.size()).as("%s holds whole appends only (%s)", stream, context).isEven();
                for (int i = 0; i < events.size(); i++) {
                    assertThat(events.get(i).version()).isEqualTo(i);
                    long amount = events.get(i).data(Added.class).amount();
                    if (i % 2 == 1) {
                        assertThat(amount).as("pair partner in %s (%s)", stream, context)
                                .isEqualTo(events.get(i - 1).data(Added.class).amount() + 1);
                    }
                    expectedTotals.merge(stream, amount, Long::sum);
                }
            }
            List<RecordedEvent> all = store.readAll(Position.START, Integer.MAX_VALUE);
            try (Projection totals = Projection.builder(store, "totals", ProjectionTest.TOTALS).build()) {
                totals.start();
                Map<String, Long> projected = ProjectionTest.contents(totals.query("totals",
                        QueryableStoreTypes.keyValueStore(), all.get(all.size() - 1).position(),
                        Duration.ofSeconds(60)));
                assertThat(projected).as("projection after crashes (%s)", context).isEqualTo(expectedTotals);
            }
        }
    }
}

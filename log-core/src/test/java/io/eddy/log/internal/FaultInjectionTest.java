package io.eddy.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.ExpectedRecord;
import io.eddy.log.FsyncPolicy;
import io.eddy.log.LogException;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.PartitionContents;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.log.internal.FaultInjectingChannelFactory.Op;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * I/O faults beneath the log: a scripted workload (appends to two partitions, flushes, offset commits, segment rolls,
 * a close and reopen, reads) runs over {@link FaultInjectingChannelFactory}, which fails the k-th operation of one
 * kind; then the machine loses power (unsynced bytes are dropped) and the log is reopened on the real file system.
 * For every k: the log opens, serves a prefix of what was appended, keeps every record acknowledged by a returned
 * {@code flush()} or {@code commitOffsets()}, and keeps the last acknowledged committed offsets. Seeded by
 * {@link #SEED} ({@code -Deddy.test.seed=N}); failure messages name the operation, k, mode and seed.
 */
class FaultInjectionTest {
    private static final long SEED = Long.getLong("eddy.test.seed", 0xFA17L);
    private static final String TOPIC = "events";
    private static final String GROUP = "readers";
    private static final int PARTITIONS = 2;
    private static final int STEPS = 36;
    private static final TopicConfig CONFIG = TopicConfig.builder().segmentBytes(1024).indexIntervalBytes(128)
            .fsyncPolicy(FsyncPolicy.os()).build();
    private static final LogStoreOptions OPTIONS = LogStoreOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC))
            .withBackgroundMaintenance(false);

    @TempDir
    Path tmp;

    /** What the workload does after an operation fails. */
    enum AfterFault {
        /** Stop and lose power; the disk stays dead (every later operation fails too). */
        STOP,
        /** The fault was transient: carry on with the script (later operations succeed), lose power at the end. */
        KEEP_GOING
    }

    /** What the workload was told succeeded. */
    private static final class Acknowledged {
        final List<List<ExpectedRecord>> appended = new ArrayList<>();
        final int[] flushed = new int[PARTITIONS];
        Map<TopicPartition, OffsetAndMetadata> committed;
        final List<Map<TopicPartition, OffsetAndMetadata>> commitsSinceLastAck = new ArrayList<>();
        final List<String> trace = new ArrayList<>();

        Acknowledged() {
            for (int p = 0; p < PARTITIONS; p++) {
                appended.add(new ArrayList<>());
            }
        }

        int[] appendedCounts() {
            int[] n = new int[PARTITIONS];
            for (int p = 0; p < PARTITIONS; p++) {
                n[p] = appended.get(p).size();
            }
            return n;
        }
    }

    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @FunctionalInterface
    private interface Step {
        void run();
    }

    /** Runs the script; returns the log still open (or null if it could not be opened) for the crash to kill. */
    private static LogStore runWorkload(Path dir, FileChannelFactory io, AfterFault afterFault, Acknowledged ack,
                                        long seed) {
        LogStoreOptions options = OPTIONS.withFileChannelFactory(io);
        LogStore[] log = new LogStore[1];
        try {
            step(ack, afterFault, true, "open", () -> log[0] = LogStore.open(dir, options));
            step(ack, afterFault, true, "create topic", () -> log[0].createTopic(TOPIC, PARTITIONS, CONFIG));
            Random rnd = new Random(seed);
            for (int s = 0; s < STEPS; s++) {
                int p = rnd.nextInt(PARTITIONS);
                TopicPartition tp = new TopicPartition(TOPIC, p);
                List<ExpectedRecord> batch = new ArrayList<>();
                for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
                    batch.add(ExpectedRecord.random(rnd, 1_000 + s, false));
                }
                step(ack, afterFault, false, "append " + batch.size() + " to " + tp, () -> {
                    long base = log[0].append(tp, batch.stream().map(r -> r.toProducerRecord(TOPIC)).toList());
                    for (int i = 0; i < batch.size(); i++) {
                        ack.appended.get(p).add(batch.get(i).atOffset(base + i));
                    }
                });
                if (s % 4 == 3) {
                    step(ack, afterFault, false, "flush", () -> {
                        int[] covered = ack.appendedCounts();
                        log[0].flush();
                        System.arraycopy(covered, 0, ack.flushed, 0, PARTITIONS);
                    });
                }
                if (s % 6 == 5) {
                    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
                    for (int q = 0; q < PARTITIONS; q++) {
                        offsets.put(new TopicPartition(TOPIC, q), new OffsetAndMetadata(s * 10L + q, "step " + s));
                    }
                    ack.commitsSinceLastAck.add(offsets);
                    step(ack, afterFault, false, "commit", () -> {
                        int[] covered = ack.appendedCounts();
                        log[0].commitOffsets(GROUP, offsets);
                        System.arraycopy(covered, 0, ack.flushed, 0, PARTITIONS);
                        ack.committed = offsets;
                        ack.commitsSinceLastAck.clear();
                        ack.commitsSinceLastAck.add(offsets);
                    });
                }
                if (s % 5 == 4) {
                    int q = rnd.nextInt(PARTITIONS);
                    step(ack, afterFault, false, "read back", () -> assertLiveReadMatches(log[0], q, ack));
                }
                if (s == STEPS / 2) {
                    step(ack, afterFault, true, "close and reopen", () -> {
                        log[0].close();
                        log[0] = null;
                        log[0] = LogStore.open(dir, options);
                    });
                }
            }
            step(ack, afterFault, false, "final flush", () -> {
                int[] covered = ack.appendedCounts();
                log[0].flush();
                System.arraycopy(covered, 0, ack.flushed, 0, PARTITIONS);
            });
        } catch (Stop stop) {
            // the crash follows
        }
        return log[0];
    }

    /** Runs one step; a LogException ends the script in STOP mode or when the step is {@code essential}. */
    private static void step(Acknowledged ack, AfterFault afterFault, boolean essential, String name, Step step) {
        try {
            step.run();
            ack.trace.add(name);
        } catch (LogException e) {
            ack.trace.add(name + " FAILED: " + e.getMessage());
            if (essential || afterFault == AfterFault.STOP) {
                throw new Stop();
            }
        }
    }

    private static void assertLiveReadMatches(LogStore log, int partition, Acknowledged ack) {
        TopicPartition tp = new TopicPartition(TOPIC, partition);
        List<ExpectedRecord> appended = ack.appended.get(partition);
        long from = appended.size() / 2;
        List<LogRecord> got = log.read(tp, from, 1000);
        assertThat(got).extracting(ExpectedRecord::of)
                .as("live read of %s from %d", tp, from)
                .isEqualTo(appended.subList((int) from, (int) from + got.size()));
    }

    /** @return the script up to its first failed step, and how many steps ran or failed after it */
    private static String summary(List<String> trace) {
        int first = 0;
        while (first < trace.size() && !trace.get(first).contains("FAILED")) {
            first++;
        }
        if (first == trace.size()) {
            return trace.size() + " steps, none failed";
        }
        long laterFailures = trace.subList(first + 1, trace.size()).stream().filter(t -> t.contains("FAILED")).count();
        return "step " + (first + 1) + " of " + trace.size() + " failed first (" + trace.get(first) + "), after "
                + trace.subList(Math.max(0, first - 3), first) + "; " + laterFailures + " later steps failed";
    }

    private static void powerLoss(FaultInjectingChannelFactory disk, LogStore log) throws IOException {
        disk.crash();
        if (log != null) {
            log.close(); // every sync fails now; this only releases the lock and channels
        }
        disk.restoreDurableState();
    }

    private static void assertRecoveredState(Path dir, Acknowledged ack, String context) {
        LogStore log;
        try {
            log = LogStore.open(dir, OPTIONS);
        } catch (RuntimeException e) {
            throw new AssertionError(context + ": the log does not open after the fault and power loss", e);
        }
        try (log) {
            if (!log.topicExists(TOPIC)) {
                assertThat(ack.flushed).as(context + ": topic lost although flushes were acknowledged")
                        .containsOnly(0);
                return;
            }
            for (int p = 0; p < PARTITIONS; p++) {
                TopicPartition tp = new TopicPartition(TOPIC, p);
                List<ExpectedRecord> appended = ack.appended.get(p);
                List<ExpectedRecord> served = PartitionContents.readAll(log, tp);
                assertThat(served.size()).as(context + ": " + tp + " serves more than was acknowledged appended")
                        .isLessThanOrEqualTo(appended.size());
                assertThat(served).as(context + ": " + tp + " serves a prefix of what was appended")
                        .isEqualTo(appended.subList(0, served.size()));
                assertThat(served.size()).as(context + ": " + tp + " lost records acknowledged by flush or commit")
                        .isGreaterThanOrEqualTo(ack.flushed[p]);
                assertThat(log.endOffset(tp)).as(context).isEqualTo(served.size());
                long next = log.append(tp, List.of(ExpectedRecord.random(new Random(p), 5, false)
                        .toProducerRecord(TOPIC)));
                assertThat(next).as(context + ": appends continue at the end of " + tp).isEqualTo(served.size());
            }
            for (int p = 0; p < PARTITIONS; p++) {
                TopicPartition tp = new TopicPartition(TOPIC, p);
                Optional<OffsetAndMetadata> committed = log.committedOffset(GROUP, tp);
                if (ack.committed != null) {
                    List<OffsetAndMetadata> allowed = ack.commitsSinceLastAck.stream().map(m -> m.get(tp)).toList();
                    assertThat(committed).as(context + ": committed offset of " + tp).isPresent();
                    assertThat(allowed).as(context + ": committed offset of " + tp).contains(committed.get());
                } else {
                    committed.ifPresent(c -> assertThat(ack.commitsSinceLastAck.stream().map(m -> m.get(tp)))
                            .as(context + ": committed offset of " + tp).contains(c));
                }
            }
        }
    }

    @Test
    void withoutFaultsEverythingAppendedSurvivesPowerLossAfterTheFinalFlush() throws IOException {
        FaultInjectingChannelFactory disk = new FaultInjectingChannelFactory();
        Path dir = tmp.resolve("no-fault");
        Acknowledged ack = new Acknowledged();
        powerLoss(disk, runWorkload(dir, disk, AfterFault.STOP, ack, SEED));
        assertThat(ack.trace).as("script").noneMatch(s -> s.contains("FAILED"));
        assertThat(ack.flushed).as("the final flush covers everything")
                .containsExactly(ack.appended.get(0).size(), ack.appended.get(1).size());
        assertThat(ack.committed).isNotNull();
        assertRecoveredState(dir, ack, "no fault, seed " + SEED);
        for (Op op : Op.values()) {
            assertThat(disk.count(op)).as("the script performs %s operations for the sweep to fail", op).isPositive();
        }
        System.out.println("fault sweep sizes: " + java.util.Arrays.stream(Op.values())
                .map(op -> op + "=" + disk.count(op)).toList());
    }

    @ParameterizedTest(name = "{0} fault, {1}")
    @CsvSource({
        "WRITE, STOP", "FORCE, STOP", "TRUNCATE, STOP", "OPEN, STOP", "READ, STOP",
        "WRITE, KEEP_GOING", "FORCE, KEEP_GOING", "TRUNCATE, KEEP_GOING", "OPEN, KEEP_GOING"})
    void everyAcknowledgedFlushSurvivesAFaultAtAnyCallThenPowerLoss(Op op, AfterFault afterFault)
            throws IOException {
        sweep(op, afterFault, SEED);
    }

    /** The same sweep over scripts drawn from more seeds, and with reads failing while the script keeps going. */
    @Tag("slow")
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void soakEveryFaultKindAndModeOverManyScripts(long seed) throws IOException {
        for (Op op : Op.values()) {
            for (AfterFault afterFault : AfterFault.values()) {
                sweep(op, afterFault, seed);
            }
        }
    }

    private void sweep(Op op, AfterFault afterFault, long seed) throws IOException {
        FaultInjectingChannelFactory dryRun = new FaultInjectingChannelFactory();
        Path dryDir = tmp.resolve("dry-run-" + op + "-" + afterFault + "-" + seed);
        powerLoss(dryRun, runWorkload(dryDir, dryRun, afterFault, new Acknowledged(), seed));
        long total = dryRun.count(op);
        assertThat(total).as("the script performs %s operations", op).isPositive();
        for (long k = 1; k <= total; k++) {
            Path dir = tmp.resolve(op + "-" + k);
            FaultInjectingChannelFactory disk = new FaultInjectingChannelFactory()
                    .failAt(op, k, afterFault == AfterFault.STOP);
            Acknowledged ack = new Acknowledged();
            powerLoss(disk, runWorkload(dir, disk, afterFault, ack, seed));
            String context = op + " #" + k + " of " + total + " fails, " + afterFault + ", seed " + seed
                    + "; first fault " + disk.injectedFaults().stream().findFirst().orElse("none")
                    + "; script " + summary(ack.trace);
            assertThat(disk.injectedFaults()).as(context).isNotEmpty();
            assertRecoveredState(dir, ack, context);
            SegmentFiles.deleteTree(dir);
        }
        SegmentFiles.deleteTree(dryDir);
    }
}

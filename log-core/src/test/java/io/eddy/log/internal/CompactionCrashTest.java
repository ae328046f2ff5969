package io.eddy.log.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.log.CleanupPolicy;
import io.eddy.log.ExpectedRecord;
import io.eddy.log.LogException;
import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.PartitionContents;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.log.internal.LogCompactor.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Compaction interrupted by a crash at each step of its swap protocol ({@link SegmentSwap}): after the cleaned file is
 * written, and after the swap is committed. Whether the process dies there (its files copied as they are) or the
 * failure is thrown into a running log that is closed later, the reopened log must hold, for every key, at least its
 * latest record (expired tombstones may go), keep every record at its original offset, leave no protocol files, and
 * compact fully on the next attempt: superseded records and tombstones older than {@code delete.retention.ms} gone.
 */
class CompactionCrashTest {
    private static final long SEED = Long.getLong("eddy.test.seed", 0xC0FFEEL);
    private static final String TOPIC = "table";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final long DELETE_RETENTION_MS = Duration.ofMinutes(5).toMillis();
    private static final TopicConfig CONFIG = TopicConfig.builder().cleanupPolicy(CleanupPolicy.COMPACT)
            .segmentBytes(TopicConfig.MIN_SEGMENT_BYTES).indexIntervalBytes(128)
            .deleteRetention(Duration.ofMillis(DELETE_RETENTION_MS)).build();

    @TempDir
    Path tmp;

    private final SettableClock clock = new SettableClock(Instant.parse("2024-06-01T00:00:00Z"));

    private LogStoreOptions options() {
        return LogStoreOptions.defaults().withClock(clock).withBackgroundMaintenance(false);
    }

    /** How the interrupted clean ends. */
    enum Interruption {
        /** The process dies at the step: its files are copied as they are and the copy is reopened. */
        KILLED,
        /** The step throws into the running log, which keeps serving and appending, and is closed and reopened. */
        THROWN_THEN_CLOSED
    }

    /**
     * Writes thirty keys in three rounds, tombstones for six of them, then (ten minutes later) new values for ten
     * keys, three fresh tombstones, and filler that pushes all of it into sealed segments.
     *
     * @return every record written, by offset
     */
    private TreeMap<Long, ExpectedRecord> writeKeysValuesAndTombstones(LogStore log) {
        Random rnd = new Random(SEED);
        TreeMap<Long, ExpectedRecord> written = new TreeMap<>();
        List<ExpectedRecord> pending = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 30; k++) {
                pending.add(record("k" + k, "r" + round + "-" + "x".repeat(rnd.nextInt(20))));
            }
        }
        for (int k = 0; k < 6; k++) {
            pending.add(record("k" + k, null));
        }
        appendInRandomBatches(log, pending, rnd, written);
        clock.advance(Duration.ofMinutes(10).toMillis());
        for (int k = 10; k < 20; k++) {
            pending.add(record("k" + k, "r3-" + "y".repeat(rnd.nextInt(20))));
        }
        for (int k = 20; k < 23; k++) {
            pending.add(record("k" + k, null));
        }
        for (int round = 0; round < 4; round++) {
            for (int f = 0; f < 8; f++) {
                pending.add(record("filler" + f, "z".repeat(20 + rnd.nextInt(20))));
            }
        }
        appendInRandomBatches(log, pending, rnd, written);
        return written;
    }

    private ExpectedRecord record(String key, String value) {
        return new ExpectedRecord(-1, clock.millis(), key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), List.of());
    }

    private static void appendInRandomBatches(LogStore log, List<ExpectedRecord> pending, Random rnd,
                                              TreeMap<Long, ExpectedRecord> written) {
        int i = 0;
        while (i < pending.size()) {
            List<ExpectedRecord> batch = pending.subList(i, Math.min(pending.size(), i + 1 + rnd.nextInt(3)));
            long base = log.append(TP, batch.stream().map(r -> r.toProducerRecord(TOPIC)).toList());
            for (int j = 0; j < batch.size(); j++) {
                written.put(base + j, batch.get(j).atOffset(base + j));
            }
            i += batch.size();
        }
        pending.clear();
    }

    @ParameterizedTest(name = "crash at {0}, {1}")
    @EnumSource(Step.class)
    void crashMidCleanLosesNoKeyKeepsOffsetsAndTheNextCompactionCompletes(Step step) throws IOException {
        for (Interruption interruption : Interruption.values()) {
            Path dir = tmp.resolve(step + "-" + interruption);
            TreeMap<Long, ExpectedRecord> written;
            Path reopenDir;
            DefaultLogStore log = (DefaultLogStore) LogStore.open(dir, options());
            try {
                log.createTopic(TOPIC, 1, CONFIG);
                written = writeKeysValuesAndTombstones(log);
                assertThat(sealedSegmentCount(dir)).as("precondition: several sealed segments").isGreaterThan(4);
                AtomicBoolean crashed = new AtomicBoolean();
                log.compactor().setStepListener(reached -> {
                    if (reached == step && crashed.compareAndSet(false, true)) {
                        throw new IOException("simulated crash at " + reached);
                    }
                });
                assertThatThrownBy(log::compactNow).isInstanceOf(LogException.class)
                        .hasRootCauseMessage("simulated crash at " + step);
                assertThat(protocolFiles(dir)).as("the interrupted clean leaves its %s file",
                        step == Step.CLEANED_WRITTEN ? ".cleaned" : ".swap").hasSize(1);
                if (interruption == Interruption.KILLED) {
                    reopenDir = tmp.resolve(step + "-killed-copy");
                    SegmentFiles.copyTree(dir, reopenDir);
                } else {
                    reopenDir = dir;
                    String context = "after a failure at " + step + ", still running";
                    assertHoldsLatestOfEveryKey(log, written, context);
                    assertThat(PartitionContents.readAll(log, TP)).as(context + ": nothing was removed yet")
                            .containsExactlyElementsOf(written.values());
                    ExpectedRecord extra = record("late", "appended after the failure");
                    long offset = log.append(TP, List.of(extra.toProducerRecord(TOPIC)));
                    written.put(offset, extra.atOffset(offset));
                }
            } finally {
                log.close();
            }
            String context = "crash at " + step + ", " + interruption + ", seed " + SEED;
            try (DefaultLogStore reopened = (DefaultLogStore) LogStore.open(reopenDir, options())) {
                assertThat(protocolFiles(reopenDir)).as(context + ": reopening finishes or discards the swap")
                        .isEmpty();
                assertHoldsLatestOfEveryKey(reopened, written, context + ", reopened");
                reopened.compactNow();
                assertHoldsLatestOfEveryKey(reopened, written, context + ", compacted again");
                assertFullyCompacted(reopened, reopenDir, written, context + ", compacted again");
            }
            try (DefaultLogStore again = (DefaultLogStore) LogStore.open(reopenDir, options())) {
                assertHoldsLatestOfEveryKey(again, written, context + ", compacted and reopened");
                assertFullyCompacted(again, reopenDir, written, context + ", compacted and reopened");
            }
        }
    }

    @ParameterizedTest(name = "failure at {0}")
    @EnumSource(value = Step.class, names = "CLEANED_WRITTEN")
    void aCleanThatFailedBeforeItsCommitPointCanBeRetriedInTheSameSession(Step step) throws IOException {
        Path dir = tmp.resolve("retry-" + step);
        TreeMap<Long, ExpectedRecord> written;
        try (DefaultLogStore log = (DefaultLogStore) LogStore.open(dir, options())) {
            log.createTopic(TOPIC, 1, CONFIG);
            written = writeKeysValuesAndTombstones(log);
            AtomicBoolean failed = new AtomicBoolean();
            log.compactor().setStepListener(reached -> {
                if (reached == step && failed.compareAndSet(false, true)) {
                    throw new IOException("simulated failure at " + reached);
                }
            });
            assertThatThrownBy(log::compactNow).isInstanceOf(LogException.class);
            assertThat(log.compactNow()).as("the retry removes records").isPositive();
            assertHoldsLatestOfEveryKey(log, written, "retried in session");
            assertFullyCompacted(log, dir, written, "retried in session");
        }
        try (DefaultLogStore log = (DefaultLogStore) LogStore.open(dir, options())) {
            assertThat(protocolFiles(dir)).isEmpty();
            assertHoldsLatestOfEveryKey(log, written, "retried in session, reopened");
            assertFullyCompacted(log, dir, written, "retried in session, reopened");
        }
    }

    /**
     * Every served record is the one written at its offset; every key's latest record is served as its latest,
     * except a tombstone past delete retention, which may be gone together with every older record of its key.
     */
    private void assertHoldsLatestOfEveryKey(LogStore log, TreeMap<Long, ExpectedRecord> written, String context) {
        List<ExpectedRecord> served = PartitionContents.readAll(log, TP);
        for (ExpectedRecord r : served) {
            assertThat(r).as(context + ": record at offset " + r.offset()).isEqualTo(written.get(r.offset()));
        }
        assertThat(log.endOffset(TP)).as(context + ": end offset").isEqualTo(written.lastKey() + 1);
        Map<String, ExpectedRecord> latestServed = latestByKey(served);
        long horizon = clock.millis() - DELETE_RETENTION_MS;
        latestByKey(written.values()).forEach((key, latest) -> {
            if (latest.value() == null && latest.timestamp() < horizon) {
                ExpectedRecord kept = latestServed.get(key);
                assertThat(kept == null || kept.equals(latest))
                        .as(context + ": key %s, deleted by an expired tombstone, resurfaced as %s", key, kept)
                        .isTrue();
            } else {
                assertThat(latestServed.get(key)).as(context + ": latest record of key %s", key).isEqualTo(latest);
            }
        });
    }

    /** In the sealed segments no record is superseded by a later one of its key, and no expired tombstone is left. */
    private void assertFullyCompacted(LogStore log, Path dir, TreeMap<Long, ExpectedRecord> written, String context) {
        long activeBase = SegmentFiles.segments(SegmentFiles.partitionDir(dir, TOPIC, 0)).lastKey();
        List<ExpectedRecord> sealed = PartitionContents.readAll(log, TP).stream()
                .filter(r -> r.offset() < activeBase).toList();
        Map<String, ExpectedRecord> latestSealed = latestByKey(sealed);
        long horizon = clock.millis() - DELETE_RETENTION_MS;
        for (ExpectedRecord r : sealed) {
            assertThat(latestSealed.get(key(r))).as(context + ": superseded record left in a sealed segment")
                    .isEqualTo(r);
            assertThat(r.value() == null && r.timestamp() < horizon)
                    .as(context + ": tombstone %s is past delete retention but was kept", r).isFalse();
        }
        assertThat(sealed.size()).as(context + ": compaction removed records").isLessThan(
                (int) written.headMap(activeBase).size());
        long freshTombstones = sealed.stream().filter(r -> r.value() == null).count();
        assertThat(freshTombstones).as(context + ": tombstones within delete retention stay").isEqualTo(3);
    }

    private static String key(ExpectedRecord r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }

    private static Map<String, ExpectedRecord> latestByKey(Iterable<ExpectedRecord> records) {
        Map<String, ExpectedRecord> latest = new HashMap<>();
        records.forEach(r -> latest.put(key(r), r));
        return latest;
    }

    private static long sealedSegmentCount(Path dir) {
        return SegmentFiles.segments(SegmentFiles.partitionDir(dir, TOPIC, 0)).size() - 1;
    }

    private static List<Path> protocolFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(SegmentFiles.partitionDir(dir, TOPIC, 0))) {
            return files.filter(f -> f.toString().endsWith(LogFileFormat.CLEANED_SUFFIX)
                    || f.toString().endsWith(LogFileFormat.SWAP_SUFFIX)).toList();
        }
    }
}

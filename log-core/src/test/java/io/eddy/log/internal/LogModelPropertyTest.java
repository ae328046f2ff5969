package io.eddy.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.CleanupPolicy;
import io.eddy.log.ExpectedRecord;
import io.eddy.log.Header;
import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.PartitionContents;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * The log against a model: per partition, a sorted map from offset to the record written there. Random chains of
 * appends (null, empty and repeated keys, null values, headers, old and new timestamps), reads from random offsets,
 * close and reopen, clock advances, retention and compaction run against both; after every step the log must serve
 * exactly the model. Retention and compaction are checked against their contracts (whole segments past retention
 * time or beyond retention bytes are deleted, and only those; compaction keeps each key's latest record, keeps
 * offsets, drops only superseded records and expired tombstones), and the model then follows what they removed.
 * jqwik prints the seed and the shrunk action chain of a failure.
 */
class LogModelPropertyTest {
    private static final String TOPIC = "model";
    private static final long RETENTION_MS = 60_000;
    private static final long RETENTION_BYTES = 1_000;
    private static final long DELETE_RETENTION_MS = 30_000;
    private static final TopicConfig DELETE_TOPIC = TopicConfig.builder().segmentBytes(TopicConfig.MIN_SEGMENT_BYTES)
            .segmentRoll(Duration.ofSeconds(90)).retention(Duration.ofMillis(RETENTION_MS))
            .retentionBytes(RETENTION_BYTES).indexIntervalBytes(100).build();
    private static final TopicConfig COMPACTED_TOPIC = TopicConfig.builder()
            .segmentBytes(TopicConfig.MIN_SEGMENT_BYTES).cleanupPolicy(CleanupPolicy.COMPACT)
            .deleteRetention(Duration.ofMillis(DELETE_RETENTION_MS)).minCleanableDirtyRatio(0.3)
            .indexIntervalBytes(100).build();

    private final List<LogUnderTest> opened = new ArrayList<>();

    @AfterTry
    @AfterProperty
    void disposeLogs() {
        opened.forEach(LogUnderTest::dispose);
        opened.clear();
    }

    @Property(tries = 60)
    void deleteTopicServesItsModelThroughRollsReopensAndRetention(
            @ForAll("deleteTopicChains") ActionChain<LogUnderTest> chain) {
        chain.withInvariant("log serves exactly the model", LogUnderTest::assertServesModel).run();
        Statistics.label("retention").coverage(c -> c.check("deleted segments").count(n -> n >= 5));
    }

    @Property(tries = 50)
    void compactedTopicKeepsTheLatestRecordOfEveryKeyAndItsOffset(
            @ForAll("compactedTopicChains") ActionChain<LogUnderTest> chain) {
        chain.withInvariant("log serves exactly the model", LogUnderTest::assertServesModel).run();
        Statistics.label("compaction").coverage(c -> {
            c.check("removed superseded records").count(n -> n >= 10);
            c.check("removed expired tombstones").count(n -> n >= 1);
        });
    }

    @Tag("slow")
    @Property(tries = 1_000)
    void soakDeleteTopicAgainstItsModel(@ForAll("deleteTopicChains") ActionChain<LogUnderTest> chain) {
        chain.withInvariant("log serves exactly the model", LogUnderTest::assertServesModel).run();
    }

    @Tag("slow")
    @Property(tries = 1_000)
    void soakCompactedTopicAgainstItsModel(@ForAll("compactedTopicChains") ActionChain<LogUnderTest> chain) {
        chain.withInvariant("log serves exactly the model", LogUnderTest::assertServesModel).run();
    }

    @Provide
    Arbitrary<ActionChain<LogUnderTest>> deleteTopicChains() {
        return ActionChain.<LogUnderTest>startWith(() -> track(new LogUnderTest(DELETE_TOPIC, 2)))
                .withAction(6, appends(2, false))
                .withAction(2, reads(2))
                .withAction(1, Action.just(Transformer.mutate("close and reopen", LogUnderTest::reopen)))
                .withAction(2, clockAdvances())
                .withAction(2, Action.just(Transformer.mutate("run maintenance (retention)",
                        LogUnderTest::runRetention)))
                .withMaxTransformations(40);
    }

    @Provide
    Arbitrary<ActionChain<LogUnderTest>> compactedTopicChains() {
        return ActionChain.<LogUnderTest>startWith(() -> track(new LogUnderTest(COMPACTED_TOPIC, 1)))
                .withAction(5, appends(1, true))
                .withAction(1, reads(1))
                .withAction(1, Action.just(Transformer.mutate("close and reopen", LogUnderTest::reopen)))
                .withAction(2, clockAdvances())
                .withAction(1, Action.just(Transformer.mutate("run maintenance (compaction if dirty enough)",
                        s -> s.compact(false))))
                .withAction(2, Action.just(Transformer.mutate("compact now", s -> s.compact(true))))
                .withMaxTransformations(40);
    }

    private LogUnderTest track(LogUnderTest log) {
        opened.add(log);
        return log;
    }

    /** One record to append, readable in a counterexample. */
    record RecordSpec(String key, String value, long ageMs, List<String> headerValues) {
        @Override
        public String toString() {
            return "{k=" + (key == null ? "null" : '"' + key + '"')
                    + ", v=" + (value == null ? "null" : value.length() + " chars")
                    + ", ts=now" + (ageMs == 0 ? "" : "-" + ageMs)
                    + (headerValues.isEmpty() ? "" : ", headers=" + headerValues) + "}";
        }

        ExpectedRecord at(long now) {
            List<Header> headers = new ArrayList<>();
            for (int i = 0; i < headerValues.size(); i++) {
                String v = headerValues.get(i);
                headers.add(new Header("h" + i, v == null ? null : v.getBytes(StandardCharsets.UTF_8)));
            }
            return new ExpectedRecord(-1, now - ageMs, bytes(key), bytes(value), headers);
        }

        private static byte[] bytes(String s) {
            return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static Arbitrary<RecordSpec> records(boolean keyRequired) {
        Arbitrary<String> keys = Arbitraries.of("a", "b", "c", "d", "e", "f", "g", "");
        if (!keyRequired) {
            keys = keys.injectNull(0.2);
        }
        Arbitrary<String> values = Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(200).injectNull(0.3);
        Arbitrary<Long> ages = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(1, 180_000));
        Arbitrary<List<String>> headers = Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(5).injectNull(0.3)
                .list().ofMaxSize(2);
        return Combinators.combine(keys, values, ages, headers).as(RecordSpec::new);
    }

    private static Action.Independent<LogUnderTest> appends(int partitions, boolean keyRequired) {
        return () -> Combinators.combine(Arbitraries.integers().between(0, partitions - 1),
                        records(keyRequired).list().ofMinSize(1).ofMaxSize(5))
                .as((p, specs) -> Transformer.mutate("append to p" + p + " " + specs, s -> s.append(p, specs)));
    }

    private static Action.Independent<LogUnderTest> reads(int partitions) {
        return () -> Combinators.combine(Arbitraries.integers().between(0, partitions - 1),
                        Arbitraries.integers().between(0, 100), Arbitraries.integers().between(1, 30))
                .as((p, percent, max) -> Transformer.mutate("read p" + p + " from " + percent + "% of its range, max "
                        + max, s -> s.read(p, percent, max)));
    }

    private static Action.Independent<LogUnderTest> clockAdvances() {
        return () -> Arbitraries.longs().between(1, 100_000)
                .map(ms -> Transformer.mutate("advance clock " + ms + " ms", s -> s.clock.advance(ms)));
    }

    /** The log and its model, side by side. */
    static final class LogUnderTest {
        final SettableClock clock = new SettableClock(Instant.parse("2024-06-01T00:00:00Z"));
        private final Path dir;
        private final TopicConfig config;
        private final List<TreeMap<Long, ExpectedRecord>> model = new ArrayList<>();
        private final long[] end;
        private DefaultLogStore log;

        LogUnderTest(TopicConfig config, int partitions) {
            try {
                this.dir = Files.createTempDirectory("eddy-model");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.config = config;
            this.end = new long[partitions];
            for (int p = 0; p < partitions; p++) {
                model.add(new TreeMap<>());
            }
            log = open();
            log.createTopic(TOPIC, partitions, config);
        }

        private DefaultLogStore open() {
            return (DefaultLogStore) LogStore.open(dir, LogStoreOptions.defaults().withClock(clock)
                    .withBackgroundMaintenance(false));
        }

        private static TopicPartition tp(int p) {
            return new TopicPartition(TOPIC, p);
        }

        void append(int p, List<RecordSpec> specs) {
            List<ExpectedRecord> records = specs.stream().map(s -> s.at(clock.millis())).toList();
            long base = log.append(tp(p), records.stream().map(r -> r.toProducerRecord(TOPIC)).toList());
            assertThat(base).as("offset of the batch appended to p%d", p).isEqualTo(end[p]);
            for (int i = 0; i < records.size(); i++) {
                model.get(p).put(base + i, records.get(i).atOffset(base + i));
            }
            end[p] += records.size();
        }

        void read(int p, int percent, int max) {
            long start = log.startOffset(tp(p));
            long offset = start + (end[p] - start) * percent / 100;
            List<ExpectedRecord> got = log.read(tp(p), offset, max).stream().map(ExpectedRecord::of).toList();
            List<ExpectedRecord> expected = model.get(p).tailMap(offset).values().stream().limit(max).toList();
            if (!expected.isEmpty()) {
                assertThat(got).as("read of p%d at %d", p, offset).isNotEmpty();
            }
            assertThat(got).as("read of p%d at %d, max %d", p, offset, max)
                    .isEqualTo(expected.subList(0, Math.min(got.size(), expected.size())));
        }

        void reopen() {
            log.close();
            log = open();
        }

        /** @return each segment's base offset and bytes of batches, from the partition directory */
        private TreeMap<Long, Long> segmentSizes(int p) {
            TreeMap<Long, Long> sizes = new TreeMap<>();
            SegmentFiles.segments(SegmentFiles.partitionDir(dir, TOPIC, p)).forEach((base, file) -> {
                try {
                    sizes.put(base, Files.size(file) - LogFileFormat.HEADER_SIZE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return sizes;
        }

        void runRetention() {
            List<TreeMap<Long, Long>> before = new ArrayList<>();
            for (int p = 0; p < end.length; p++) {
                before.add(segmentSizes(p));
            }
            long now = clock.millis();
            log.runMaintenance();
            for (int p = 0; p < end.length; p++) {
                TreeMap<Long, Long> segments = before.get(p);
                List<Long> bases = new ArrayList<>(segments.keySet());
                long newStart = log.startOffset(tp(p));
                assertThat(bases).as("p%d: retention deletes whole segments, so the log starts at a segment base", p)
                        .contains(newStart);
                int dropped = bases.indexOf(newStart);
                long remaining = segments.values().stream().mapToLong(Long::longValue).sum();
                for (int i = 0; i <= dropped && i < bases.size() - 1; i++) {
                    long base = bases.get(i);
                    long size = segments.get(base);
                    long maxTs = model.get(p).subMap(base, bases.get(i + 1)).values().stream()
                            .mapToLong(ExpectedRecord::timestamp).max().orElse(Long.MIN_VALUE);
                    boolean expired = maxTs < now - RETENTION_MS;
                    boolean oversize = remaining - size >= RETENTION_BYTES;
                    String segment = "p" + p + " segment at " + base + " (" + size + " bytes, newest record ts=now-"
                            + (now - maxTs) + ", " + remaining + " bytes from it on)";
                    if (i < dropped) {
                        assertThat(expired || oversize).as(segment + " was deleted, but is neither past retention"
                                + " time nor beyond retention bytes").isTrue();
                    } else {
                        assertThat(expired || oversize).as(segment + " is past retention time or beyond retention"
                                + " bytes but was kept").isFalse();
                    }
                    remaining -= size;
                }
                Statistics.label("retention").collect(dropped > 0 ? "deleted segments" : "deleted nothing");
                model.get(p).headMap(newStart).clear();
            }
        }

        void compact(boolean force) {
            TreeMap<Long, ExpectedRecord> before = new TreeMap<>(model.get(0));
            long activeBase = segmentSizes(0).lastKey();
            long now = clock.millis();
            if (force) {
                log.compactNow();
            } else {
                log.runMaintenance();
            }
            TreeMap<Long, ExpectedRecord> after = new TreeMap<>();
            PartitionContents.readAll(log, tp(0)).forEach(r -> after.put(r.offset(), r));
            for (ExpectedRecord r : after.values()) {
                assertThat(r).as("compaction keeps offset and content").isEqualTo(before.get(r.offset()));
            }
            Map<String, ExpectedRecord> latestBefore = latestByKey(before);
            Map<String, ExpectedRecord> latestAfter = latestByKey(after);
            long horizon = now - DELETE_RETENTION_MS;
            boolean removedSuperseded = false;
            boolean removedTombstone = false;
            for (ExpectedRecord r : before.values()) {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                boolean superseded = !latestBefore.get(key).equals(r);
                boolean expiredTombstone = r.value() == null && r.timestamp() < horizon;
                boolean inActiveSegment = r.offset() >= activeBase;
                if (!after.containsKey(r.offset())) {
                    assertThat(inActiveSegment).as("compaction removed %s from the active segment", r).isFalse();
                    assertThat(superseded || expiredTombstone)
                            .as("compaction removed %s, which is neither superseded nor an expired tombstone", r)
                            .isTrue();
                    removedSuperseded |= superseded;
                    removedTombstone |= !superseded;
                } else if (force && !inActiveSegment) {
                    boolean supersededInSealed = latestBeforeIn(before, key, activeBase) != r;
                    assertThat(supersededInSealed || (expiredTombstone && !superseded))
                            .as("a forced compaction kept %s, superseded in the sealed segments or an expired"
                                    + " tombstone", r)
                            .isFalse();
                }
            }
            latestBefore.forEach((key, latest) -> {
                if (latestAfter.containsKey(key)) {
                    assertThat(latestAfter.get(key)).as("latest record of key '%s' after compaction", key)
                            .isEqualTo(latest);
                } else {
                    assertThat(latest.value() == null && latest.timestamp() < horizon)
                            .as("key '%s' vanished, but its latest record %s is not an expired tombstone", key, latest)
                            .isTrue();
                }
            });
            assertThat(log.endOffset(tp(0))).as("compaction keeps the end offset").isEqualTo(end[0]);
            Statistics.label("compaction").collect(removedSuperseded ? "removed superseded records" : "kept all");
            if (removedTombstone) {
                Statistics.label("compaction").collect("removed expired tombstones");
            }
            model.set(0, after);
        }

        private static Map<String, ExpectedRecord> latestByKey(TreeMap<Long, ExpectedRecord> records) {
            Map<String, ExpectedRecord> latest = new HashMap<>();
            records.values().forEach(r -> latest.put(new String(r.key(), StandardCharsets.UTF_8), r));
            return latest;
        }

        private static ExpectedRecord latestBeforeIn(TreeMap<Long, ExpectedRecord> records, String key, long limit) {
            ExpectedRecord latest = null;
            for (ExpectedRecord r : records.headMap(limit).values()) {
                if (Arrays.equals(r.key(), key.getBytes(StandardCharsets.UTF_8))) {
                    latest = r;
                }
            }
            return latest;
        }

        void assertServesModel() {
            for (int p = 0; p < end.length; p++) {
                TreeMap<Long, ExpectedRecord> m = model.get(p);
                assertThat(log.endOffset(tp(p))).as("end offset of p%d", p).isEqualTo(end[p]);
                long start = log.startOffset(tp(p));
                if (!m.isEmpty()) {
                    assertThat(start).as("start offset of p%d", p).isLessThanOrEqualTo(m.firstKey());
                }
                assertThat(PartitionContents.readAll(log, tp(p))).as("records of p%d", p)
                        .containsExactlyElementsOf(m.values());
            }
        }

        void dispose() {
            try {
                log.close();
            } finally {
                SegmentFiles.deleteTree(dir);
            }
        }

        @Override
        public String toString() {
            return "LogUnderTest(" + config + ", ends " + Arrays.toString(end) + ")";
        }
    }
}

package io.eddy.log.internal;

import static io.eddy.log.PartitionContents.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.log.CorruptRecordException;
import io.eddy.log.ExpectedRecord;
import io.eddy.log.FsyncPolicy;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.log.UnsupportedFormatVersionException;
import io.eddy.log.internal.SegmentFiles.BatchSpan;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Recovery after a crash: torn tails and flipped bits in the active segment are cut at the first bad batch, leaving
 * exactly the intact prefix; damage in a sealed segment is never skipped silently. Every case is derived from
 * {@link #SEED} (override with {@code -Deddy.test.seed=N}), which failure messages print.
 */
class CrashRecoveryTest {
    private static final long SEED = Long.getLong("eddy.test.seed", 0x5eed_2024L);
    private static final String TOPIC = "events";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final TopicConfig CONFIG = TopicConfig.builder().segmentBytes(4096).indexIntervalBytes(256)
            .fsyncPolicy(FsyncPolicy.os()).build();
    private static final LogStoreOptions OPTIONS = LogStoreOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC))
            .withBackgroundMaintenance(false);
    private static final int BATCHES = 300;

    @TempDir
    Path tmp;

    /** How the writing process ended before the files were damaged. */
    enum Shutdown {
        /** {@link LogStore#close()}: synced, index files written. */
        CLEAN_CLOSE,
        /** The files were copied while the log was open, as a kill -9 leaves them. */
        KILL
    }

    /** A log written batch by batch, and where its active segment's batches lie. */
    private record Written(Path root, List<ExpectedRecord> records, Path activeSegment, List<BatchSpan> activeBatches) {
        Path sameFileIn(Path copy, Path file) {
            return copy.resolve(root.relativize(file).toString());
        }

        /** @return the end offset once the active segment is cut at {@code cut}: batches wholly before it survive */
        long endAfterCut(long cut) {
            long end = activeBase();
            for (BatchSpan s : activeBatches) {
                if (s.end() <= cut) {
                    end = s.lastOffset() + 1;
                }
            }
            return end;
        }

        long activeBase() {
            return LogFileFormat.parseBaseOffset(activeSegment.getFileName().toString(), LogFileFormat.LOG_SUFFIX);
        }

        boolean isBatchBoundary(long cut) {
            return cut == LogFileFormat.HEADER_SIZE || activeBatches.stream().anyMatch(s -> s.end() == cut);
        }
    }

    private Written writeManySmallBatches(Shutdown shutdown) {
        Path live = tmp.resolve("live");
        Random rnd = new Random(SEED);
        List<ExpectedRecord> written = new ArrayList<>();
        LogStore log = LogStore.open(live, OPTIONS);
        try {
            log.createTopic(TOPIC, 1, CONFIG);
            for (int b = 0; b < BATCHES; b++) {
                List<ExpectedRecord> batch = new ArrayList<>();
                int n = 1 + rnd.nextInt(3);
                for (int i = 0; i < n; i++) {
                    batch.add(ExpectedRecord.random(rnd, 1_000 + written.size() + i, false));
                }
                long base = log.append(TP, batch.stream().map(r -> r.toProducerRecord(TOPIC)).toList());
                for (int i = 0; i < n; i++) {
                    written.add(batch.get(i).atOffset(base + i));
                }
            }
            if (shutdown == Shutdown.KILL) {
                SegmentFiles.copyTree(live, tmp.resolve("killed"));
            }
        } finally {
            log.close();
        }
        Path root = shutdown == Shutdown.KILL ? tmp.resolve("killed") : live;
        Path partitionDir = SegmentFiles.partitionDir(root, TOPIC, 0);
        Path active = SegmentFiles.activeSegment(partitionDir);
        List<BatchSpan> spans = SegmentFiles.batches(active);
        assertThat(SegmentFiles.segments(partitionDir)).as("precondition: sealed segments exist").hasSizeGreaterThan(3);
        assertThat(spans).as("precondition: the active segment holds several batches").hasSizeGreaterThan(4);
        return new Written(root, List.copyOf(written), active, spans);
    }

    private Path freshCopy(Written w) {
        Path work = tmp.resolve("work");
        SegmentFiles.deleteTree(work);
        SegmentFiles.copyTree(w.root(), work);
        return work;
    }

    @ParameterizedTest
    @EnumSource(Shutdown.class)
    void recoversExactlyTheBatchesBeforeATornWrite(Shutdown shutdown) throws IOException {
        Written w = writeManySmallBatches(shutdown);
        int fileSize = (int) Files.size(w.activeSegment());
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, 1, LogFileFormat.HEADER_SIZE - 1, LogFileFormat.HEADER_SIZE));
        for (int c = w.activeBatches().get(w.activeBatches().size() - 3).position(); c < fileSize; c++) {
            cuts.add(c);
        }
        Random rnd = new Random(SEED ^ shutdown.ordinal());
        for (int i = 0; i < 25; i++) {
            cuts.add(rnd.nextInt(fileSize));
        }
        for (int cut : cuts) {
            Path work = freshCopy(w);
            try (FileChannel ch = FileChannel.open(w.sameFileIn(work, w.activeSegment()), StandardOpenOption.WRITE)) {
                ch.truncate(cut);
            }
            long expectedEnd = w.endAfterCut(cut);
            String context = shutdown + ", active segment cut at byte " + cut + " of " + fileSize + ", seed " + SEED;
            try (DefaultLogStore log = (DefaultLogStore) LogStore.open(work, OPTIONS)) {
                assertThat(log.endOffset(TP)).as(context).isEqualTo(expectedEnd);
                assertThat(readAll(log, TP)).as(context).isEqualTo(w.records().subList(0, (int) expectedEnd));
                if (w.isBatchBoundary(cut)) {
                    assertThat(log.recoveryReports()).as(context + ": nothing torn, nothing to report").isEmpty();
                } else {
                    long validSize = cut < LogFileFormat.HEADER_SIZE ? 0
                            : w.activeBatches().stream().mapToInt(BatchSpan::end).filter(e -> e <= cut)
                                    .max().orElse(LogFileFormat.HEADER_SIZE);
                    assertThat(log.recoveryReports()).as(context).singleElement().asString()
                            .contains(TP.toString(), w.activeSegment().getFileName().toString(),
                                    "cut " + (cut - validSize) + " bytes", "ends at offset " + expectedEnd);
                }
                assertAppendsContinueAt(log, expectedEnd, context);
            }
            if (cut % 8 == 0 || cut <= LogFileFormat.HEADER_SIZE) {
                assertRecoveryIsDurable(work, w.records().subList(0, (int) expectedEnd), context);
            }
        }
    }

    /** Reopens after recovery and one append: nothing more to cut, the prefix and the appended record are there. */
    private static void assertRecoveryIsDurable(Path work, List<ExpectedRecord> prefix, String context) {
        try (DefaultLogStore log = (DefaultLogStore) LogStore.open(work, OPTIONS)) {
            assertThat(log.recoveryReports()).as(context + ", reopened after recovery").isEmpty();
            List<ExpectedRecord> all = readAll(log, TP);
            assertThat(all).as(context + ", reopened after recovery").hasSize(prefix.size() + 1);
            assertThat(all.subList(0, prefix.size())).as(context + ", reopened after recovery").isEqualTo(prefix);
            assertThat(all.get(prefix.size()).offset()).as(context + ", reopened after recovery")
                    .isEqualTo(prefix.size());
        }
    }

    private static void assertAppendsContinueAt(LogStore log, long expectedEnd, String context) {
        ExpectedRecord marker = new ExpectedRecord(-1, 99_999, "after-recovery".getBytes(), new byte[] {1, 2, 3},
                List.of());
        long offset = log.append(TP, List.of(marker.toProducerRecord(TOPIC)));
        assertThat(offset).as(context + ": first append after recovery").isEqualTo(expectedEnd);
        List<LogRecord> back = log.read(TP, offset, 10);
        assertThat(back).as(context).extracting(ExpectedRecord::of).containsExactly(marker.atOffset(expectedEnd));
    }

    @Test
    void servesOnlyTheIntactPrefixAfterBitFlipsInTheActiveSegment() throws IOException {
        assertIntactPrefixAfterBitFlips(120);
    }

    @Tag("slow")
    @Test
    void soakBitFlipsInTheActiveSegment() throws IOException {
        assertIntactPrefixAfterBitFlips(5_000);
    }

    private void assertIntactPrefixAfterBitFlips(int trials) throws IOException {
        Written w = writeManySmallBatches(Shutdown.KILL);
        byte[] pristine = Files.readAllBytes(w.activeSegment());
        for (int trial = 0; trial < trials; trial++) {
            long seed = SEED * 31 + trial;
            Random rnd = new Random(seed);
            byte[] damaged = pristine.clone();
            int flips = 1 + rnd.nextInt(3);
            for (int i = 0; i < flips; i++) {
                int pos = LogFileFormat.HEADER_SIZE + rnd.nextInt(damaged.length - LogFileFormat.HEADER_SIZE);
                damaged[pos] ^= (byte) (1 << rnd.nextInt(8));
            }
            BatchSpan firstDamaged = null;
            for (BatchSpan s : w.activeBatches()) {
                for (int p = s.position(); p < s.end() && firstDamaged == null; p++) {
                    if (damaged[p] != pristine[p]) {
                        firstDamaged = s;
                    }
                }
            }
            long expectedEnd = firstDamaged == null ? w.records().size() : firstDamaged.baseOffset();
            String context = "trial " + trial + " (" + flips + " bit flip(s), seed " + seed + "), first damaged batch "
                    + firstDamaged;
            Path work = freshCopy(w);
            Files.write(w.sameFileIn(work, w.activeSegment()), damaged);
            try (DefaultLogStore log = (DefaultLogStore) LogStore.open(work, OPTIONS)) {
                List<ExpectedRecord> served = readAll(log, TP);
                assertThat(served).as(context + ": every served record is one that was written, in a prefix")
                        .isEqualTo(w.records().subList(0, served.size()));
                assertThat(log.endOffset(TP)).as(context).isEqualTo(expectedEnd);
                assertThat(served).as(context).hasSize((int) expectedEnd);
                if (firstDamaged != null) {
                    assertThat(log.recoveryReports()).as(context).singleElement().asString()
                            .contains("cut " + (pristine.length - firstDamaged.position()) + " bytes");
                }
                assertAppendsContinueAt(log, expectedEnd, context);
            }
        }
    }

    @Test
    void refusesToGuessWhenTheActiveSegmentFileHeaderIsDamaged() throws IOException {
        Written w = writeManySmallBatches(Shutdown.KILL);
        byte[] pristine = Files.readAllBytes(w.activeSegment());
        for (int pos = 0; pos < 12; pos++) {
            byte[] damaged = pristine.clone();
            damaged[pos] ^= (byte) (1 << (pos % 8));
            Path work = freshCopy(w);
            Path file = w.sameFileIn(work, w.activeSegment());
            Files.write(file, damaged);
            Class<? extends RuntimeException> expected = pos < 8 ? CorruptRecordException.class
                    : UnsupportedFormatVersionException.class;
            assertThatThrownBy(() -> LogStore.open(work, OPTIONS).close())
                    .as("bit flipped in header byte %d", pos)
                    .isInstanceOf(expected).hasMessageContaining(file.getFileName().toString());
            assertThat(Files.readAllBytes(file)).as("a file the log cannot interpret is left untouched")
                    .isEqualTo(damaged);
        }
    }

    /** Whether the sealed segments' index files survive, so open trusts them instead of scanning. */
    enum SealedIndexes { PRESENT, DELETED }

    private static final Pattern NAMED_OFFSET = Pattern.compile("offset (\\d+)");

    @ParameterizedTest
    @EnumSource(SealedIndexes.class)
    void readReachingADamagedSealedSegmentFailsNamingTopicPartitionAndOffset(SealedIndexes indexes)
            throws IOException {
        Written w = writeManySmallBatches(Shutdown.CLEAN_CLOSE);
        TreeMap<Long, Path> segments = SegmentFiles.segments(SegmentFiles.partitionDir(w.root(), TOPIC, 0));
        List<Map.Entry<Long, Path>> sealed = new ArrayList<>(segments.headMap(segments.lastKey()).entrySet());
        for (int trial = 0; trial < 20; trial++) {
            long seed = SEED * 17 + trial;
            Random rnd = new Random(seed);
            Path original = sealed.get(rnd.nextInt(sealed.size())).getValue();
            List<BatchSpan> spans = SegmentFiles.batches(original);
            long size = Files.size(original);
            int pos = LogFileFormat.HEADER_SIZE + rnd.nextInt((int) size - LogFileFormat.HEADER_SIZE);
            BatchSpan damagedBatch = spans.stream().filter(s -> s.contains(pos)).findFirst().orElseThrow();
            String context = indexes + " indexes, trial " + trial + " (seed " + seed + "): bit flipped at byte " + pos
                    + " of sealed " + original.getFileName() + " in batch " + damagedBatch;
            Path work = freshCopy(w);
            Path file = w.sameFileIn(work, original);
            flipBit(file, pos, rnd.nextInt(8));
            if (indexes == SealedIndexes.DELETED) {
                for (long base : segments.keySet()) {
                    SegmentIndexFiles.delete(file.getParent(), base);
                }
            }
            try (LogStore log = LogStore.open(work, OPTIONS)) {
                assertThat(log.endOffset(TP)).as(context + ": damage in a sealed segment cuts nothing")
                        .isEqualTo(w.records().size());
                List<ExpectedRecord> served = new ArrayList<>();
                CorruptRecordException failure = null;
                long offset = 0;
                while (offset < log.endOffset(TP)) {
                    List<LogRecord> got;
                    try {
                        got = log.read(TP, offset, 7);
                    } catch (CorruptRecordException e) {
                        failure = e;
                        break;
                    }
                    assertThat(got).as(context + ": a read below the end returns records").isNotEmpty();
                    got.forEach(r -> served.add(ExpectedRecord.of(r)));
                    offset = got.get(got.size() - 1).offset() + 1;
                }
                assertThat(failure).as(context + ": reading forward must fail at the damage, not skip it").isNotNull();
                assertThat(served).as(context).isEqualTo(w.records().subList(0, served.size()));
                assertThat(offset).as(context + ": nothing at or past the damaged batch was served")
                        .isLessThanOrEqualTo(damagedBatch.baseOffset());
                assertThat(failure.getMessage()).as(context).contains(TP.toString(), original.getFileName().toString());
                Matcher m = NAMED_OFFSET.matcher(failure.getMessage());
                assertThat(m.find()).as(context + ": message names an offset: " + failure.getMessage()).isTrue();
                assertThat(Long.parseLong(m.group(1))).as(context + ": " + failure.getMessage())
                        .isBetween(offset - 1, offset);
            }
        }
    }

    private static void flipBit(Path file, int pos, int bit) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, pos);
            b.put(0, (byte) (b.get(0) ^ (1 << bit)));
            b.rewind();
            ch.write(b, pos);
        }
    }
}

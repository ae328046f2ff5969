package io.eddy.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.eddy.log.ExpectedRecord;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.PartitionContents;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz targets for the two places where the log parses bytes it did not just write: batch validation and decoding,
 * and tail recovery of a segment file. Under plain {@code mvn test} Jazzer runs the seed inputs in
 * {@code src/test/resources/io/eddy/log/internal/RecordBatchFuzzTestInputs/<method>/} (valid, truncated, bit-flipped
 * and hand-crafted batches) as regression tests; with {@code JAZZER_FUZZ=1} it fuzzes one target, e.g.
 * {@code JAZZER_FUZZ=1 mvn -pl log-core test -Dtest='RecordBatchFuzzTest#decoderRejectsArbitraryBytesOnlyAsMalformed'}.
 */
class RecordBatchFuzzTest {
    private static final String TOPIC = "fuzzed";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
    private static final LogStoreOptions OPTIONS = LogStoreOptions.defaults()
            .withClock(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC))
            .withBackgroundMaintenance(false);

    /**
     * Arbitrary bytes, read as a sequence of batches: validation either says "incomplete", rejects with
     * {@link MalformedBatchException}, or accepts a batch that then decodes into exactly its record count of records
     * with increasing offsets inside the batch's range, or is rejected by decode with {@link MalformedBatchException}.
     * Anything else (index out of bounds, negative array size, out of memory) is a finding.
     */
    @FuzzTest(maxDuration = "60s")
    void decoderRejectsArbitraryBytesOnlyAsMalformed(byte[] input) {
        RecordBatchDecoder decoder = new RecordBatchDecoder();
        int pos = 0;
        while (pos < input.length) {
            int size;
            try {
                size = decoder.validate(input, pos, input.length - pos);
            } catch (MalformedBatchException e) {
                return;
            }
            if (size == RecordBatchDecoder.INCOMPLETE) {
                return;
            }
            assertThat(size).isBetween(RecordBatchLayout.HEADER_SIZE, input.length - pos);
            long base = RecordBatchDecoder.baseOffset(input, pos);
            long last = RecordBatchDecoder.lastOffset(input, pos);
            int count = RecordBatchDecoder.recordCount(input, pos);
            List<Long> offsets = new ArrayList<>();
            try {
                decoder.decode(input, pos, Long.MIN_VALUE, (offset, ts, key, value, headers) -> offsets.add(offset));
            } catch (MalformedBatchException e) {
                return;
            }
            assertThat(offsets).hasSize(count);
            for (int i = 0; i < offsets.size(); i++) {
                assertThat(offsets.get(i)).isBetween(base, last);
                if (i > 0) {
                    assertThat(offsets.get(i)).isGreaterThan(offsets.get(i - 1));
                }
            }
            pos += size;
        }
    }

    /**
     * Arbitrary bytes after a valid file header as the only (active) segment of a partition: the log must open,
     * keep a byte prefix of the file, serve records with increasing offsets below its end offset, and take the next
     * append at that end offset.
     */
    @FuzzTest(maxDuration = "60s")
    void recoveryOfArbitrarySegmentBytesKeepsAPrefixAndStaysWritable(byte[] tail) throws IOException {
        Path dir = Files.createTempDirectory("eddy-fuzz-recovery");
        try {
            Path segment = writeLogWithActiveSegment(dir, tail);
            try (LogStore log = LogStore.open(dir, OPTIONS)) {
                byte[] kept = Files.readAllBytes(segment);
                byte[] original = concat(LogFileFormat.header(LogFileFormat.SEGMENT_MAGIC).array(), tail);
                assertThat(kept.length).as("recovery only ever cuts").isBetween(LogFileFormat.HEADER_SIZE,
                        original.length);
                assertThat(kept).as("recovery keeps a byte prefix").isEqualTo(Arrays.copyOf(original, kept.length));
                long start = log.startOffset(TP);
                long end = log.endOffset(TP);
                assertThat(end).as("end offset").isGreaterThanOrEqualTo(start);
                List<ExpectedRecord> served = PartitionContents.readAll(log, TP);
                for (int i = 0; i < served.size(); i++) {
                    assertThat(served.get(i).offset()).isBetween(start, end - 1);
                    if (i > 0) {
                        assertThat(served.get(i).offset()).isGreaterThan(served.get(i - 1).offset());
                    }
                }
                for (ExpectedRecord r : served) {
                    assertThat(log.read(TP, r.offset(), 1)).as("point read at %d", r.offset())
                            .extracting(ExpectedRecord::of).containsExactly(r);
                }
                byte[] marker = "after-recovery".getBytes(StandardCharsets.UTF_8);
                long next = log.append(TP, List.of(ProducerRecord.of(TOPIC, marker, marker, 7)));
                assertThat(next).as("append after recovery").isEqualTo(end);
                List<LogRecord> back = log.read(TP, next, 1);
                assertThat(back).singleElement().extracting(LogRecord::value).isEqualTo(marker);
            }
        } finally {
            SegmentFiles.deleteTree(dir);
        }
    }

    /** Lays out a log directory by hand: marker, one single-partition topic, and its segment file. */
    private static Path writeLogWithActiveSegment(Path dir, byte[] tail) throws IOException {
        Files.writeString(dir.resolve(DefaultLogStore.MARKER_FILE), "format.version=" + LogFileFormat.VERSION + "\n");
        Path topicDir = dir.resolve("topics").resolve(TOPIC);
        Files.createDirectories(topicDir.resolve("0"));
        TopicMetadataFile.write(topicDir, 1, TopicConfig.builder().indexIntervalBytes(64).build());
        Path segment = topicDir.resolve("0").resolve(LogFileFormat.fileName(0, LogFileFormat.LOG_SUFFIX));
        Files.write(segment, concat(LogFileFormat.header(LogFileFormat.SEGMENT_MAGIC).array(), tail));
        return segment;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

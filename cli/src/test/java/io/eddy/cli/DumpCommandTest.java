package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpCommandTest {
    @TempDir
    Path data;

    private Path partitionDir;

    private Cli cli() {
        return new Cli(data);
    }

    /** Topic t: partition 0 gets 30 one-record batches of ~200 bytes in 1 KiB segments, so several are sealed. */
    @BeforeEach
    void severalSegments() {
        try (LogStore log = LogStore.open(data.resolve("log"),
                LogStoreOptions.defaults().withBackgroundMaintenance(false))) {
            log.createTopic("t", 2, TopicConfig.builder().segmentBytes(TopicConfig.MIN_SEGMENT_BYTES).build());
            for (int i = 0; i < 30; i++) {
                byte[] value = ("record-" + i + "-" + "x".repeat(150)).getBytes(StandardCharsets.UTF_8);
                log.append(new TopicPartition("t", 0), List.of(ProducerRecord.of("t", null, value, 1_000L + i)));
            }
        }
        partitionDir = data.resolve("log").resolve("topics").resolve("t").resolve("0");
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(partitionDir)) {
            return files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        }
    }

    @Test
    void anIntactLogExitsZeroAndListsSegmentsAndBatches() throws IOException {
        byte[] before = Files.readAllBytes(segments().get(0));

        Cli.Result r = cli().run("dump", "--topic", "t");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(segments()).hasSizeGreaterThan(2);
        for (Path segment : segments()) {
            assertThat(r.stdout()).contains("segment " + segment + "  base offset ");
        }
        assertThat(r.stdout()).contains("partition 0", "partition 1")
                .contains("t: 2 partitions, " + (segments().size() + 1) + " segments, 30 batches, 30 records:"
                        + " every CRC ok");
        assertThat(r.lines()).anySatisfy(l -> assertThat(l.trim().split("\\s+"))
                .containsExactly("16", "0", "0", "1", "1970-01-01T00:00:01Z", "ok"));
        assertThat(r.stdout()).doesNotContain("BAD");
        assertThat(Files.readAllBytes(segments().get(0))).isEqualTo(before);
    }

    @Test
    void aFlippedByteInASealedSegmentExitsTwoNamingFileAndPosition() throws IOException {
        Path sealed = segments().get(1);
        long position = 16 + 60; // inside the first batch's records
        flip(sealed, position);

        Cli.Result r = cli().run("dump", "--topic", "t", "--partition", "0");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.CORRUPT);
        assertThat(r.stdout()).contains("BAD " + sealed + " position 16: crc32c stored ");
        assertThat(r.lines()).anySatisfy(l -> assertThat(l).startsWith("    16 ").contains("BAD (crc32c"));
        assertThat(r.stderr().lines()).singleElement().asString()
                .startsWith("eddy dump: 1 corrupt batch or torn tail; first: " + sealed + " position 16");
    }

    @Test
    void aTornTailExitsTwo() throws IOException {
        Path active = segments().get(segments().size() - 1);
        long size = Files.size(active);
        try (RandomAccessFile f = new RandomAccessFile(active.toFile(), "rw")) {
            f.setLength(size - 5);
        }

        Cli.Result r = cli().run("dump", "--topic", "t");

        assertThat(r.exitCode()).isEqualTo(ExitCode.CORRUPT);
        assertThat(r.stdout()).contains("BAD " + active + " position ").contains("torn tail");
    }

    @Test
    void anUnknownTopicOrPartitionFails() {
        assertThat(cli().run("dump", "--topic", "nope").exitCode()).isEqualTo(ExitCode.FAILED);
        Cli.Result r = cli().run("dump", "--topic", "t", "--partition", "7");
        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(r.stderr()).contains("no partition 7");
        assertThat(cli().run("dump", "--topic", "../t").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    private static void flip(Path file, long position) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(position);
            int b = f.read();
            f.seek(position);
            f.write(b ^ 0x01);
        }
    }
}

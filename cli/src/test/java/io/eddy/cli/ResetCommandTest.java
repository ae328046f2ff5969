package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetCommandTest {
    private static final TopicPartition LINES_0 = new TopicPartition("lines", 0);
    private static final TopicPartition LINES_1 = new TopicPartition("lines", 1);
    private static final TopicPartition REPARTITION_0 = new TopicPartition("wordcount-words-repartition", 0);

    @TempDir
    Path data;

    private Cli cli() {
        return new Cli(data);
    }

    private LogStore openLog() {
        return LogStore.open(data.resolve("log"), LogStoreOptions.defaults().withBackgroundMaintenance(false));
    }

    /**
     * App wordcount read lines (10 records per partition, stamped 1000 + i s) and owns a changelog, a repartition
     * topic, topology names and local state; app wordcount-2 (a longer id) owns a changelog and state of its own.
     */
    @BeforeEach
    void appsThatRan() throws IOException {
        try (LogStore log = openLog()) {
            log.createTopic("lines", 2, TopicConfig.defaults());
            for (int p = 0; p < 2; p++) {
                List<ProducerRecord> batch = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    batch.add(ProducerRecord.of("lines", null, new byte[] {(byte) i}, (1000L + i) * 1000));
                }
                log.append(new TopicPartition("lines", p), batch);
            }
            for (String t : List.of("wordcount-counts-changelog", "wordcount-words-repartition",
                    "wordcount-topology-names", "wordcount-2-counts-changelog", "other-counts-changelog")) {
                log.createTopic(t, 1, TopicConfig.defaults());
            }
            log.commitOffsets("wordcount", Map.of(LINES_0, OffsetAndMetadata.of(10), LINES_1, OffsetAndMetadata.of(7),
                    REPARTITION_0, OffsetAndMetadata.of(3)));
            log.commitOffsets("wordcount-2", Map.of(LINES_0, OffsetAndMetadata.of(10)));
        }
        Files.createDirectories(data.resolve("state/wordcount/0_0/rocksdb"));
        Files.writeString(data.resolve("state/wordcount/0_0/rocksdb/CURRENT"), "MANIFEST-1");
        Files.createDirectories(data.resolve("state/wordcount-2/0_0"));
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws IOException {
        Map<Path, String> before = snapshot(data);

        Cli.Result r = cli().run("reset", "--application-id", "wordcount", "--to-earliest", "--dry-run");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.lines()).containsExactly(
                "reset of application wordcount to the earliest offsets:",
                "  rewind the committed offsets of group wordcount:",
                "    TOPIC  PARTITION  COMMITTED  NEW",
                "    lines  0          10         0",
                "    lines  1          7          0",
                "  drop the committed offset of wordcount-words-repartition-0",
                "  delete topic wordcount-counts-changelog",
                "  delete topic wordcount-topology-names",
                "  delete topic wordcount-words-repartition",
                "  delete local state " + data.resolve("state").resolve("wordcount"),
                "  keep topic wordcount-2-counts-changelog: it belongs to application wordcount-2",
                "dry run: nothing was changed");
        assertThat(snapshot(data)).isEqualTo(before);
    }

    @Test
    void resetRewindsOffsetsAndRemovesInternalTopicsAndLocalState() {
        Cli.Result r = cli().run("reset", "--application-id", "wordcount", "--to-earliest");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.lines()).last().isEqualTo("reset of application wordcount done");
        try (LogStore log = LogStore.openReadOnly(data.resolve("log"))) {
            assertThat(log.committedOffsets("wordcount"))
                    .isEqualTo(Map.of(LINES_0, OffsetAndMetadata.of(0), LINES_1, OffsetAndMetadata.of(0)));
            assertThat(log.committedOffsets("wordcount-2")).isEqualTo(Map.of(LINES_0, OffsetAndMetadata.of(10)));
            assertThat(log.listTopics()).containsExactlyInAnyOrder("lines", "wordcount-2-counts-changelog",
                    "other-counts-changelog", LogStore.CONSUMER_OFFSETS_TOPIC);
        }
        assertThat(data.resolve("state/wordcount")).doesNotExist();
        assertThat(data.resolve("state/wordcount-2")).isDirectory();
    }

    @Test
    void resetToADatetimeRewindsToTheFirstRecordAtOrAfterIt() {
        Cli.Result r = cli().run("reset", "--application-id", "wordcount", "--to-datetime", "1970-01-01T00:16:45Z");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        try (LogStore log = LogStore.openReadOnly(data.resolve("log"))) {
            assertThat(log.committedOffsets("wordcount"))
                    .isEqualTo(Map.of(LINES_0, OffsetAndMetadata.of(5), LINES_1, OffsetAndMetadata.of(5)));
        }
    }

    @Test
    void anAppWithNothingToResetFails() {
        Cli.Result r = cli().run("reset", "--application-id", "nobody", "--to-earliest");

        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(r.stderr().lines()).singleElement().asString()
                .startsWith("eddy reset: application nobody has nothing to reset in " + data);
    }

    @Test
    void anApplicationIdThatIsNotANameIsBadUsage() {
        Cli.Result r = cli().run("reset", "--application-id", "../wordcount", "--to-earliest");

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(data.resolve("state/wordcount")).isDirectory();
    }

    @Test
    void exactlyOneTargetIsRequired() {
        assertThat(cli().run("reset", "--application-id", "wordcount").exitCode()).isEqualTo(ExitCode.USAGE);
        Cli.Result both = cli().run("reset", "--application-id", "wordcount", "--to-earliest", "--to-datetime",
                "2024-01-01");
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(both.stderr().lines()).singleElement().asString().contains("mutually exclusive");
    }

    /** Every file and directory under {@code dir}, with each file's bytes and modification time. */
    private static Map<Path, String> snapshot(Path dir) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                files.put(dir.relativize(p), Files.isDirectory(p) ? "dir"
                        : java.util.Arrays.toString(Files.readAllBytes(p)) + " @" + Files.getLastModifiedTime(p));
            }
        }
        return files;
    }
}

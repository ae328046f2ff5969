package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.Headers;
import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProduceConsumeTest {
    private static final long T0 = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

    @TempDir
    Path data;

    private Cli cli() {
        return new Cli(data);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void produceThenConsumeFromBeginningRoundTripsATextFileExactly() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            text.append("line ").append(i).append(i % 7 == 0 ? " — ünïcödé\r" : "").append('\n');
            if (i % 100 == 0) {
                text.append('\n'); // empty lines are records too
            }
        }
        byte[] file = utf8(text.toString());
        cli().run("topics", "create", "lines", "--partitions", "1");

        Cli.Result produced = cli().runWithInput(file, "produce", "--topic", "lines");
        assertThat(produced.exitCode()).as(produced.toString()).isZero();
        assertThat(produced.stderr()).isEqualTo("produced 5050 records to lines\n");

        Cli.Result consumed = cli().run("consume", "--topic", "lines", "--from-beginning");
        assertThat(consumed.exitCode()).as(consumed.stderr()).isZero();
        assertThat(consumed.stdoutBytes()).isEqualTo(file);
    }

    @Test
    void produceSplitsKeysAtTheSeparatorAndPartitionsByKey() {
        cli().run("topics", "create", "users", "--partitions", "4");

        Cli.Result produced = cli().runWithInput(utf8("alice:1\nbob:2\nalice:3\nno separator\n"),
                "produce", "--topic", "users", "--key-separator", ":");
        assertThat(produced.exitCode()).as(produced.toString()).isZero();

        Cli.Result kv = cli().run("consume", "--topic", "users", "--from-beginning", "--format", "kv",
                "--key-separator", "=");
        assertThat(kv.lines()).containsExactlyInAnyOrder("alice=1", "bob=2", "alice=3", "null=no separator");
        try (LogStore log = LogStore.openReadOnly(data.resolve("log"))) {
            int alicePartition = -1;
            for (int p = 0; p < 4; p++) {
                var records = log.read(new TopicPartition("users", p), 0, 100);
                for (var r : records) {
                    if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals("alice")) {
                        assertThat(alicePartition).isIn(-1, p);
                        alicePartition = p;
                    }
                }
            }
            assertThat(alicePartition).isNotNegative();
        }
    }

    @Test
    void produceToAnExplicitPartition() {
        cli().run("topics", "create", "t", "--partitions", "3");

        cli().runWithInput(utf8("a\nb\n"), "produce", "--topic", "t", "--partition", "2");

        assertThat(cli().run("consume", "--topic", "t", "--from-beginning", "--partition", "2").lines())
                .containsExactly("a", "b");
        assertThat(cli().run("consume", "--topic", "t", "--from-beginning", "--partition", "0").stdout()).isEmpty();
        Cli.Result bad = cli().runWithInput(utf8("c\n"), "produce", "--topic", "t", "--partition", "3");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(bad.stderr()).isEqualTo("eddy produce: topic t has 3 partitions; there is no partition 3\n");
    }

    @Test
    void produceToAnUnknownTopicFails() {
        cli().run("topics", "create", "t", "--partitions", "1");

        Cli.Result r = cli().runWithInput(utf8("x\n"), "produce", "--topic", "missing");

        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(r.stderr().lines()).singleElement().asString().startsWith("eddy produce: ").contains("'missing'");
    }

    /** Topic t, 2 partitions: partition p holds values p-0..p-9 stamped T0 + i seconds, offsets 0..9. */
    private void tenRecordsPerPartition() {
        try (LogStore log = LogStore.open(data.resolve("log"),
                LogStoreOptions.defaults().withBackgroundMaintenance(false))) {
            log.createTopic("t", 2, TopicConfig.defaults());
            for (int p = 0; p < 2; p++) {
                List<ProducerRecord> batch = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    batch.add(new ProducerRecord("t", null, utf8("k" + i), utf8(p + "-" + i), T0 + i * 1000L,
                            i == 0 ? Headers.of().add("h", utf8("x")) : null));
                }
                log.append(new TopicPartition("t", p), batch);
            }
        }
    }

    @Test
    void consumeSelectsByOffsetTimeAndPartition() {
        tenRecordsPerPartition();

        assertThat(cli().run("consume", "--topic", "t", "--offset", "7").lines())
                .containsExactlyInAnyOrder("0-7", "0-8", "0-9", "1-7", "1-8", "1-9");
        assertThat(cli().run("consume", "--topic", "t", "--offset", "8", "--partition", "1").lines())
                .containsExactly("1-8", "1-9");
        assertThat(cli().run("consume", "--topic", "t", "--from-time", "2024-05-01T12:00:08Z").lines())
                .containsExactlyInAnyOrder("0-8", "0-9", "1-8", "1-9");
        assertThat(cli().run("consume", "--topic", "t", "--partition", "0", "--from-time",
                "2024-05-01T14:00:09+02:00").lines()).containsExactly("0-9");
        assertThat(cli().run("consume", "--topic", "t", "--from-time", "2030-01-01").stdout()).isEmpty();
        assertThat(cli().run("consume", "--topic", "t", "--offset", "99").stdout()).isEmpty();
        assertThat(cli().run("consume", "--topic", "t").stdout()).as("starts at the end by default").isEmpty();
    }

    @Test
    void consumeFormats() {
        tenRecordsPerPartition();

        Cli.Result full = cli().run("consume", "--topic", "t", "--partition", "1", "--from-beginning",
                "--format", "full");
        assertThat(full.lines()).hasSize(10);
        assertThat(full.lines().get(0)).isEqualTo(
                "partition=1 offset=0 timestamp=2024-05-01T12:00:00Z headers=h:x key=k0 value=1-0");
        assertThat(full.lines().get(9)).isEqualTo(
                "partition=1 offset=9 timestamp=2024-05-01T12:00:09Z key=k9 value=1-9");

        Cli.Result json = cli().run("consume", "--topic", "t", "--partition", "0", "--offset", "9",
                "--format", "JSON");
        assertThat(json.stdout()).isEqualTo("{\"topic\":\"t\",\"partition\":0,\"offset\":9,\"timestamp\":"
                + (T0 + 9000) + ",\"key\":\"k9\",\"value\":\"0-9\",\"headers\":[]}\n");
    }

    @Test
    void consumeUnknownPartitionOrDeletedOffsetFailsWithOneLine() {
        tenRecordsPerPartition();

        Cli.Result r = cli().run("consume", "--topic", "t", "--partition", "5", "--from-beginning");
        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(r.stderr()).isEqualTo("eddy consume: topic t has 2 partitions; there is no partition 5\n");
    }

    @Test
    void followPrintsNewRecordsUntilInterrupted() throws Exception {
        tenRecordsPerPartition();
        java.io.PipedOutputStream sink = new java.io.PipedOutputStream();
        java.io.PipedInputStream source = new java.io.PipedInputStream(sink, 1 << 16);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int[] exit = {-1};
        Thread consumer = new Thread(() -> exit[0] = Main.run(Console.of(new ByteArrayInputStream(new byte[0]), sink,
                err), "consume", "--topic", "t", "--partition", "0", "--offset", "9", "--follow",
                "--data-dir", data.toString()));
        consumer.start();
        java.io.BufferedReader lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(source, StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("0-9");

        try (LogStore log = LogStore.open(data.resolve("log"),
                LogStoreOptions.defaults().withBackgroundMaintenance(false))) {
            log.append(new TopicPartition("t", 0), List.of(ProducerRecord.of("t", null, utf8("late"))));
            assertThat(lines.readLine()).isEqualTo("late");
        }
        consumer.interrupt();
        consumer.join(10_000);
        assertThat(consumer.isAlive()).isFalse();
        assertThat(exit[0]).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }
}

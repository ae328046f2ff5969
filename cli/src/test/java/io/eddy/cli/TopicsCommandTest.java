package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicsCommandTest {
    @TempDir
    Path data;

    private Cli cli() {
        return new Cli(data);
    }

    @Test
    void createListDescribeDelete() {
        Cli.Result created = cli().run("topics", "create", "orders", "--partitions", "3",
                "--config", "retention.ms=60000", "--config", "segment.bytes=4096");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.stdout()).isEqualTo("created topic orders with 3 partitions\n");

        try (LogStore log = LogStore.open(data.resolve("log"))) {
            log.append(new TopicPartition("orders", 1), List.of(ProducerRecord.of("orders", null,
                    "hello".getBytes(StandardCharsets.UTF_8)), ProducerRecord.of("orders", null, new byte[10])));
            assertThat(log.describeTopic("orders").config().retentionMs()).isEqualTo(60_000);
        }

        Cli.Result list = cli().run("topics", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.lines()).containsExactly("__consumer_offsets", "orders");

        Cli.Result describe = cli().run("topics", "describe", "orders");
        assertThat(describe.exitCode()).as(describe.toString()).isZero();
        assertThat(describe.lines()).contains("Topic:      orders", "Partitions: 3", "Config:",
                "  retention.ms=60000", "  segment.bytes=4096", "  cleanup.policy=delete");
        assertThat(describe.lines()).anySatisfy(l -> assertThat(l.trim().split("\\s+"))
                .containsExactly("PARTITION", "START", "END", "SEGMENTS", "BYTES"));
        assertThat(describe.lines()).anySatisfy(l -> assertThat(l.trim().split("\\s+"))
                .startsWith("1", "0", "2", "1"));
        assertThat(describe.lines()).anySatisfy(l -> assertThat(l.trim().split("\\s+"))
                .containsExactly("0", "0", "0", "1", "0"));

        Cli.Result deleted = cli().run("topics", "delete", "orders");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(cli().run("topics", "list").lines()).containsExactly("__consumer_offsets");
    }

    @Test
    void describeOfAnUnknownTopicFailsWithOneLineNamingIt() {
        cli().run("topics", "create", "a", "--partitions", "1");

        Cli.Result r = cli().run("topics", "describe", "nope");

        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(r.stderr()).startsWith("eddy topics describe: ").contains("'nope'").endsWith("\n");
        assertThat(r.stderr().lines()).hasSize(1);
    }

    @Test
    void createOfAnExistingTopicFails() {
        cli().run("topics", "create", "a", "--partitions", "1");

        Cli.Result r = cli().run("topics", "create", "a", "--partitions", "2");

        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(r.stderr().lines()).singleElement().asString().contains("a");
    }

    @Test
    void unknownConfigKeyIsBadUsageNamingTheKey() {
        Cli.Result r = cli().run("topics", "create", "a", "--partitions", "1", "--config", "retention.mss=1");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(r.stderr().lines()).singleElement().asString()
                .startsWith("eddy topics create: --config: ").contains("retention.mss");
    }

    @Test
    void deletingTheOffsetsTopicIsRefused() {
        cli().run("topics", "create", "a", "--partitions", "1");

        Cli.Result r = cli().run("topics", "delete", LogStore.CONSUMER_OFFSETS_TOPIC);

        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(cli().run("topics", "list").lines()).contains(LogStore.CONSUMER_OFFSETS_TOPIC);
    }

    @Test
    void readCommandsOnADirectoryWithoutALogFailClearly() {
        Cli.Result r = cli().run("topics", "list");

        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(r.stderr().lines()).singleElement().asString()
                .startsWith("eddy topics list: no Eddy log in " + data);
    }

    @Test
    void deleteDoesNotCreateALogWhereThereIsNone() {
        Cli.Result r = cli().run("topics", "delete", "x");

        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(data.resolve("log")).doesNotExist();
    }

    @Test
    void topicConfigDefaultsAreShownInFull() {
        cli().run("topics", "create", "c", "--partitions", "1", "--config", "cleanup.policy=compact");

        assertThat(cli().run("topics", "describe", "c").stdout())
                .contains("cleanup.policy=compact")
                .contains("segment.bytes=" + TopicConfig.defaults().segmentBytes());
    }
}

package io.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupsCommandTest {
    @TempDir
    Path data;

    private Cli cli() {
        return new Cli(data);
    }

    @BeforeEach
    void twoGroups() {
        try (LogStore log = LogStore.open(data.resolve("log"),
                LogStoreOptions.defaults().withBackgroundMaintenance(false))) {
            log.createTopic("in", 2, TopicConfig.defaults());
            log.createTopic("gone", 1, TopicConfig.defaults());
            for (int p = 0; p < 2; p++) {
                List<ProducerRecord> batch = new ArrayList<>();
                for (int i = 0; i < 10 + p; i++) {
                    batch.add(ProducerRecord.of("in", null, new byte[] {(byte) i}));
                }
                log.append(new TopicPartition("in", p), batch);
            }
            log.commitOffsets("wordcount", Map.of(new TopicPartition("in", 0), OffsetAndMetadata.of(4),
                    new TopicPartition("in", 1), OffsetAndMetadata.of(11)));
            log.commitOffsets("audit", Map.of(new TopicPartition("gone", 0), OffsetAndMetadata.of(0)));
            log.deleteTopic("gone");
        }
    }

    private static List<List<String>> rows(Cli.Result r) {
        return r.lines().stream().map(l -> List.of(l.trim().split("\\s+"))).toList();
    }

    @Test
    void listsEveryGroupWithCommittedOffsetsAndLag() {
        Cli.Result r = cli().run("groups");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(rows(r)).containsExactly(
                List.of("GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG"),
                List.of("audit", "gone", "0", "0", "-", "-"),
                List.of("wordcount", "in", "0", "4", "10", "6"),
                List.of("wordcount", "in", "1", "11", "11", "0"));
    }

    @Test
    void showsOneGroup() {
        assertThat(rows(cli().run("groups", "--group", "wordcount"))).hasSize(3)
                .allSatisfy(row -> assertThat(row.get(0)).isIn("GROUP", "wordcount"));
    }

    @Test
    void anUnknownGroupFailsWithOneLine() {
        Cli.Result r = cli().run("groups", "--group", "nobody");

        assertThat(r.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(r.stderr()).isEqualTo("eddy groups: group 'nobody' has no committed offsets in " + data + "\n");
    }
}

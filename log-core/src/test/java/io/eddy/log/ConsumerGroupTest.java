package io.eddy.log;

import static io.eddy.log.TestRecords.record;
import static io.eddy.log.TestRecords.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committed consumer-group offsets: durable across restarts, listed, deleted; commits need a group. */
class ConsumerGroupTest {
    private static final TopicPartition TP0 = new TopicPartition("t", 0);
    private static final TopicPartition TP1 = new TopicPartition("t", 1);

    @TempDir
    Path dir;

    private LogStore open() {
        return LogStore.open(dir, LogStoreOptions.defaults().withBackgroundMaintenance(false));
    }

    private static void appendValues(LogStore log, TopicPartition tp, int from, int to) {
        for (int i = from; i < to; i++) {
            log.append(tp, List.of(record(tp.topic(), null, tp.partition() + ":" + i)));
        }
    }

    private static List<LogRecord> pollAll(LogConsumer consumer, int expected) {
        List<LogRecord> out = new ArrayList<>();
        while (out.size() < expected) {
            List<LogRecord> got = consumer.poll(Duration.ofSeconds(2));
            assertThat(got).as("poll after %d of %d records", out.size(), expected).isNotEmpty();
            out.addAll(got);
        }
        return out;
    }

    @Test
    void consumerResumesFromTheCommittedPositionsAfterARestart() {
        try (LogStore log = open()) {
            log.createTopic("t", 2, TopicConfig.defaults());
            appendValues(log, TP0, 0, 10);
            appendValues(log, TP1, 0, 10);
            try (LogConsumer consumer = log.consumer(ConsumerConfig.of("g").withMaxPollRecords(7))) {
                consumer.subscribe(List.of("t"));
                pollAll(consumer, 7);
                Map<TopicPartition, Long> positions = Map.of(TP0, consumer.position(TP0), TP1, consumer.position(TP1));
                consumer.commitSync();
                assertThat(consumer.committed(TP0)).hasValue(positions.get(TP0));
                assertThat(consumer.committed(TP1)).hasValue(positions.get(TP1));
            }
        }
        try (LogStore log = open()) {
            long at0 = log.committedOffset("g", TP0).orElseThrow().offset();
            long at1 = log.committedOffset("g", TP1).orElseThrow().offset();
            assertThat(at0 + at1).isEqualTo(7);
            try (LogConsumer consumer = log.consumer(ConsumerConfig.of("g"))) {
                consumer.subscribe(List.of("t"));
                assertThat(consumer.position(TP0)).isEqualTo(at0);
                assertThat(consumer.position(TP1)).isEqualTo(at1);
                List<LogRecord> rest = pollAll(consumer, 13);
                assertThat(rest).hasSize(13);
                assertThat(rest.stream().filter(r -> r.partition() == 0).findFirst().orElseThrow().offset())
                        .isEqualTo(at0);
                assertThat(rest.stream().filter(r -> r.partition() == 1).findFirst().orElseThrow().offset())
                        .isEqualTo(at1);
            }
        }
    }

    @Test
    void commitWithMetadataIsReadBackExactly() {
        try (LogStore log = open()) {
            log.createTopic("t", 2, TopicConfig.defaults());
            appendValues(log, TP0, 0, 5);
            log.commitOffsets("g", Map.of(TP0, new OffsetAndMetadata(3, "checkpoint ü"), TP1, OffsetAndMetadata.of(0)));
        }
        try (LogStore log = open()) {
            assertThat(log.committedOffsets("g")).containsExactlyInAnyOrderEntriesOf(
                    Map.of(TP0, new OffsetAndMetadata(3, "checkpoint ü"), TP1, OffsetAndMetadata.of(0)));
        }
    }

    @Test
    void laterCommitsReplaceEarlierOnesAcrossRestarts() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            appendValues(log, TP0, 0, 10);
            for (int i = 1; i <= 10; i++) {
                log.commitOffsets("g", Map.of(TP0, OffsetAndMetadata.of(i)));
            }
        }
        try (LogStore log = open()) {
            assertThat(log.committedOffset("g", TP0)).contains(OffsetAndMetadata.of(10));
        }
    }

    @Test
    void commitSyncWithoutAGroupFailsClearlyAndCommitsNothing() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            appendValues(log, TP0, 0, 3);
            try (LogConsumer consumer = log.consumer(ConsumerConfig.of(null))) {
                consumer.assign(List.of(TP0));
                pollAll(consumer, 3);
                assertThatThrownBy(consumer::commitSync)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("group");
                assertThatThrownBy(() -> consumer.commitSync(Map.of(TP0, OffsetAndMetadata.of(1))))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("group");
                assertThat(consumer.committed(TP0)).isEmpty();
            }
            assertThat(log.listGroups()).isEmpty();
        }
    }

    @Test
    void listGroupsNamesEveryGroupWithCommittedOffsetsAcrossRestarts() {
        try (LogStore log = open()) {
            log.createTopic("t", 2, TopicConfig.defaults());
            assertThat(log.listGroups()).isEmpty();
            log.commitOffsets("alpha", Map.of(TP0, OffsetAndMetadata.of(0)));
            log.commitOffsets("beta", Map.of(TP1, OffsetAndMetadata.of(0)));
            log.commitOffsets("gamma", Map.of(TP0, OffsetAndMetadata.of(0), TP1, OffsetAndMetadata.of(0)));
            assertThat(log.listGroups()).containsExactlyInAnyOrder("alpha", "beta", "gamma");
        }
        try (LogStore log = open()) {
            assertThat(log.listGroups()).containsExactlyInAnyOrder("alpha", "beta", "gamma");
        }
    }

    @Test
    void deleteGroupOffsetsRemovesThemDurablyAndTheConsumerStartsOverPerItsResetPolicy() {
        try (LogStore log = open()) {
            log.createTopic("t", 2, TopicConfig.defaults());
            appendValues(log, TP0, 0, 5);
            log.commitOffsets("doomed", Map.of(TP0, OffsetAndMetadata.of(4), TP1, OffsetAndMetadata.of(0)));
            log.commitOffsets("kept", Map.of(TP0, OffsetAndMetadata.of(2)));

            log.deleteGroupOffsets("doomed");

            assertThat(log.committedOffsets("doomed")).isEmpty();
            assertThat(log.committedOffset("doomed", TP0)).isEmpty();
            assertThat(log.listGroups()).containsExactly("kept");
        }
        try (LogStore log = open()) {
            assertThat(log.listGroups()).containsExactly("kept");
            assertThat(log.committedOffsets("doomed")).isEmpty();
            assertThat(log.committedOffset("kept", TP0)).contains(OffsetAndMetadata.of(2));
            try (LogConsumer consumer = log.consumer(ConsumerConfig.of("doomed"))) {
                consumer.assign(List.of(TP0));
                assertThat(consumer.position(TP0)).isZero();
                assertThat(values(pollAll(consumer, 5))).containsExactly("0:0", "0:1", "0:2", "0:3", "0:4");
            }
            log.deleteGroupOffsets("never-existed"); // no-op, no failure
        }
    }

    @Test
    void groupWithoutCommittedOffsetsStartsAtTheEndUnderLatestAndFailsUnderNone() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            appendValues(log, TP0, 0, 5);
            try (LogConsumer latest = log.consumer(ConsumerConfig.of("fresh")
                    .withAutoOffsetReset(ConsumerConfig.OffsetReset.LATEST))) {
                latest.assign(List.of(TP0));
                assertThat(latest.position(TP0)).isEqualTo(5);
                appendValues(log, TP0, 5, 6);
                assertThat(values(latest.poll(Duration.ofSeconds(2)))).containsExactly("0:5");
            }
            try (LogConsumer none = log.consumer(ConsumerConfig.of("fresh")
                    .withAutoOffsetReset(ConsumerConfig.OffsetReset.NONE))) {
                assertThatThrownBy(() -> none.assign(List.of(TP0)))
                        .isInstanceOf(OffsetOutOfRangeException.class)
                        .hasMessageContaining("t-0")
                        .hasMessageContaining("fresh");
            }
        }
    }

    @Test
    void committingOffsetsForAnUnknownTopicFails() {
        try (LogStore log = open()) {
            assertThatThrownBy(() -> log.commitOffsets("g", Map.of(new TopicPartition("nope", 0),
                    OffsetAndMetadata.of(1))))
                    .isInstanceOf(UnknownTopicException.class)
                    .hasMessageContaining("nope");
            assertThat(log.listGroups()).isEmpty();
        }
    }
}

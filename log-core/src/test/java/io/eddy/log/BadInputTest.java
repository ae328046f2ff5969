package io.eddy.log;

import static io.eddy.log.TestRecords.readAll;
import static io.eddy.log.TestRecords.record;
import static io.eddy.log.TestRecords.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input is refused with the documented exception, naming the bad value, and leaves the log unchanged: names,
 * sizes, configs, offsets, foreign files and unknown format versions. Never a NullPointerException or an
 * IndexOutOfBoundsException.
 */
class BadInputTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    @TempDir
    Path dir;

    private LogStore open() {
        return LogStore.open(dir, LogStoreOptions.defaults().withBackgroundMaintenance(false));
    }

    /** Creates topic t (2 partitions, several segments) holding v0..v29 on partition 0, and closes the log. */
    private void createLogWithData() {
        try (LogStore log = open()) {
            log.createTopic("t", 2, TopicConfig.builder().segmentBytes(1024).build());
            for (int i = 0; i < 30; i++) {
                log.append(TP, List.of(record("t", "k" + i, "v" + i + "-" + "x".repeat(60))));
            }
            log.commitOffsets("g", Map.of(TP, OffsetAndMetadata.of(7)));
        }
    }

    private void assertDataIntact() {
        try (LogStore log = open()) {
            List<String> values = values(readAll(log, TP));
            assertThat(values).hasSize(30);
            for (int i = 0; i < 30; i++) {
                assertThat(values.get(i)).startsWith("v" + i + "-");
            }
            assertThat(log.committedOffset("g", TP)).contains(OffsetAndMetadata.of(7));
        }
    }

    // ---- topic names and partition counts ----

    static Stream<String> invalidTopicNames() {
        return Stream.of(".", "..", "a".repeat(250), "a/b", "../x", "a b", " ", "tópico", "主题", "a\\b", "a:b",
                "a\u0000b", "tab\there");
    }

    @ParameterizedTest
    @MethodSource("invalidTopicNames")
    void invalidTopicNamesAreRefusedNamingTheTopicAndNothingIsCreated(String name) throws IOException {
        try (LogStore log = open()) {
            String shown = name.length() > 40 ? name.substring(0, 40) : name;
            assertThatThrownBy(() -> log.createTopic(name, 1, TopicConfig.defaults()))
                    .isInstanceOf(InvalidTopicException.class)
                    .hasMessageContaining(shown);
            assertThatThrownBy(() -> log.createTopicIfAbsent(name, 1, TopicConfig.defaults()))
                    .isInstanceOf(InvalidTopicException.class);
            assertThat(log.listTopics()).containsExactly(LogStore.CONSUMER_OFFSETS_TOPIC);
        }
        try (Stream<Path> topics = Files.list(dir.resolve("topics"))) {
            assertThat(topics.map(p -> p.getFileName().toString())).containsExactly(LogStore.CONSUMER_OFFSETS_TOPIC);
        }
        assertThat(dir.getParent().resolve("x")).doesNotExist();
    }

    @Test
    void overlongTopicNameMessageStatesTheLengthAndTheLimit() {
        try (LogStore log = open()) {
            assertThatThrownBy(() -> log.createTopic("a".repeat(250), 1, TopicConfig.defaults()))
                    .isInstanceOf(InvalidTopicException.class)
                    .hasMessageContaining("250").hasMessageContaining("249");
        }
    }

    @Test
    void emptyOrNullTopicNameIsRefusedWithInvalidTopicException() {
        try (LogStore log = open()) {
            assertThatThrownBy(() -> log.createTopic("", 1, TopicConfig.defaults()))
                    .isInstanceOf(InvalidTopicException.class).hasMessageContaining("empty");
            assertThatThrownBy(() -> log.createTopic(null, 1, TopicConfig.defaults()))
                    .isInstanceOf(InvalidTopicException.class);
        }
    }

    @Test
    void longestLegalTopicNameWithEveryLegalCharacterIsAccepted() {
        String name = ("aZ09._-").repeat(35) + "abcd"; // 249 characters
        assertThat(name).hasSize(249);
        try (LogStore log = open()) {
            log.createTopic(name, 1, TopicConfig.defaults());
            log.append(new TopicPartition(name, 0), List.of(record(name, null, "ok")));
        }
        try (LogStore log = open()) {
            assertThat(values(readAll(log, new TopicPartition(name, 0)))).containsExactly("ok");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void nonPositivePartitionCountsAreRefusedNamingTopicAndCount(int partitions) {
        try (LogStore log = open()) {
            assertThatThrownBy(() -> log.createTopic("t", partitions, TopicConfig.defaults()))
                    .isInstanceOf(InvalidTopicException.class)
                    .hasMessageContaining("t")
                    .hasMessageContaining(Integer.toString(partitions));
            assertThat(log.topicExists("t")).isFalse();
        }
    }

    @Test
    void creatingAnExistingTopicFailsAndLeavesItUnchanged() {
        try (LogStore log = open()) {
            log.createTopic("t", 2, TopicConfig.defaults());
            assertThatThrownBy(() -> log.createTopic("t", 5, TopicConfig.defaults()))
                    .isInstanceOf(TopicExistsException.class).hasMessageContaining("t");
            assertThat(log.createTopicIfAbsent("t", 5, TopicConfig.defaults())).isFalse();
            assertThat(log.partitionCount("t")).isEqualTo(2);
        }
    }

    // ---- records, topics and offsets ----

    @Test
    void recordOverMaxMessageBytesIsRefusedAndNothingOfItsBatchIsAppended() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.builder().maxMessageBytes(1024).build());
            log.append(TP, List.of(record("t", null, "before")));

            assertThatThrownBy(() -> log.append(TP, List.of(record("t", null, "fits"),
                    record("t", null, "x".repeat(2000)))))
                    .isInstanceOf(RecordTooLargeException.class)
                    .hasMessageContaining("t-0").hasMessageContaining("1024");
            try (LogProducer producer = log.producer()) {
                assertThatThrownBy(() -> producer.send(record("t", null, "y".repeat(2000))))
                        .isInstanceOf(RecordTooLargeException.class);
                producer.flush();
            }

            assertThat(log.endOffset(TP)).isEqualTo(1);
            assertThat(values(readAll(log, TP))).containsExactly("before");
            log.append(TP, List.of(record("t", null, "x".repeat(900))));
            assertThat(log.endOffset(TP)).isEqualTo(2);
        }
    }

    @Test
    void appendingOrProducingToADeletedTopicFailsWithUnknownTopic() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            log.append(TP, List.of(record("t", null, "v")));
            try (LogProducer producer = log.producer()) {
                producer.send(record("t", null, "sent before delete"));
                producer.flush();

                log.deleteTopic("t");

                assertThatThrownBy(() -> log.append(TP, List.of(record("t", null, "late"))))
                        .isInstanceOf(UnknownTopicException.class).hasMessageContaining("t");
                assertThatThrownBy(() -> producer.send(record("t", null, "late")))
                        .isInstanceOf(UnknownTopicException.class).hasMessageContaining("t");
                assertThatThrownBy(() -> log.read(TP, 0, 10)).isInstanceOf(UnknownTopicException.class);
                assertThatThrownBy(() -> log.deleteTopic("t")).isInstanceOf(UnknownTopicException.class);
            }
            assertThat(log.topicExists("t")).isFalse();
            assertThat(LogFiles.topicDir(dir, "t")).doesNotExist();

            log.createTopic("t", 1, TopicConfig.defaults()); // a new topic of that name starts empty
            assertThat(log.endOffset(TP)).isZero();
        }
    }

    @Test
    void readingPastTheEndOrBelowTheStartFailsWithOffsetOutOfRange() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            log.append(TP, List.of(record("t", null, "a"), record("t", null, "b")));
            assertThat(log.read(TP, 2, 10)).isEmpty();
            assertThatThrownBy(() -> log.read(TP, 3, 10))
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("t-0").hasMessageContaining("3");
            assertThatThrownBy(() -> log.read(TP, -1, 10))
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("-1");
            assertThatThrownBy(() -> log.read(TP, Long.MAX_VALUE, 10))
                    .isInstanceOf(OffsetOutOfRangeException.class);
            assertThatThrownBy(() -> log.read(new TopicPartition("t", 1), 0, 10))
                    .isInstanceOf(UnknownPartitionException.class).hasMessageContaining("1");
            assertThatThrownBy(() -> log.read(new TopicPartition("t", -1), 0, 10))
                    .isInstanceOf(UnknownPartitionException.class).hasMessageContaining("-1");
            assertThatThrownBy(() -> log.read(new TopicPartition("nope", 0), 0, 10))
                    .isInstanceOf(UnknownTopicException.class).hasMessageContaining("nope");
        }
    }

    @Test
    void nonPositiveReadLimitIsRefusedWithIllegalArgument() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            log.append(TP, List.of(record("t", null, "a"), record("t", null, "b")));
            assertThatThrownBy(() -> log.read(TP, 0, -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
            assertThatThrownBy(() -> log.read(TP, 0, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void consumerRefusesUnknownTopicsAndPartitions() {
        try (LogStore log = open()) {
            log.createTopic("t", 1, TopicConfig.defaults());
            try (LogConsumer consumer = log.consumer(ConsumerConfig.of(null))) {
                assertThatThrownBy(() -> consumer.subscribe(List.of("nope")))
                        .isInstanceOf(UnknownTopicException.class).hasMessageContaining("nope");
                assertThatThrownBy(() -> consumer.assign(List.of(new TopicPartition("t", 3))))
                        .isInstanceOf(UnknownPartitionException.class).hasMessageContaining("3");
                consumer.assign(List.of(TP));
                assertThatThrownBy(() -> consumer.seek(TP, -5))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5");
            }
        }
    }

    // ---- foreign files ----

    @Test
    void unknownFileInTheLogDirectoryRootFailsOpenNamingItAndDataIsIntactAfterRemoval() throws IOException {
        createLogWithData();
        Path stray = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(this::open)
                .isInstanceOf(UnexpectedFileException.class)
                .hasMessageContaining(stray.toString());
        Files.delete(stray);
        assertDataIntact();
    }

    @Test
    void unknownFileInATopicDirectoryFailsOpenNamingItAndDataIsIntactAfterRemoval() throws IOException {
        createLogWithData();
        Path stray = Files.writeString(LogFiles.topicDir(dir, "t").resolve("backup.properties"), "x=1");
        assertThatThrownBy(this::open)
                .isInstanceOf(UnexpectedFileException.class)
                .hasMessageContaining(stray.toString());
        Files.delete(stray);
        assertDataIntact();
    }

    @Test
    void partitionDirectoryBeyondThePartitionCountFailsOpenNamingIt() throws IOException {
        createLogWithData();
        Path stray = Files.createDirectory(LogFiles.topicDir(dir, "t").resolve("2"));
        assertThatThrownBy(this::open)
                .isInstanceOf(UnexpectedFileException.class)
                .hasMessageContaining(stray.toString());
        Files.delete(stray);
        assertDataIntact();
    }

    @Test
    void unknownFileInAPartitionDirectoryFailsOpenNamingItAndDataIsIntactAfterRemoval() throws IOException {
        createLogWithData();
        Path stray = Files.writeString(LogFiles.partitionDir(dir, TP).resolve("README"), "mine");
        Map<String, String> before = LogFiles.snapshot(LogFiles.partitionDir(dir, TP));
        assertThatThrownBy(this::open)
                .isInstanceOf(UnexpectedFileException.class)
                .hasMessageContaining(stray.toString());
        assertThat(LogFiles.snapshot(LogFiles.partitionDir(dir, TP))).isEqualTo(before);
        Files.delete(stray);
        assertDataIntact();
    }

    /** Guards a bug: any "*.tmp", "*.cleaned" or "*.swap" file was taken for the log's own leftover and deleted. */
    @ParameterizedTest
    @ValueSource(strings = {"notes.tmp", "draft.cleaned", "old.swap", "00000000000000000000.log.tmp", "1.2.swap"})
    void foreignFileNamedLikeALeftoverInAPartitionDirectoryFailsOpenAndIsNotDeleted(String name) throws IOException {
        createLogWithData();
        Path stray = Files.writeString(LogFiles.partitionDir(dir, TP).resolve(name), "mine");
        assertThatThrownBy(this::open)
                .isInstanceOf(UnexpectedFileException.class)
                .hasMessageContaining(stray.toString());
        assertThat(stray).hasContent("mine");
        Files.delete(stray);
        assertDataIntact();
    }

    @Test
    void directoryInTopicsThatIsNotATopicFailsOpenNamingIt() throws IOException {
        createLogWithData();
        Path stray = Files.createDirectory(dir.resolve("topics").resolve("holiday-photos"));
        assertThatThrownBy(this::open)
                .isInstanceOf(UnexpectedFileException.class)
                .hasMessageContaining(stray.toString());
        Files.delete(stray);
        assertDataIntact();
    }

    @Test
    void nonEmptyDirectoryWithoutALogIsNotTakenOver() throws IOException {
        Path stray = Files.writeString(dir.resolve("important.doc"), "do not touch");
        assertThatThrownBy(this::open)
                .isInstanceOf(UnexpectedFileException.class)
                .hasMessageContaining(dir.toString());
        assertThat(dir.resolve("topics")).doesNotExist();
        assertThat(Files.readString(stray)).isEqualTo("do not touch");
    }

    // ---- unknown format versions ----

    @Test
    void unknownFormatVersionInTopicPropertiesFailsOpenNamingTheFileAndTouchesNothing() throws IOException {
        createLogWithData();
        Path props = LogFiles.topicDir(dir, "t").resolve("topic.properties");
        String original = Files.readString(props);
        Files.writeString(props, original.replace("format.version=1", "format.version=2"));
        Map<String, String> before = LogFiles.snapshot(LogFiles.topicDir(dir, "t"));

        assertThatThrownBy(this::open)
                .isInstanceOf(UnsupportedFormatVersionException.class)
                .hasMessageContaining(props.toString());

        assertThat(LogFiles.snapshot(LogFiles.topicDir(dir, "t"))).isEqualTo(before);
        Files.writeString(props, original);
        assertDataIntact();
    }

    @Test
    void unknownFormatVersionInTheLogMarkerFailsOpenNamingTheFileAndTouchesNothing() throws IOException {
        createLogWithData();
        Path marker = dir.resolve("eddy-log.properties");
        String original = Files.readString(marker);
        Files.writeString(marker, "format.version=7\n");
        Map<String, String> before = LogFiles.snapshot(dir.resolve("topics"));

        assertThatThrownBy(this::open)
                .isInstanceOf(UnsupportedFormatVersionException.class)
                .hasMessageContaining(marker.toString());
        assertThatThrownBy(() -> LogStore.openReadOnly(dir))
                .isInstanceOf(UnsupportedFormatVersionException.class)
                .hasMessageContaining(marker.toString());

        assertThat(LogFiles.snapshot(dir.resolve("topics"))).isEqualTo(before);
        Files.writeString(marker, original);
        assertDataIntact();
    }

    @Test
    void unknownFormatVersionInASegmentHeaderFailsOpenNamingTheFileAndTouchesNothing() throws IOException {
        createLogWithData();
        List<Long> bases = LogFiles.segmentBases(dir, TP);
        assertThat(bases).hasSizeGreaterThan(2);
        for (long base : List.of(bases.get(1), bases.get(bases.size() - 1))) { // a sealed and the active segment
            Path segment = LogFiles.segmentFile(dir, TP, base, ".log");
            byte[] original = Files.readAllBytes(segment);
            byte[] changed = original.clone();
            ByteBuffer.wrap(changed).putInt(8, 2); // the version field of the 16-byte file header
            Files.write(segment, changed);

            assertThatThrownBy(this::open)
                    .isInstanceOf(UnsupportedFormatVersionException.class)
                    .hasMessageContaining(segment.toString());

            assertThat(Files.readAllBytes(segment)).as("segment %d after the failed open", base).isEqualTo(changed);
            Files.write(segment, original);
        }
        assertDataIntact();
    }

    // ---- topic config ----

    static Stream<Arguments> invalidTopicConfigs() {
        return Stream.of(
                Arguments.of(TopicConfig.SEGMENT_BYTES, "abc"),
                Arguments.of(TopicConfig.SEGMENT_BYTES, "100"),
                Arguments.of(TopicConfig.SEGMENT_BYTES, "99999999999"),
                Arguments.of(TopicConfig.SEGMENT_BYTES, ""),
                Arguments.of(TopicConfig.SEGMENT_BYTES, null),
                Arguments.of(TopicConfig.SEGMENT_MS, "0"),
                Arguments.of(TopicConfig.SEGMENT_MS, "1.5"),
                Arguments.of(TopicConfig.RETENTION_MS, "-2"),
                Arguments.of(TopicConfig.RETENTION_MS, "forever"),
                Arguments.of(TopicConfig.RETENTION_BYTES, "-7"),
                Arguments.of(TopicConfig.CLEANUP_POLICY, "shred"),
                Arguments.of(TopicConfig.CLEANUP_POLICY, ""),
                Arguments.of(TopicConfig.CLEANUP_POLICY, "compact,,delete"),
                Arguments.of(TopicConfig.DELETE_RETENTION_MS, "-1"),
                Arguments.of(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO, "1.5"),
                Arguments.of(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO, "NaN"),
                Arguments.of(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO, "half"),
                Arguments.of(TopicConfig.MAX_MESSAGE_BYTES, "10"),
                Arguments.of(TopicConfig.MAX_MESSAGE_BYTES, "0x100"),
                Arguments.of(TopicConfig.INDEX_INTERVAL_BYTES, "0"),
                Arguments.of(TopicConfig.FLUSH_MESSAGES, "0"),
                Arguments.of(TopicConfig.FLUSH_MS, "-5"),
                Arguments.of("segment.byte", "1024"),
                Arguments.of("retention.hours", "1"));
    }

    @ParameterizedTest
    @MethodSource("invalidTopicConfigs")
    void invalidTopicConfigIsRefusedWithInvalidConfigExceptionNamingTheKey(String key, String value) {
        Map<String, String> entries = new HashMap<>();
        entries.put(key, value);
        assertThatThrownBy(() -> TopicConfig.fromMap(entries))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(key);
    }

    @Test
    void nullTopicConfigKeyIsRefusedWithInvalidConfigException() {
        Map<String, String> entries = new HashMap<>();
        entries.put(null, "1");
        assertThatThrownBy(() -> TopicConfig.fromMap(entries)).isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void validKafkaStyleTopicConfigRoundTripsThroughItsMap() {
        TopicConfig c = TopicConfig.fromMap(Map.of(TopicConfig.SEGMENT_BYTES, "2048",
                TopicConfig.CLEANUP_POLICY, "compact, delete", TopicConfig.RETENTION_MS, "-1",
                TopicConfig.MIN_CLEANABLE_DIRTY_RATIO, "0.25"));
        assertThat(c.segmentBytes()).isEqualTo(2048);
        assertThat(c.cleanupPolicy()).containsExactlyInAnyOrder(CleanupPolicy.COMPACT, CleanupPolicy.DELETE);
        assertThat(TopicConfig.fromMap(c.toMap())).isEqualTo(c);
    }

    @Test
    void invalidConfigInTopicPropertiesFailsOpenNamingTheKey() throws IOException {
        createLogWithData();
        Path props = LogFiles.topicDir(dir, "t").resolve("topic.properties");
        String original = Files.readString(props, StandardCharsets.UTF_8);
        Files.writeString(props, original.replace("config.segment.bytes=1024", "config.segment.bytes=tiny"));
        assertThatThrownBy(this::open)
                .isInstanceOf(LogException.class)
                .hasMessageContaining("segment.bytes");
        Files.writeString(props, original);
        assertDataIntact();
    }
}

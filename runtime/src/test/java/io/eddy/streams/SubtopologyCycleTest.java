package io.eddy.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eddy.log.DefaultPartitioner;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Serdes;
import io.eddy.state.Stores;
import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.internal.InternalTopologyBuilder;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two subtopologies feeding each other through internal topics whose partition counts follow other topics (the shape
 * of a foreign-key join): pings (3 partitions) send a request to the pong side (2 partitions), which replies.
 */
class SubtopologyCycleTest {
    private static final int PING_PARTITIONS = 3;
    private static final int PONG_PARTITIONS = 2;
    private static final int PINGS = 200;

    @TempDir
    Path dir;

    /** Forwards each record as (new key, value) chosen by the function, noting the task's partition. */
    private static ProcessorSupplier<String, String, String, String> rekey(boolean towardsPong) {
        return () -> new ContextualProcessor<>() {
            @Override
            public void process(Record<String, String> record) {
                int partition = context().taskId().partition();
                if (towardsPong) { // ping key "k" with value "target": ask target, say who asks
                    context().forward(record.withKey(record.value()).withValue(record.key()));
                } else { // pong side: answer the asker with the partition that answered
                    context().forward(record.withKey(record.value()).withValue(record.key() + "@" + partition));
                }
            }
        };
    }

    private static ProcessorSupplier<String, String, String, String> collect() {
        return () -> new ContextualProcessor<>() {
            @Override
            public void process(Record<String, String> record) {
                context().forward(record.withValue(record.value() + "|" + context().taskId().partition()));
            }
        };
    }

    static Topology topology() {
        Topology t = new Topology();
        InternalTopologyBuilder b = t.internalBuilder();
        t.addSource("pings", Serdes.String().deserializer(), Serdes.String().deserializer(), "pings");
        t.addProcessor("ask", rekey(true), "pings");
        b.addInternalTopic("requests", Set.of("pongs"), true, Map.of());
        t.addSink("to-requests", "requests", Serdes.String().serializer(), Serdes.String().serializer(), "ask");
        t.addSource("requests", Serdes.String().deserializer(), Serdes.String().deserializer(), "requests");
        t.addSource("pongs", Serdes.String().deserializer(), Serdes.String().deserializer(), "pongs");
        t.addProcessor("answer", rekey(false), "requests");
        t.addProcessor("pong-table", collect(), "pongs");
        // a shared store puts the pong table and the answering processor in one subtopology, as in a join
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("pong-side"), Serdes.String(),
                Serdes.String()).withLoggingDisabled(), "answer", "pong-table");
        b.addInternalTopic("replies", Set.of("pings"), true, Map.of());
        t.addSink("to-replies", "replies", Serdes.String().serializer(), Serdes.String().serializer(), "answer");
        t.addSource("replies", Serdes.String().deserializer(), Serdes.String().deserializer(), "replies");
        t.addProcessor("collect", collect(), "replies");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("ping-side"), Serdes.String(),
                Serdes.String()).withLoggingDisabled(), "ask", "collect");
        b.addCopartitionGroup(Set.of("pings", "replies"));
        b.addCopartitionGroup(Set.of("pongs", "requests"));
        t.addSink("out", "out", Serdes.String().serializer(), Serdes.String().serializer(), "collect");
        return t;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}, through the log: {1}")
    @CsvSource({"at_least_once,false", "exactly_once,false", "at_least_once,true", "exactly_once,true"})
    void requestsReachTheTaskOfTheirKeyAndRepliesComeBackToTheAsker(String guarantee, boolean throughLog)
            throws Exception {
        try (LogStore log = LogStore.open(dir.resolve("log"))) {
            log.createTopicIfAbsent("pings", PING_PARTITIONS, TopicConfig.defaults());
            log.createTopicIfAbsent("pongs", PONG_PARTITIONS, TopicConfig.defaults());
            log.createTopicIfAbsent("out", PING_PARTITIONS, TopicConfig.defaults());
            for (int i = 0; i < PINGS; i++) {
                byte[] key = utf8("k" + i);
                int p = DefaultPartitioner.partition(key, PING_PARTITIONS);
                log.append(new TopicPartition("pings", p), List.of(new ProducerRecord("pings", p, key,
                        utf8("t" + (i % 17)), i, null)));
            }
        }
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "cycle");
        p.put(StreamsConfig.DATA_DIR_CONFIG, dir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        p.put(StreamsConfig.REPARTITION_THROUGH_LOG_CONFIG, throughLog);
        try (EddyStreams app = new EddyStreams(topology(), p)) {
            app.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> outputs().size() == PINGS);
        }
        Map<String, String> out = outputs();
        assertThat(out).hasSize(PINGS);
        for (int i = 0; i < PINGS; i++) {
            String target = "t" + (i % 17);
            int pong = DefaultPartitioner.partition(utf8(target), PONG_PARTITIONS);
            int ping = DefaultPartitioner.partition(utf8("k" + i), PING_PARTITIONS);
            assertThat(out.get("k" + i)).isEqualTo(target + "@" + pong + "|" + ping);
        }
        try (LogStore log = LogStore.openReadOnly(dir.resolve("log"))) {
            assertThat(log.topicExists("cycle-requests")).isEqualTo(throughLog);
            if (throughLog) {
                assertThat(log.partitionCount("cycle-requests")).isEqualTo(PONG_PARTITIONS);
                assertThat(log.partitionCount("cycle-replies")).isEqualTo(PING_PARTITIONS);
            }
        }
    }

    private Map<String, String> outputs() {
        Map<String, String> out = new TreeMap<>();
        if (!java.nio.file.Files.exists(dir.resolve("log"))) {
            return out;
        }
        try (LogStore log = LogStore.openReadOnly(dir.resolve("log"))) {
            for (int p = 0; p < PING_PARTITIONS; p++) {
                TopicPartition tp = new TopicPartition("out", p);
                long offset = log.startOffset(tp);
                while (offset < log.endOffset(tp)) {
                    List<LogRecord> batch = log.read(tp, offset, 500);
                    if (batch.isEmpty()) {
                        break;
                    }
                    for (LogRecord r : batch) {
                        out.put(new String(r.key(), StandardCharsets.UTF_8),
                                new String(r.value(), StandardCharsets.UTF_8));
                    }
                    offset = batch.get(batch.size() - 1).offset() + 1;
                }
            }
        }
        return out;
    }

    @Test
    void anInternalTopicMustFollowAtLeastOneOtherTopic() {
        InternalTopologyBuilder b = new Topology().internalBuilder();
        assertThatThrownBy(() -> b.addInternalTopic("t", Set.of(), true, Map.of()))
                .isInstanceOf(TopologyException.class).hasMessageContaining("at least one topic");
        assertThatThrownBy(() -> b.addInternalTopic("t", Set.of("t"), true, Map.of()))
                .isInstanceOf(TopologyException.class).hasMessageContaining("itself");
        b.addInternalTopic("u", Set.of("in"), true, Map.of());
        assertThat(b.internalTopics().get("u").partitionsLike()).containsExactly("in");
        assertThat(b.internalTopics().get("u").partitions()).isEqualTo(-1);
    }

    @Test
    void coPartitionedTopicsWithDifferentCountsFailAtStart() throws Exception {
        try (LogStore log = LogStore.open(dir.resolve("log"))) {
            log.createTopicIfAbsent("pings", PING_PARTITIONS, TopicConfig.defaults());
            log.createTopicIfAbsent("pongs", PONG_PARTITIONS, TopicConfig.defaults());
            log.createTopicIfAbsent("out", PING_PARTITIONS, TopicConfig.defaults());
        }
        Topology t = topology();
        t.internalBuilder().addCopartitionGroup(Set.of("pings", "requests"));
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "cycle-bad");
        p.put(StreamsConfig.DATA_DIR_CONFIG, dir.toString());
        try (EddyStreams app = new EddyStreams(t, p)) {
            assertThatThrownBy(app::start).hasStackTraceContaining("co-partitioned");
        }
    }
}

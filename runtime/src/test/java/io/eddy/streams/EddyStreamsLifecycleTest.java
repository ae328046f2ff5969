package io.eddy.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Serdes;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EddyStreamsLifecycleTest {
    @TempDir
    Path dir;

    private Properties props(String appId) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.DATA_DIR_CONFIG, dir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return p;
    }

    private void write(String topic, int partitions, long[] timestamps) {
        try (LogStore log = LogStore.open(dir.resolve("log"))) {
            log.createTopicIfAbsent(topic, partitions, TopicConfig.defaults());
            List<ProducerRecord> batch = new ArrayList<>();
            for (long ts : timestamps) {
                batch.add(new ProducerRecord(topic, 0, null, Long.toString(ts).getBytes(StandardCharsets.UTF_8), ts,
                        null));
            }
            log.append(new TopicPartition(topic, 0), batch);
        }
    }

    @Test
    void aTaskProcessesRecordsOfItsPartitionsInTimestampOrder() throws Exception {
        write("left", 1, new long[] {1, 4, 5, 9, 12});
        write("right", 1, new long[] {2, 3, 6, 7, 8, 10, 11});
        List<Long> seen = new CopyOnWriteArrayList<>();
        Topology t = new Topology();
        t.addSource("src", Serdes.String().deserializer(), Serdes.String().deserializer(), "left", "right");
        ProcessorSupplier<String, String, Void, Void> record = () -> new ContextualProcessor<>() {
            @Override
            public void process(Record<String, String> r) {
                seen.add(r.timestamp());
            }
        };
        t.addProcessor("record", record, "src");
        try (EddyStreams app = new EddyStreams(t, props("timesync"))) {
            app.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 12);
        }
        List<Long> sorted = new ArrayList<>(seen);
        Collections.sort(sorted);
        assertThat(seen).isEqualTo(sorted);
    }

    private Topology failingOnce(AtomicBoolean failed, List<String> processed) {
        Topology t = new Topology();
        t.addSource("src", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
        ProcessorSupplier<String, String, Void, Void> p = () -> new ContextualProcessor<>() {
            @Override
            public void process(Record<String, String> r) {
                if (r.value().equals("3") && failed.compareAndSet(false, true)) {
                    throw new IllegalStateException("boom on 3");
                }
                processed.add(r.value());
            }
        };
        t.addProcessor("p", p, "src");
        return t;
    }

    @Test
    void replaceThreadRestartsFromTheLastCommitAndLosesNothing() throws Exception {
        write("in", 1, new long[] {1, 2, 3, 4, 5});
        AtomicBoolean failed = new AtomicBoolean();
        List<String> processed = new CopyOnWriteArrayList<>();
        try (EddyStreams app = new EddyStreams(failingOnce(failed, processed), props("replace"))) {
            app.setUncaughtExceptionHandler(e -> StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD);
            app.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> processed.contains("5")
                    && app.state() == EddyStreams.State.RUNNING);
        }
        assertThat(failed).isTrue();
        assertThat(processed).contains("1", "2", "3", "4", "5");
    }

    @Test
    void withoutAHandlerAFailingThreadStopsTheAppInErrorState() throws Exception {
        write("in", 1, new long[] {1, 2, 3});
        List<String> states = new CopyOnWriteArrayList<>();
        try (EddyStreams app = new EddyStreams(failingOnce(new AtomicBoolean(), new CopyOnWriteArrayList<>()),
                props("fail"))) {
            app.setStateListener((n, o) -> states.add(o + "->" + n));
            app.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> app.state() == EddyStreams.State.ERROR);
        }
        assertThat(states).contains("CREATED->REBALANCING", "PENDING_ERROR->ERROR");
    }

    @Test
    void metricsAreRegisteredAsAJmxBeanWhileRunning() throws Exception {
        write("in", 1, new long[] {1, 2});
        try (EddyStreams app = new EddyStreams(failingOnce(new AtomicBoolean(true), new CopyOnWriteArrayList<>()),
                props("jmx"))) {
            app.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> app.metrics().get("records-processed-total") != null
                    && app.metrics().get("records-processed-total").longValue() == 2);
            assertThat(app.metrics()).containsKeys("commit-latency-avg-ms", "task.0_0.process-latency-avg-ns",
                    "task.0_0.restore-records-total", "lag.in-0");
            ObjectName name = new ObjectName("io.eddy.streams:type=stream-metrics,client-id=\"jmx\"");
            Object v = ManagementFactory.getPlatformMBeanServer().getAttribute(name, "records-processed-total");
            assertThat(((Number) v).longValue()).isEqualTo(2);
        }
    }
}

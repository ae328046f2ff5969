package io.eddy.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Serdes;
import io.eddy.streams.processor.PunctuationType;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdleStreamTimeAdvanceTest {
    @TempDir
    Path dir;

    private List<Long> runWith(String idleAdvanceMs, Duration runFor) throws Exception {
        try (LogStore log = LogStore.open(dir.resolve("log"))) {
            log.createTopicIfAbsent("in", 1, TopicConfig.defaults());
            log.append(new TopicPartition("in", 0), List.of(new ProducerRecord("in", 0, null,
                    "x".getBytes(StandardCharsets.UTF_8), 1_000, null)));
        }
        List<Long> fired = new CopyOnWriteArrayList<>();
        Topology t = new Topology();
        t.addSource("src", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
        ProcessorSupplier<String, String, Void, Void> p = () -> new ContextualProcessor<>() {
            @Override
            public void init(ProcessorContext<Void, Void> context) {
                super.init(context);
                context.schedule(Duration.ofMillis(50), PunctuationType.STREAM_TIME, fired::add);
            }

            @Override
            public void process(Record<String, String> record) {
            }
        };
        t.addProcessor("p", p, "src");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "idle-" + idleAdvanceMs);
        props.put(StreamsConfig.DATA_DIR_CONFIG, dir.toString());
        props.put(StreamsConfig.IDLE_STREAM_TIME_ADVANCE_MS_CONFIG, idleAdvanceMs);
        props.put(StreamsConfig.POLL_MS_CONFIG, 20);
        try (EddyStreams app = new EddyStreams(t, props)) {
            app.start();
            if (idleAdvanceMs.equals("-1")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !fired.isEmpty());
                // stream time must stay put: exactly one punctuation throughout the whole period
                await().during(runFor).atMost(runFor.plusSeconds(5)).until(() -> fired.size() == 1);
            } else {
                await().atMost(runFor).until(() -> fired.size() >= 3);
            }
        }
        return fired;
    }

    @Test
    void streamTimeStandsStillWhenInputStopsByDefault() throws Exception {
        assertThat(runWith("-1", Duration.ofMillis(500))).containsExactly(1_000L);
    }

    @Test
    void optInIdleAdvanceMovesStreamTimeByTheWallClockSoWindowsCanClose() throws Exception {
        List<Long> fired = runWith("100", Duration.ofSeconds(20));
        assertThat(fired.get(0)).isEqualTo(1_000L);
        assertThat(fired.get(2)).isGreaterThan(1_000L);
    }
}

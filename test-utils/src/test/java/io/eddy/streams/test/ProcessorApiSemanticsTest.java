package io.eddy.streams.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.log.Headers;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValueStore;
import io.eddy.state.Stores;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.Topology;
import io.eddy.streams.errors.LogAndContinueExceptionHandler;
import io.eddy.streams.errors.LogAndContinueProcessingExceptionHandler;
import io.eddy.streams.errors.StreamsException;
import io.eddy.streams.processor.PunctuationType;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProcessorApiSemanticsTest {

    /** Forwards "punctuated@<time>" on each punctuation of the given type, and passes records through. */
    private static Topology punctuating(PunctuationType type) {
        Topology t = new Topology();
        t.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "input");
        ProcessorSupplier<String, String, String, String> p = () -> new ContextualProcessor<>() {
            @Override
            public void init(ProcessorContext<String, String> context) {
                super.init(context);
                context.schedule(Duration.ofMillis(10), type,
                        ts -> context.forward(new Record<>("p", "punctuated@" + ts, Math.max(0, ts))));
            }

            @Override
            public void process(Record<String, String> record) {
                context().forward(record);
            }
        };
        t.addProcessor("proc", p, "in");
        t.addSink("out", "output", Serdes.String().serializer(), Serdes.String().serializer(), "proc");
        return t;
    }

    @Test
    void streamTimePunctuationFiresOnGridPointsAsRecordTimestampsAdvance() {
        try (TopologyTestDriver driver = new TopologyTestDriver(punctuating(PunctuationType.STREAM_TIME))) {
            TestInputTopic<String, String> in = driver.createInputTopic("input", Serdes.String().serializer(),
                    Serdes.String().serializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("output", Serdes.String().deserializer(),
                    Serdes.String().deserializer());
            in.pipeInput("k", "a", 5);
            in.pipeInput("k", "b", 9);
            in.pipeInput("k", "c", 16);
            in.pipeInput("k", "d", 47);
            // first fires at the first record, then on the grid 15, 25, ...; a jump fires once
            assertThat(out.readValuesToList()).containsExactly("a", "punctuated@5", "b", "c", "punctuated@16", "d",
                    "punctuated@47");
        }
    }

    @Test
    void wallClockPunctuationFiresWhenTheVirtualClockAdvances() {
        try (TopologyTestDriver driver = new TopologyTestDriver(punctuating(PunctuationType.WALL_CLOCK_TIME),
                Instant.ofEpochMilli(1000))) {
            TestOutputTopic<String, String> out = driver.createOutputTopic("output", Serdes.String().deserializer(),
                    Serdes.String().deserializer());
            driver.advanceWallClockTime(Duration.ofMillis(5));
            assertThat(out.isEmpty()).isTrue();
            driver.advanceWallClockTime(Duration.ofMillis(5));
            assertThat(out.readValuesToList()).containsExactly("punctuated@1010");
            driver.advanceWallClockTime(Duration.ofMillis(35));
            assertThat(out.readValuesToList()).containsExactly("punctuated@1045");
        }
    }

    private static Topology longValues(boolean failOnNegative) {
        Topology t = new Topology();
        t.addSource("in", Serdes.String().deserializer(), Serdes.Long().deserializer(), "input");
        ProcessorSupplier<String, Long, String, Long> p = () -> new ContextualProcessor<>() {
            @Override
            public void process(Record<String, Long> record) {
                if (failOnNegative && record.value() < 0) {
                    throw new IllegalArgumentException("negative value " + record.value());
                }
                context().forward(record);
            }
        };
        t.addProcessor("check", p, "in");
        t.addSink("out", "output", Serdes.String().serializer(), Serdes.Long().serializer(), "check");
        return t;
    }

    @Test
    void undeserializableRecordFailsByDefaultNamingTheRecord() {
        try (TopologyTestDriver driver = new TopologyTestDriver(longValues(false))) {
            TestInputTopic<String, String> in = driver.createInputTopic("input", Serdes.String().serializer(),
                    Serdes.String().serializer());
            assertThatThrownBy(() -> in.pipeInput("k", "not-a-long")).isInstanceOf(StreamsException.class)
                    .hasMessageContaining("input-0@0").hasMessageContaining("cannot be deserialized");
        }
    }

    @Test
    void logAndContinueSkipsUndeserializableRecordsAndSendsThemToTheDeadLetterTopic() {
        Properties props = new Properties();
        props.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq");
        try (TopologyTestDriver driver = new TopologyTestDriver(longValues(false), props)) {
            TestInputTopic<String, String> bad = driver.createInputTopic("input", Serdes.String().serializer(),
                    Serdes.String().serializer());
            TestInputTopic<String, Long> good = driver.createInputTopic("input", Serdes.String().serializer(),
                    Serdes.Long().serializer());
            bad.pipeInput("k", "oops");
            good.pipeInput("k", 7L);
            TestOutputTopic<String, Long> out = driver.createOutputTopic("output", Serdes.String().deserializer(),
                    Serdes.Long().deserializer());
            assertThat(out.readValuesToList()).containsExactly(7L);
            TestOutputTopic<String, String> dlq = driver.createOutputTopic("dlq", Serdes.String().deserializer(),
                    Serdes.String().deserializer());
            TestRecord<String, String> dead = dlq.readRecord();
            assertThat(dead.value()).isEqualTo("oops");
            Headers h = dead.headers();
            assertThat(new String(h.lastHeader("__streams.errors.topic").value(), StandardCharsets.UTF_8))
                    .isEqualTo("input");
            assertThat(new String(h.lastHeader("__streams.errors.exception").value(), StandardCharsets.UTF_8))
                    .contains("SerializationException");
            assertThat(driver.metrics().get("task.0_0.dropped-records-total").longValue()).isEqualTo(1);
        }
    }

    @Test
    void processingExceptionHandlerCanSkipARecordThatUserCodeRejects() {
        Properties props = new Properties();
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueProcessingExceptionHandler.class.getName());
        try (TopologyTestDriver driver = new TopologyTestDriver(longValues(true), props)) {
            TestInputTopic<String, Long> in = driver.createInputTopic("input", Serdes.String().serializer(),
                    Serdes.Long().serializer());
            in.pipeInput("k", -1L);
            in.pipeInput("k", 2L);
            TestOutputTopic<String, Long> out = driver.createOutputTopic("output", Serdes.String().deserializer(),
                    Serdes.Long().deserializer());
            assertThat(out.readValuesToList()).containsExactly(2L);
        }
        try (TopologyTestDriver driver = new TopologyTestDriver(longValues(true))) {
            TestInputTopic<String, Long> in = driver.createInputTopic("input", Serdes.String().serializer(),
                    Serdes.Long().serializer());
            assertThatThrownBy(() -> in.pipeInput("k", -1L)).isInstanceOf(StreamsException.class)
                    .hasMessageContaining("processor 'check'").hasMessageContaining("negative value -1");
        }
    }

    @Test
    void processorsReadAGlobalStoreLoadedFromItsTopic() {
        Topology t = new Topology();
        ProcessorSupplier<String, String, Void, Void> loader = () -> new Processor<>() {
            private KeyValueStore<String, String> store;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                store = context.getStateStore("users");
            }

            @Override
            public void process(Record<String, String> record) {
                store.put(record.key(), record.value());
            }
        };
        t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("users"), Serdes.String(),
                Serdes.String()).withLoggingDisabled(), "users-source", Serdes.String().deserializer(),
                Serdes.String().deserializer(), "user-profiles", "users-loader", loader);
        t.addSource("views", Serdes.String().deserializer(), Serdes.String().deserializer(), "page-views");
        ProcessorSupplier<String, String, String, String> enrich = () -> new ContextualProcessor<>() {
            private KeyValueStore<String, String> users;

            @Override
            public void init(ProcessorContext<String, String> context) {
                super.init(context);
                users = context.getStateStore("users");
            }

            @Override
            public void process(Record<String, String> record) {
                context().forward(record.withValue(record.value() + " by " + users.get(record.key())));
            }
        };
        t.addProcessor("enrich", enrich, "views");
        t.addSink("out", "enriched", Serdes.String().serializer(), Serdes.String().serializer(), "enrich");
        try (TopologyTestDriver driver = new TopologyTestDriver(t)) {
            TestInputTopic<String, String> users = driver.createInputTopic("user-profiles",
                    Serdes.String().serializer(), Serdes.String().serializer());
            TestInputTopic<String, String> views = driver.createInputTopic("page-views", Serdes.String().serializer(),
                    Serdes.String().serializer());
            users.pipeInput("u1", "Ada");
            views.pipeInput("u1", "/home");
            users.pipeInput("u1", "Ada L.");
            views.pipeInput("u1", "/docs");
            TestOutputTopic<String, String> out = driver.createOutputTopic("enriched", Serdes.String().deserializer(),
                    Serdes.String().deserializer());
            List<String> got = new ArrayList<>(out.readValuesToList());
            assertThat(got).containsExactly("/home by Ada", "/docs by Ada L.");
        }
    }
}

package io.eddy.streams.kstream.internal;

import static io.eddy.streams.kstream.internal.ProcessorTestSupport.addOutput;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.addTable;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.drain;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.serialization.Serdes;
import io.eddy.state.Stores;
import io.eddy.state.Windowed;
import io.eddy.streams.Topology;
import io.eddy.streams.kstream.Suppressed;
import io.eddy.streams.kstream.Suppressed.BufferConfig;
import io.eddy.streams.kstream.TimeWindows;
import io.eddy.streams.kstream.WindowedSerdes;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KTableSuppressProcessorTest {
    private static final String BUFFER = "suppress-buffer";

    /** Count per 10 ms window with 5 ms grace, then suppress until the window closes. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Topology finalResultsTopology() {
        TimeWindows w = TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5));
        Topology t = new Topology();
        t.addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input");
        t.addProcessor("aggregate", new KStreamWindowAggregate<String, String, Long>(w, "counts",
                AggregationFunctions.countInitializer(), AggregationFunctions.countAggregator()), "source");
        t.addStateStore(Stores.timestampedWindowStoreBuilder(Stores.inMemoryWindowStore("counts",
                Duration.ofMillis(15), Duration.ofMillis(10), false), Serdes.String(), Serdes.Long()), "aggregate");
        SuppressedInternal<Windowed<String>> suppressed =
                (SuppressedInternal) Suppressed.untilWindowCloses(BufferConfig.unbounded());
        t.addProcessor("suppress", new KTableSuppressProcessorSupplier<>(suppressed, w.gracePeriodMs(), BUFFER,
                new WindowedSerdes.TimeWindowedSerde<>(Serdes.String(), 10), Serdes.Long()), "aggregate");
        t.addStateStore(KTableSuppressProcessorSupplier.storeBuilder(BUFFER, suppressed), "suppress");
        addOutput(t, "suppress");
        return t;
    }

    /** A table from topic "table", suppressed with the given config. */
    static Topology timeLimitTopology(Suppressed<String> suppressed, long limitMs) {
        Topology t = new Topology();
        addTable(t, "table", "table-store");
        SuppressedInternal<String> s = (SuppressedInternal<String>) suppressed;
        t.addProcessor("suppress", new KTableSuppressProcessorSupplier<>(s, limitMs, BUFFER, Serdes.String(),
                Serdes.String()), "table-table");
        t.addStateStore(KTableSuppressProcessorSupplier.storeBuilder(BUFFER, s), "suppress");
        addOutput(t, "suppress");
        return t;
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver d, String topic) {
        return d.createInputTopic(topic, Serdes.String().serializer(), Serdes.String().serializer());
    }

    @Test
    void untilWindowClosesEmitsFinalResultOnceStreamTimeReachesWindowEndPlusGrace() {
        try (TopologyTestDriver d = new TopologyTestDriver(finalResultsTopology())) {
            TestInputTopic<String, String> in = input(d, "input");
            TestOutputTopic<String, String> out = output(d);
            in.pipeInput("a", "x", 1);
            in.pipeInput("a", "x", 3);
            in.pipeInput("b", "x", 14); // window end 10 + grace 5 - 1
            assertThat(drain(out)).isEmpty();
            in.pipeInput("b", "x", 15);
            assertThat(drain(out)).containsExactly("[a@0/10]=(2<-null)@3");
        }
    }

    @Test
    void untilWindowClosesEmitsEachWindowExactlyOnce() {
        try (TopologyTestDriver d = new TopologyTestDriver(finalResultsTopology())) {
            TestInputTopic<String, String> in = input(d, "input");
            TestOutputTopic<String, String> out = output(d);
            in.pipeInput("a", "x", 1);
            in.pipeInput("b", "x", 15);
            in.pipeInput("a", "x", 2);   // late for [0,10): dropped by the aggregation
            in.pipeInput("b", "x", 24);
            in.pipeInput("b", "x", 40);
            assertThat(drain(out)).containsExactly("[a@0/10]=(1<-null)@1", "[b@10/20]=(1<-null)@15",
                    "[b@20/30]=(1<-null)@24");
        }
    }

    @Test
    void untilTimeLimitEmitsLatestValuePerKeyWithWhatDownstreamLastSaw() {
        Suppressed<String> s = Suppressed.untilTimeLimit(Duration.ofMillis(10), BufferConfig.unbounded());
        try (TopologyTestDriver d = new TopologyTestDriver(timeLimitTopology(s, 10))) {
            TestInputTopic<String, String> in = input(d, "table");
            TestOutputTopic<String, String> out = output(d);
            in.pipeInput("a", "1", 0);
            in.pipeInput("a", "2", 5);
            in.pipeInput("b", "1", 8);
            assertThat(drain(out)).isEmpty();
            in.pipeInput("c", "1", 10); // a was first buffered at 0: due at 10
            assertThat(drain(out)).containsExactly("a=(2<-null)@5");
            in.pipeInput("a", "3", 12);
            in.pipeInput("c", "4", 22);
            // in buffer-time order: b (8), c (first buffered at 10, never emitted: prior null), a (12)
            assertThat(drain(out)).containsExactly("b=(1<-null)@8", "c=(4<-null)@22", "a=(3<-2)@12");
        }
    }

    @Test
    void untilTimeLimitForwardsTombstones() {
        Suppressed<String> s = Suppressed.untilTimeLimit(Duration.ofMillis(10), BufferConfig.unbounded());
        try (TopologyTestDriver d = new TopologyTestDriver(timeLimitTopology(s, 10))) {
            TestInputTopic<String, String> in = input(d, "table");
            in.pipeInput("a", "1", 0);
            in.pipeInput("b", "1", 10);
            in.pipeInput("a", null, 11);
            in.pipeInput("b", "2", 21);
            // b was first buffered at 10, the tombstone of a at 11: both due at 21, in buffer-time order
            assertThat(drain(output(d))).containsExactly("a=(1<-null)@0", "b=(2<-null)@21", "a=(null<-1)@11");
        }
    }

    @Test
    void emitEarlyWhenFullEmitsTheOldestEntry() {
        Suppressed<String> s = Suppressed.untilTimeLimit(Duration.ofMillis(100),
                BufferConfig.maxRecords(2).emitEarlyWhenFull());
        try (TopologyTestDriver d = new TopologyTestDriver(timeLimitTopology(s, 100))) {
            TestInputTopic<String, String> in = input(d, "table");
            in.pipeInput("a", "1", 0);
            in.pipeInput("b", "1", 1);
            in.pipeInput("a", "2", 2); // same key: still two entries
            assertThat(drain(output(d))).isEmpty();
            in.pipeInput("c", "1", 3);
            assertThat(drain(output(d))).containsExactly("a=(2<-null)@2");
        }
    }

    @Test
    void shutDownWhenFullFailsWithAClearMessage() {
        Suppressed<String> s = Suppressed.untilTimeLimit(Duration.ofMillis(100),
                BufferConfig.maxBytes(1).shutDownWhenFull());
        try (TopologyTestDriver d = new TopologyTestDriver(timeLimitTopology(s, 100))) {
            TestInputTopic<String, String> in = input(d, "table");
            assertThatThrownBy(() -> in.pipeInput("a", "1", 0)).hasStackTraceContaining(
                    "suppression buffer of store " + BUFFER + " exceeded its max capacity");
        }
    }

    @Test
    void bufferIsLoggedToAChangelogUnlessDisabled() {
        try (TopologyTestDriver d = new TopologyTestDriver(finalResultsTopology())) {
            input(d, "input").pipeInput("a", "x", 1);
            assertThat(d.producedTopicNames()).contains("topology-test-driver-" + BUFFER + "-changelog");
        }
        Suppressed<String> s = Suppressed.untilTimeLimit(Duration.ofMillis(10),
                BufferConfig.unbounded().withLoggingDisabled());
        try (TopologyTestDriver d = new TopologyTestDriver(timeLimitTopology(s, 10))) {
            input(d, "table").pipeInput("a", "x", 1);
            assertThat(d.producedTopicNames()).doesNotContain("topology-test-driver-" + BUFFER + "-changelog");
        }
    }
}

package io.eddy.streams.kstream.internal;

import static io.eddy.streams.kstream.internal.ProcessorTestSupport.addOutput;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.drain;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.Serdes;
import io.eddy.streams.Topology;
import io.eddy.streams.kstream.SlidingWindows;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KStreamSlidingWindowAggregateTest {
    private static final String STORE = "sliding-counts";

    private static Topology topology(KStreamSlidingWindowAggregate<String, String, Long> agg, SlidingWindows w) {
        Topology t = new Topology();
        t.addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input");
        t.addProcessor("aggregate", agg, "source");
        t.addStateStore(KStreamSlidingWindowAggregate.storeBuilder(STORE, w, Serdes.String(), Serdes.Long(), false),
                "aggregate");
        addOutput(t, "aggregate");
        return t;
    }

    private static KStreamSlidingWindowAggregate<String, String, Long> count(SlidingWindows w) {
        return new KStreamSlidingWindowAggregate<>(w, STORE, AggregationFunctions.countInitializer(),
                AggregationFunctions.countAggregator());
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver d) {
        return d.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
    }

    @Test
    void windowsAreDefinedByRecordTimestampsWithBothEndsInclusive() {
        SlidingWindows w = SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(100));
        try (TopologyTestDriver d = new TopologyTestDriver(topology(count(w), w))) {
            TestInputTopic<String, String> in = input(d);
            TestOutputTopic<String, String> out = output(d);
            in.pipeInput("a", "x", 10);
            assertThat(drain(out)).containsExactly("[a@0/10]=(1<-null)@10");
            in.pipeInput("a", "x", 15);
            // the right window of 10 ([11,21]) and the left window of 15 ([5,15], holding 10 and 15)
            assertThat(drain(out)).containsExactly("[a@11/21]=(1<-null)@15", "[a@5/15]=(2<-null)@15");
            in.pipeInput("a", "x", 30);
            // 15 and 30 are more than 10 apart: only the left window of 30
            assertThat(drain(out)).containsExactly("[a@20/30]=(1<-null)@30");
        }
    }

    @Test
    void outOfOrderRecordUpdatesExistingWindowsAndCreatesItsOwn() {
        SlidingWindows w = SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(100));
        try (TopologyTestDriver d = new TopologyTestDriver(topology(count(w), w))) {
            TestInputTopic<String, String> in = input(d);
            TestOutputTopic<String, String> out = output(d);
            in.pipeInput("a", "x", 10);
            in.pipeInput("a", "x", 15);
            in.pipeInput("a", "x", 30);
            drain(out);
            in.pipeInput("a", "x", 12);
            assertThat(drain(out)).containsExactly(
                    "[a@5/15]=(3<-null)@15",   // 10, 12, 15
                    "[a@11/21]=(2<-null)@15",  // 12, 15
                    "[a@2/12]=(2<-null)@12",   // left window of 12: 10, 12
                    "[a@13/23]=(1<-null)@15"); // right window of 12: 15
        }
    }

    @Test
    void earlyRecordsShareTheFirstWindow() {
        SlidingWindows w = SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10));
        try (TopologyTestDriver d = new TopologyTestDriver(topology(count(w), w))) {
            TestInputTopic<String, String> in = input(d);
            in.pipeInput("a", "x", 3);
            in.pipeInput("a", "x", 8);
            assertThat(drain(output(d))).containsExactly("[a@0/10]=(1<-null)@3", "[a@4/14]=(1<-null)@8",
                    "[a@0/10]=(2<-null)@8");
        }
    }

    @Test
    void recordWhoseRightWindowIsClosedIsDroppedAndCounted() {
        SlidingWindows w = SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10));
        KStreamSlidingWindowAggregate<String, String, Long> agg = count(w);
        try (TopologyTestDriver d = new TopologyTestDriver(topology(agg, w))) {
            TestInputTopic<String, String> in = input(d);
            TestOutputTopic<String, String> out = output(d);
            in.pipeInput("b", "x", 30);
            drain(out);
            in.pipeInput("a", "x", 19); // right window [20, 30] ends at stream time - grace: closed
            assertThat(drain(out)).isEmpty();
            assertThat(agg.droppedRecords()).isEqualTo(1);
            in.pipeInput("a", "x", 20); // right window [21, 31] still open; its left window [10, 20] is closed
            assertThat(agg.droppedRecords()).isEqualTo(1);
            assertThat(drain(out)).isEmpty();
        }
    }
}

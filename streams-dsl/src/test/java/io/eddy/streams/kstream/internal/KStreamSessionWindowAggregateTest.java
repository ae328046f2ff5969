package io.eddy.streams.kstream.internal;

import static io.eddy.streams.kstream.internal.ProcessorTestSupport.addOutput;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.drain;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.Serdes;
import io.eddy.state.SessionStore;
import io.eddy.streams.Topology;
import io.eddy.streams.kstream.SessionWindows;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KStreamSessionWindowAggregateTest {
    private static final String STORE = "sessions";

    private static Topology topology(KStreamSessionWindowAggregate<String, String, Long> agg, SessionWindows w,
                                     boolean cached) {
        Topology t = new Topology();
        t.addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input");
        t.addProcessor("aggregate", agg, "source");
        var store = KStreamSessionWindowAggregate.storeBuilder(STORE, w, Serdes.String(), Serdes.Long(), !cached);
        t.addStateStore(cached ? store.withCachingEnabled() : store, "aggregate");
        addOutput(t, "aggregate");
        return t;
    }

    private static KStreamSessionWindowAggregate<String, String, Long> count(SessionWindows w) {
        KStreamSessionWindowAggregate<String, String, Long> agg = new KStreamSessionWindowAggregate<>(w, STORE,
                AggregationFunctions.countInitializer(), AggregationFunctions.countAggregator(),
                AggregationFunctions.countMerger());
        agg.enableSendingOldValues();
        return agg;
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver d) {
        return d.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
    }

    @Test
    void recordsWithinTheGapInclusiveExtendASessionAndTombstoneTheOldOne() {
        SessionWindows w = SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(5));
        try (TopologyTestDriver d = new TopologyTestDriver(topology(count(w), w, false))) {
            TestInputTopic<String, String> in = input(d);
            TestOutputTopic<String, String> out = output(d);
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "x", 5);
            in.pipeInput("a", "x", 11);
            assertThat(drain(out)).containsExactly("[a@0/0]=(1<-null)@0", "[a@0/0]=(null<-1)@0",
                    "[a@0/5]=(2<-null)@5", "[a@11/11]=(1<-null)@11");
        }
    }

    @Test
    void recordBridgingTwoSessionsMergesThem() {
        SessionWindows w = SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(5), Duration.ofMillis(10));
        try (TopologyTestDriver d = new TopologyTestDriver(topology(count(w), w, false))) {
            TestInputTopic<String, String> in = input(d);
            TestOutputTopic<String, String> out = output(d);
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "x", 5);
            in.pipeInput("a", "x", 11);
            drain(out);
            in.pipeInput("a", "x", 8);
            assertThat(drain(out)).containsExactly("[a@0/5]=(null<-2)@5", "[a@11/11]=(null<-1)@11",
                    "[a@0/11]=(4<-null)@11");
            SessionStore<String, Long> store = d.getSessionStore(STORE);
            assertThat(store.fetchSession("a", 0, 11)).isEqualTo(4L);
            assertThat(store.fetchSession("a", 0, 5)).isNull();
            assertThat(store.fetchSession("a", 11, 11)).isNull();
        }
    }

    @Test
    void sessionDroppedWhenItEndsBeforeStreamTimeMinusGapMinusGrace() {
        SessionWindows w = SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(5), Duration.ofMillis(2));
        KStreamSessionWindowAggregate<String, String, Long> agg = count(w);
        try (TopologyTestDriver d = new TopologyTestDriver(topology(agg, w, false))) {
            TestInputTopic<String, String> in = input(d);
            TestOutputTopic<String, String> out = output(d);
            in.pipeInput("a", "x", 20);
            drain(out);
            in.pipeInput("b", "x", 13); // 13 = 20 - 5 - 2: still accepted
            assertThat(drain(out)).containsExactly("[b@13/13]=(1<-null)@13");
            in.pipeInput("c", "x", 12); // one ms later: late
            assertThat(drain(out)).isEmpty();
            assertThat(agg.droppedRecords()).isEqualTo(1);
        }
    }

    @Test
    void cachedSessionStoreForwardsMergesThroughTheCache() {
        SessionWindows w = SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(5));
        try (TopologyTestDriver d = new TopologyTestDriver(topology(count(w), w, true))) {
            TestInputTopic<String, String> in = input(d);
            in.pipeInput("a", "x", 0);
            in.pipeInput("a", "x", 3);
            // as in Kafka Streams, a tombstone written through the cache carries the current record's timestamp
            assertThat(drain(output(d))).containsExactly("[a@0/0]=(1<-null)@0", "[a@0/0]=(null<-1)@3",
                    "[a@0/3]=(2<-null)@3");
        }
    }

    @Test
    void sessionEndingExactlyAGapBeforeAnAcceptedRecordIsStillMerged() {
        SessionWindows w = SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(5), Duration.ofMillis(2));
        try (TopologyTestDriver d = new TopologyTestDriver(topology(count(w), w, false))) {
            TestInputTopic<String, String> in = input(d);
            TestOutputTopic<String, String> out = output(d);
            in.pipeInput("a", "x", 10);
            in.pipeInput("b", "x", 17); // stream time - grace - gap = 10
            drain(out);
            in.pipeInput("a", "x", 15);
            assertThat(drain(out)).containsExactly("[a@10/10]=(null<-1)@10", "[a@10/15]=(2<-null)@15");
        }
    }
}

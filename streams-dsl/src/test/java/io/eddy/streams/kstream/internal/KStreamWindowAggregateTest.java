package io.eddy.streams.kstream.internal;

import static io.eddy.streams.kstream.internal.ProcessorTestSupport.addOutput;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.drain;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.Serdes;
import io.eddy.state.Stores;
import io.eddy.state.StoreBuilder;
import io.eddy.state.TimestampedWindowStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.Topology;
import io.eddy.streams.kstream.Reducer;
import io.eddy.streams.kstream.TimeWindows;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KStreamWindowAggregateTest {
    private static final String STORE = "counts";

    private static <V> Topology topology(KStreamWindowAggregate<String, String, V> agg, StoreBuilder<?> store) {
        Topology t = new Topology();
        t.addSource("source", Serdes.String().deserializer(), Serdes.String().deserializer(), "input");
        t.addProcessor("aggregate", agg, "source");
        t.addStateStore(store, "aggregate");
        addOutput(t, "aggregate");
        return t;
    }

    private static StoreBuilder<TimestampedWindowStore<String, Long>> countStore(TimeWindows w) {
        return KStreamWindowAggregate.storeBuilder(STORE, w, Serdes.String(), Serdes.Long(), false);
    }

    private static KStreamWindowAggregate<String, String, Long> count(TimeWindows w) {
        return new KStreamWindowAggregate<>(w, STORE, AggregationFunctions.countInitializer(),
                AggregationFunctions.countAggregator());
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver d) {
        return d.createInputTopic("input", Serdes.String().serializer(), Serdes.String().serializer());
    }

    @Test
    void tumblingWindowCountsPerWindowWithLargestTimestamp() {
        TimeWindows w = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10));
        try (TopologyTestDriver d = new TopologyTestDriver(topology(count(w), countStore(w)))) {
            TestInputTopic<String, String> in = input(d);
            TestOutputTopic<String, String> out = output(d);
            in.pipeInput("a", "x", 5);
            in.pipeInput("a", "x", 3);
            in.pipeInput("b", "x", 9);
            assertThat(drain(out)).containsExactly("[a@0/10]=(1<-null)@5", "[a@0/10]=(2<-null)@5",
                    "[b@0/10]=(1<-null)@9");
            TimestampedWindowStore<String, Long> store = d.getTimestampedWindowStore(STORE);
            assertThat(store.fetch("a", 0L)).isEqualTo(ValueAndTimestamp.make(2L, 5));
        }
    }

    @Test
    void recordExactlyAtWindowEndBelongsToTheNextWindow() {
        TimeWindows w = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10));
        try (TopologyTestDriver d = new TopologyTestDriver(topology(count(w), countStore(w)))) {
            TestInputTopic<String, String> in = input(d);
            in.pipeInput("a", "x", 9);
            in.pipeInput("a", "x", 10);
            assertThat(drain(output(d))).containsExactly("[a@0/10]=(1<-null)@9", "[a@10/20]=(1<-null)@10");
        }
    }

    @Test
    void lateRecordAcceptedUntilStreamTimeReachesWindowEndPlusGrace() {
        TimeWindows w = TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5));
        KStreamWindowAggregate<String, String, Long> agg = count(w);
        try (TopologyTestDriver d = new TopologyTestDriver(topology(agg, countStore(w)))) {
            TestInputTopic<String, String> in = input(d);
            TestOutputTopic<String, String> out = output(d);
            in.pipeInput("a", "x", 1);
            in.pipeInput("b", "x", 14); // stream time = end + grace - 1: [0,10) still open
            in.pipeInput("a", "x", 9);
            assertThat(drain(out)).containsExactly("[a@0/10]=(1<-null)@1", "[b@10/20]=(1<-null)@14",
                    "[a@0/10]=(2<-null)@9");
            assertThat(agg.droppedRecords()).isZero();
        }
    }

    @Test
    void lateRecordDroppedAndCountedOnceStreamTimeReachesWindowEndPlusGrace() {
        TimeWindows w = TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5));
        KStreamWindowAggregate<String, String, Long> agg = count(w);
        try (TopologyTestDriver d = new TopologyTestDriver(topology(agg, countStore(w)))) {
            TestInputTopic<String, String> in = input(d);
            TestOutputTopic<String, String> out = output(d);
            in.pipeInput("a", "x", 1);
            in.pipeInput("b", "x", 15); // stream time = end + grace: [0,10) closed
            in.pipeInput("a", "x", 9);
            in.pipeInput("a", "x", 0);
            assertThat(drain(out)).containsExactly("[a@0/10]=(1<-null)@1", "[b@10/20]=(1<-null)@15");
            assertThat(agg.droppedRecords()).isEqualTo(2);
            assertThat(d.<String, Long>getTimestampedWindowStore(STORE).fetch("a", 0L).value()).isEqualTo(1L);
        }
    }

    @Test
    void hoppingRecordUpdatesOnlyItsWindowsStillOpen() {
        // size 10, advance 5: a record at 9 belongs to [0,10) and [5,15); at stream time 10 only [5,15) is open
        TimeWindows w = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)).advanceBy(Duration.ofMillis(5));
        KStreamWindowAggregate<String, String, Long> agg = count(w);
        try (TopologyTestDriver d = new TopologyTestDriver(topology(agg, countStore(w)))) {
            TestInputTopic<String, String> in = input(d);
            in.pipeInput("b", "x", 10);
            in.pipeInput("a", "x", 9);
            assertThat(drain(output(d))).containsExactly("[b@5/15]=(1<-null)@10", "[b@10/20]=(1<-null)@10",
                    "[a@5/15]=(1<-null)@9");
            assertThat(agg.droppedRecords()).isZero();
        }
    }

    @Test
    void hoppingWindowsUpdateEveryWindowContainingTheRecord() {
        TimeWindows w = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)).advanceBy(Duration.ofMillis(5));
        try (TopologyTestDriver d = new TopologyTestDriver(topology(count(w), countStore(w)))) {
            TestInputTopic<String, String> in = input(d);
            in.pipeInput("a", "x", 7);
            in.pipeInput("a", "x", 12);
            assertThat(drain(output(d))).containsExactly("[a@0/10]=(1<-null)@7", "[a@5/15]=(1<-null)@7",
                    "[a@5/15]=(2<-null)@12", "[a@10/20]=(1<-null)@12");
        }
    }

    @Test
    void nullKeyAndNullValueAreDroppedAndCounted() {
        TimeWindows w = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10));
        KStreamWindowAggregate<String, String, Long> agg = count(w);
        try (TopologyTestDriver d = new TopologyTestDriver(topology(agg, countStore(w)))) {
            TestInputTopic<String, String> in = input(d);
            in.pipeInput(null, "x", 1);
            in.pipeInput("a", null, 1);
            assertThat(drain(output(d))).isEmpty();
            assertThat(agg.droppedRecords()).isEqualTo(2);
        }
    }

    @Test
    void reduceWithOldValuesForwardsPreviousAggregate() {
        TimeWindows w = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10));
        Reducer<String> concat = (a, b) -> a + b;
        KStreamWindowAggregate<String, String, String> agg = new KStreamWindowAggregate<>(w, STORE,
                AggregationFunctions.reduceInitializer(), AggregationFunctions.reduceAggregator(concat));
        agg.enableSendingOldValues();
        StoreBuilder<TimestampedWindowStore<String, String>> store = Stores.timestampedWindowStoreBuilder(
                Stores.persistentTimestampedWindowStore(STORE, Duration.ofMillis(10), Duration.ofMillis(10), false),
                Serdes.String(), Serdes.String());
        try (TopologyTestDriver d = new TopologyTestDriver(topology(agg, store))) {
            TestInputTopic<String, String> in = input(d);
            in.pipeInput("a", "x", 1);
            in.pipeInput("a", "y", 2);
            assertThat(drain(output(d))).containsExactly("[a@0/10]=(x<-null)@1", "[a@0/10]=(xy<-x)@2");
        }
    }

    @Test
    void cachedStoreForwardsThroughItsFlushListener() {
        TimeWindows w = TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10));
        try (TopologyTestDriver d = new TopologyTestDriver(topology(count(w), countStore(w).withCachingEnabled()))) {
            TestInputTopic<String, String> in = input(d);
            in.pipeInput("a", "x", 1);
            in.pipeInput("a", "x", 2);
            // the driver commits (and so flushes the cache) after every record
            assertThat(drain(output(d))).containsExactly("[a@0/10]=(1<-null)@1", "[a@0/10]=(2<-null)@2");
        }
    }
}

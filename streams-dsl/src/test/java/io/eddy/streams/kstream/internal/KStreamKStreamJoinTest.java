package io.eddy.streams.kstream.internal;

import static io.eddy.streams.kstream.internal.ProcessorTestSupport.addOutput;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.drain;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.Serdes;
import io.eddy.streams.Topology;
import io.eddy.streams.kstream.JoinWindows;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KStreamKStreamJoinTest {

    private enum Kind { INNER, LEFT, OUTER }

    private KStreamKStreamJoin<String, String, String, String> join;

    private Topology topology(Kind kind, JoinWindows windows, boolean persistent) {
        join = new KStreamKStreamJoin<>(windows, "left-store", "right-store", "outer-store",
                kind != Kind.INNER, kind == Kind.OUTER, (k, l, r) -> l + "+" + r, Serdes.String(), Serdes.String(),
                Serdes.String());
        Topology t = new Topology();
        t.addSource("left", Serdes.String().deserializer(), Serdes.String().deserializer(), "left");
        t.addSource("right", Serdes.String().deserializer(), Serdes.String().deserializer(), "right");
        t.addProcessor("join-left", join.leftSide(), "left");
        t.addProcessor("join-right", join.rightSide(), "right");
        t.addStateStore(KStreamKStreamJoin.windowStoreBuilder("left-store", windows, Serdes.String(),
                Serdes.String(), persistent), "join-left", "join-right");
        t.addStateStore(KStreamKStreamJoin.windowStoreBuilder("right-store", windows, Serdes.String(),
                Serdes.String(), persistent), "join-left", "join-right");
        if (kind != Kind.INNER) {
            t.addStateStore(KStreamKStreamJoin.outerJoinStoreBuilder("outer-store", persistent), "join-left",
                    "join-right");
        }
        addOutput(t, "join-left", "join-right");
        return t;
    }

    private static TestInputTopic<String, String> in(TopologyTestDriver d, String topic) {
        return d.createInputTopic(topic, Serdes.String().serializer(), Serdes.String().serializer());
    }

    private static JoinWindows tenMs() {
        return JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10));
    }

    @Test
    void innerJoinMatchesWithinInclusiveBoundsWithMaxTimestamp() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(Kind.INNER, tenMs(), false))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            TestOutputTopic<String, String> out = output(d);
            left.pipeInput("a", "L", 100);
            right.pipeInput("a", "R1", 90);   // exactly before
            right.pipeInput("a", "R2", 110);  // exactly after
            right.pipeInput("a", "R3", 111);  // one ms outside
            right.pipeInput("a", "R4", 89);   // one ms outside
            right.pipeInput("b", "R5", 100);  // other key
            assertThat(drain(out)).containsExactly("a=L+R1@100", "a=L+R2@110");
        }
    }

    @Test
    void innerJoinGivesTheSameResultsInBothArrivalOrders() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(Kind.INNER, tenMs(), true))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            TestOutputTopic<String, String> out = output(d);
            right.pipeInput("a", "R", 100);
            left.pipeInput("a", "L1", 105);
            left.pipeInput("a", "L2", 95);
            assertThat(drain(out)).containsExactly("a=L1+R@105", "a=L2+R@100");
        }
    }

    @Test
    void asymmetricWindowsBoundEachSideSeparately() {
        JoinWindows w = tenMs().before(Duration.ZERO); // a left record joins right records in [t, t + 10]
        try (TopologyTestDriver d = new TopologyTestDriver(topology(Kind.INNER, w, false))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            left.pipeInput("a", "L", 100);
            right.pipeInput("a", "R1", 99);
            right.pipeInput("a", "R2", 100);
            right.pipeInput("a", "R3", 110);
            left.pipeInput("a", "L2", 111); // R1..R3 are all before it
            assertThat(drain(output(d))).containsExactly("a=L+R2@100", "a=L+R3@110");
        }
    }

    @Test
    void duplicatesOnBothSidesAreAllJoined() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(Kind.INNER, tenMs(), false))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            left.pipeInput("a", "L1", 100);
            left.pipeInput("a", "L2", 100);
            right.pipeInput("a", "R", 100);
            assertThat(drain(output(d))).containsExactly("a=L1+R@100", "a=L2+R@100");
        }
    }

    @Test
    void leftJoinEmitsUnmatchedOnlyAfterWindowCloses() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(Kind.LEFT, tenMs(), false))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            TestOutputTopic<String, String> out = output(d);
            left.pipeInput("a", "L", 100);
            right.pipeInput("x", "X", 105);
            right.pipeInput("x", "X", 110); // stream time = 100 + after: a right record at 110 could still match
            assertThat(drain(out)).isEmpty();
            right.pipeInput("x", "X", 111);
            assertThat(drain(out)).containsExactly("a=L+null@100");
            right.pipeInput("x", "X", 200); // unmatched right records are not emitted by a left join
            assertThat(drain(out)).isEmpty();
        }
    }

    @Test
    void leftJoinHoldsUnmatchedRecordThroughTheGracePeriod() {
        JoinWindows w = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(10));
        try (TopologyTestDriver d = new TopologyTestDriver(topology(Kind.LEFT, w, false))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            TestOutputTopic<String, String> out = output(d);
            left.pipeInput("a", "L", 100);
            right.pipeInput("x", "X", 120); // = 100 + after + grace: still open
            assertThat(drain(out)).isEmpty();
            right.pipeInput("a", "R", 108); // out of order, within grace: matches, no null-joined result later
            assertThat(drain(out)).containsExactly("a=L+R@108");
            right.pipeInput("x", "X", 200);
            assertThat(drain(out)).isEmpty();
        }
    }

    @Test
    void leftJoinEmitsNullJoinedResultsBeforeInnerResultsOfTheRecordThatClosedTheirWindow() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(Kind.LEFT, tenMs(), false))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            left.pipeInput("a", "L", 100);
            right.pipeInput("b", "R", 105);
            left.pipeInput("b", "L2", 112);
            assertThat(drain(output(d))).containsExactly("a=L+null@100", "b=L2+R@112");
        }
    }

    @Test
    void leftJoinEmitsUnmatchedRecordWhoseWindowClosedBeforeItArrivedAtOnce() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(Kind.LEFT, tenMs(), false))) {
            TestInputTopic<String, String> left = in(d, "left");
            left.pipeInput("x", "X", 200);
            left.pipeInput("a", "L", 100);
            assertThat(drain(output(d))).containsExactly("a=L+null@100");
        }
    }

    @Test
    void outerJoinEmitsUnmatchedRecordsOfBothSidesAfterTheirWindowsClose() {
        JoinWindows w = tenMs().before(Duration.ofMillis(5)); // left: [t-5, t+10]; right record closes at t + 5
        try (TopologyTestDriver d = new TopologyTestDriver(topology(Kind.OUTER, w, true))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            TestOutputTopic<String, String> out = output(d);
            right.pipeInput("b", "R", 100);
            left.pipeInput("a", "L", 101);
            left.pipeInput("x", "X", 105); // right b closes when stream time > 105
            assertThat(drain(out)).isEmpty();
            left.pipeInput("x", "X", 106);
            assertThat(drain(out)).containsExactly("b=null+R@100");
            right.pipeInput("y", "Y", 112);
            assertThat(drain(out)).containsExactly("a=L+null@101");
        }
    }

    @Test
    void outerJoinMatchRemovesTheWaitingRecordInEitherOrder() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(Kind.OUTER, tenMs(), false))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            TestOutputTopic<String, String> out = output(d);
            left.pipeInput("a", "L", 100);
            right.pipeInput("a", "R", 105);
            right.pipeInput("b", "R2", 100);
            left.pipeInput("b", "L2", 102);
            assertThat(drain(out)).containsExactly("a=L+R@105", "b=L2+R2@102");
            left.pipeInput("x", "X", 300);
            // only x's own record is waiting now
            assertThat(drain(out)).isEmpty();
        }
    }

    @Test
    void nullKeysAndValuesAreDroppedButAdvanceStreamTime() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(Kind.LEFT, tenMs(), false))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            TestOutputTopic<String, String> out = output(d);
            left.pipeInput("a", "L", 100);
            left.pipeInput(null, "N", 200);
            right.pipeInput("a", null, 201);
            assertThat(drain(out)).isEmpty();
            assertThat(join.droppedRecords()).isEqualTo(2);
            right.pipeInput("c", "C", 150); // out of order, but stream time is 201: a's window has closed
            assertThat(drain(out)).containsExactly("a=L+null@100");
        }
    }

    @Test
    void unmatchedDuplicatesAreAllEmitted() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(Kind.LEFT, tenMs(), true))) {
            TestInputTopic<String, String> left = in(d, "left");
            left.pipeInput("a", "L1", 100);
            left.pipeInput("a", "L2", 100);
            left.pipeInput("x", "X", 111);
            assertThat(drain(output(d))).containsExactly("a=L1+null@100", "a=L2+null@100");
        }
    }

    @Test
    void leftJoinWithTheRightRecordFirstJoinsAndNeverNullJoinsIt() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(Kind.LEFT, tenMs(), false))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            right.pipeInput("a", "R", 100);
            left.pipeInput("a", "L", 95);
            left.pipeInput("x", "X", 500);
            assertThat(drain(output(d))).containsExactly("a=L+R@100");
        }
    }

    @Test
    void recordArrivingAtTheEndOfItsGracePeriodStillJoinsAtTheLowerBound() {
        JoinWindows w = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(10));
        try (TopologyTestDriver d = new TopologyTestDriver(topology(Kind.INNER, w, false))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            right.pipeInput("a", "R", 90);
            right.pipeInput("x", "X", 120); // right store's time: 120 = 100 + after + grace
            left.pipeInput("a", "L", 100);  // joins R at exactly t - before
            assertThat(drain(output(d))).containsExactly("a=L+R@100");
        }
    }
}

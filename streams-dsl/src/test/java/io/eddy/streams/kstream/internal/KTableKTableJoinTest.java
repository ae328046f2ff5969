package io.eddy.streams.kstream.internal;

import static io.eddy.streams.kstream.internal.ProcessorTestSupport.addOutput;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.addTable;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.drain;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.Serdes;
import io.eddy.streams.Topology;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class KTableKTableJoinTest {

    private static Topology topology(boolean leftOuter, boolean rightOuter, boolean parentsSendOldValues) {
        KTableKTableJoin<String, String, String, String> join = new KTableKTableJoin<>("left-store", "right-store",
                (l, r) -> l + "+" + r, leftOuter, rightOuter, parentsSendOldValues);
        join.enableSendingOldValues();
        Topology t = new Topology();
        addTable(t, "left", "left-store");
        addTable(t, "right", "right-store");
        t.addProcessor("join-left", join.leftSide(), "left-table");
        t.addProcessor("join-right", join.rightSide(), "right-table");
        t.connectProcessorAndStateStores("join-left", "right-store");
        t.connectProcessorAndStateStores("join-right", "left-store");
        addOutput(t, "join-left", "join-right");
        return t;
    }

    private static TestInputTopic<String, String> in(TopologyTestDriver d, String topic) {
        return d.createInputTopic(topic, Serdes.String().serializer(), Serdes.String().serializer());
    }

    @Test
    void innerJoinForwardsUpdatesAndTombstonesOnlyWhereAResultExisted() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(false, false, true))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            TestOutputTopic<String, String> out = output(d);
            left.pipeInput("a", "1", 10);
            right.pipeInput("a", "x", 5);    // result timestamp: max(5, 10)
            left.pipeInput("a", "2", 20);
            right.pipeInput("a", null, 30);
            left.pipeInput("a", null, 40);   // no result existed: nothing
            right.pipeInput("b", "y", 50);   // no left value: nothing
            right.pipeInput("b", null, 60);  // no result existed: nothing
            assertThat(drain(out)).containsExactly("a=(1+x<-null)@10", "a=(2+x<-1+x)@20", "a=(null<-2+x)@30");
        }
    }

    @Test
    void innerJoinGivesTheSameResultInBothArrivalOrders() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(false, false, true))) {
            in(d, "right").pipeInput("a", "x", 10);
            in(d, "left").pipeInput("a", "1", 5);
            assertThat(drain(output(d))).containsExactly("a=(1+x<-null)@10");
        }
    }

    @Test
    void leftJoinKeepsLeftValuesWithoutAPartner() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(true, false, true))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            left.pipeInput("a", "1", 1);
            right.pipeInput("a", "x", 2);
            right.pipeInput("a", null, 3);
            left.pipeInput("a", null, 4);
            right.pipeInput("b", "y", 5);   // no left value: nothing
            assertThat(drain(output(d))).containsExactly("a=(1+null<-null)@1", "a=(1+x<-1+null)@2",
                    "a=(1+null<-1+x)@3", "a=(null<-1+null)@4");
        }
    }

    @Test
    void outerJoinKeepsValuesOfEitherSide() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(true, true, true))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            right.pipeInput("b", "y", 1);
            left.pipeInput("b", "1", 2);
            left.pipeInput("b", null, 3);
            right.pipeInput("b", null, 4);
            right.pipeInput("c", null, 5);  // deleting an absent key: nothing
            assertThat(drain(output(d))).containsExactly("b=(null+y<-null)@1", "b=(1+y<-null+y)@2",
                    "b=(null+y<-1+y)@3", "b=(null<-null+y)@4");
        }
    }

    @Test
    void withoutOldValuesFromParentsADeleteForwardsATombstoneWhenAResultCouldHaveExisted() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(false, false, false))) {
            TestInputTopic<String, String> left = in(d, "left");
            TestInputTopic<String, String> right = in(d, "right");
            right.pipeInput("a", "x", 1);
            left.pipeInput("a", null, 2);  // the other side has a value: a result may have existed
            left.pipeInput("b", null, 3);  // no right value for b: certainly no result
            assertThat(drain(output(d))).containsExactly("a=(null<-null)@2");
        }
    }
}

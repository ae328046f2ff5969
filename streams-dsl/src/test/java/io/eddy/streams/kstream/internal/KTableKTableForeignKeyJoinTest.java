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

/** Orders ("customer|item") joined with customers by the customer id in the order. */
class KTableKTableForeignKeyJoinTest {

    private static Topology topology(boolean leftJoin) {
        KTableKTableForeignKeyJoin<String, String, String, String, String> join = new KTableKTableForeignKeyJoin<>(
                "orders-store", "customers-store", "subscriptions", (k, v) -> v.split("\\|")[0],
                (order, customer) -> order + "/" + customer, leftJoin, Serdes.String(), Serdes.String(), true);
        join.enableSendingOldValues();
        Topology t = new Topology();
        addTable(t, "orders", "orders-store");
        addTable(t, "customers", "customers-store");
        t.addProcessor("fk-left", join.leftSide(), "orders-table");
        t.addProcessor("fk-right", join.rightSide(), "customers-table");
        t.addStateStore(KTableKTableForeignKeyJoin.subscriptionStoreBuilder("subscriptions", false), "fk-left",
                "fk-right");
        t.connectProcessorAndStateStores("fk-left", "customers-store");
        t.connectProcessorAndStateStores("fk-right", "orders-store");
        addOutput(t, "fk-left", "fk-right");
        return t;
    }

    private static TestInputTopic<String, String> in(TopologyTestDriver d, String topic) {
        return d.createInputTopic(topic, Serdes.String().serializer(), Serdes.String().serializer());
    }

    @Test
    void innerForeignKeyJoinFollowsUpdatesOfBothTablesAndForeignKeyChanges() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(false))) {
            TestInputTopic<String, String> orders = in(d, "orders");
            TestInputTopic<String, String> customers = in(d, "customers");
            TestOutputTopic<String, String> out = output(d);
            orders.pipeInput("o1", "c1|book", 1);     // no customer yet
            customers.pipeInput("c1", "Ann", 2);
            orders.pipeInput("o2", "c1|pen", 3);
            assertThat(drain(out)).containsExactly("o1=(c1|book/Ann<-null)@2", "o2=(c1|pen/Ann<-null)@3");
            customers.pipeInput("c1", "Anne", 4);     // both orders of c1 update
            assertThat(drain(out)).containsExactly("o1=(c1|book/Anne<-c1|book/Ann)@4",
                    "o2=(c1|pen/Anne<-c1|pen/Ann)@4");
            orders.pipeInput("o1", "c2|book", 5);     // c2 unknown: the result goes away
            customers.pipeInput("c2", "Bob", 6);
            customers.pipeInput("c1", "Ann", 7);      // o1 no longer points at c1
            assertThat(drain(out)).containsExactly("o1=(null<-c1|book/Anne)@5", "o1=(c2|book/Bob<-null)@6",
                    "o2=(c1|pen/Ann<-c1|pen/Anne)@7");
            customers.pipeInput("c2", null, 8);
            orders.pipeInput("o2", null, 9);
            orders.pipeInput("o1", null, 10);         // no result existed any more
            assertThat(drain(out)).containsExactly("o1=(null<-c2|book/Bob)@8", "o2=(null<-c1|pen/Ann)@9");
        }
    }

    @Test
    void leftForeignKeyJoinKeepsOrdersWithoutACustomer() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(true))) {
            TestInputTopic<String, String> orders = in(d, "orders");
            TestInputTopic<String, String> customers = in(d, "customers");
            orders.pipeInput("o1", "c1|book", 1);
            customers.pipeInput("c1", "Ann", 2);
            customers.pipeInput("c1", null, 3);
            orders.pipeInput("o1", null, 4);
            assertThat(drain(output(d))).containsExactly("o1=(c1|book/null<-null)@1",
                    "o1=(c1|book/Ann<-c1|book/null)@2", "o1=(c1|book/null<-c1|book/Ann)@3",
                    "o1=(null<-c1|book/null)@4");
        }
    }

    @Test
    void innerForeignKeyJoinGivesTheSameResultInBothArrivalOrders() {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(false))) {
            in(d, "customers").pipeInput("c1", "Ann", 5);
            in(d, "orders").pipeInput("o1", "c1|book", 3);
            assertThat(drain(output(d))).containsExactly("o1=(c1|book/Ann<-null)@5");
        }
    }
}

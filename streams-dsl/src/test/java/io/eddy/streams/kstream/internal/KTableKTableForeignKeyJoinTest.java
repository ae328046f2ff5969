package io.eddy.streams.kstream.internal;

import static io.eddy.streams.kstream.internal.ProcessorTestSupport.addOutput;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.addTable;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.drain;
import static io.eddy.streams.kstream.internal.ProcessorTestSupport.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.Serdes;
import io.eddy.state.Stores;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.Topology;
import io.eddy.streams.internal.InternalTopologyBuilder;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Orders ("customer|item") joined with customers by the customer id in the order, wired with the Processor API. */
class KTableKTableForeignKeyJoinTest {

    private static Topology topology(boolean leftJoin) {
        Topology t = new Topology();
        addTable(t, "orders", "orders-store");
        addTable(t, "customers", "customers-store");
        return withJoin(t, "orders-table", leftJoin);
    }

    /** Adds the join of the table at {@code leftNode} (store {@code orders-store}) with the customers table. */
    private static Topology withJoin(Topology t, String leftNode, boolean leftJoin) {
        KTableKTableForeignKeyJoin<String, String, String, String, String> join = new KTableKTableForeignKeyJoin<>(
                (k, v) -> v.split("\\|")[0], (order, customer) -> order + "/" + customer, leftJoin, null, null,
                "test");
        InternalTopologyBuilder b = t.internalBuilder();
        ForeignKeyJoinResult<String, String> result = join.addTo(b,
                new KTableKTableForeignKeyJoin.Names("fk", "subscriptions", "fk-subscriptions", "fk-responses"),
                new KTableKTableForeignKeyJoin.Side<>(leftNode, new StoreValueGetterSupplier<>("orders-store"),
                        Set.of("orders"), Serdes.String(), Serdes.String()),
                new KTableKTableForeignKeyJoin.Side<>("customers-table",
                        new StoreValueGetterSupplier<>("customers-store"), Set.of("customers"), Serdes.String(),
                        Serdes.String()),
                Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore("fk-results"), Serdes.String(),
                        Serdes.String()).withCachingDisabled().withLoggingDisabled(),
                false, UnaryOperator.identity());
        result.enableSendingOldValues(true);
        addOutput(t, "fk");
        return t;
    }

    private static TestInputTopic<String, String> in(TopologyTestDriver d, String topic) {
        return d.createInputTopic(topic, Serdes.String().serializer(), Serdes.String().serializer());
    }

    private static Properties props(boolean throughLog) {
        Properties p = new Properties();
        p.put(StreamsConfig.REPARTITION_THROUGH_LOG_CONFIG, throughLog);
        return p;
    }

    @ParameterizedTest(name = "repartition through the log: {0}")
    @ValueSource(booleans = {false, true})
    void innerForeignKeyJoinFollowsUpdatesOfBothTablesAndForeignKeyChanges(boolean throughLog) {
        try (TopologyTestDriver d = new TopologyTestDriver(topology(false), props(throughLog))) {
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
            if (throughLog) {
                assertThat(d.producedTopicNames()).contains("topology-test-driver-fk-subscriptions",
                        "topology-test-driver-fk-responses");
            }
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

    /**
     * A table source that applies every ';'-separated part of a value as its own update, so one input record makes
     * several left changes before any response comes back.
     */
    private static ProcessorSupplier<String, String, String, Change<String>> burstTable() {
        return () -> new ContextualProcessor<>() {
            private TimestampedKeyValueStore<String, String> store;

            @Override
            public void init(ProcessorContext<String, Change<String>> context) {
                super.init(context);
                store = context.getStateStore("orders-store");
            }

            @Override
            public void process(Record<String, String> record) {
                for (String value : record.value().split(";")) {
                    String old = ValueAndTimestamp.getValueOrNull(store.get(record.key()));
                    store.put(record.key(), ValueAndTimestamp.make(value, record.timestamp()));
                    context().forward(record.withValue(new Change<>(value, old)));
                }
            }
        };
    }

    @ParameterizedTest(name = "repartition through the log: {0}")
    @ValueSource(booleans = {false, true})
    void responsesToAnOutdatedLeftValueAreDropped(boolean throughLog) {
        Topology t = new Topology();
        t.addSource("orders-source", Serdes.String().deserializer(), Serdes.String().deserializer(), "orders");
        t.addProcessor("orders-table", burstTable(), "orders-source");
        t.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore("orders-store"),
                Serdes.String(), Serdes.String()), "orders-table");
        addTable(t, "customers", "customers-store");
        try (TopologyTestDriver d = new TopologyTestDriver(withJoin(t, "orders-table", false), props(throughLog))) {
            in(d, "customers").pipeInput("c1", "Ann", 1);
            in(d, "customers").pipeInput("c2", "Bob", 1);
            // o1 subscribes to c1 and at once moves to c2: c1's response carries the hash of an outdated value
            in(d, "orders").pipeInput("o1", "c1|book;c2|pen", 2);
            assertThat(drain(output(d))).containsExactly("o1=(c2|pen/Bob<-null)@2");
        }
    }
}

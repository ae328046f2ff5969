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
import io.eddy.streams.Topology;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.Record;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class KStreamKTableJoinTest {

    private KStreamKTableJoin<String, String, String, String, String> join;

    private Topology streamTable(boolean left) {
        join = KStreamKTableJoin.streamTable("table-store", (k, v, t) -> v + "+" + t, left);
        Topology t = new Topology();
        addTable(t, "table", "table-store");
        t.addSource("stream", Serdes.String().deserializer(), Serdes.String().deserializer(), "stream");
        t.addProcessor("join", join, "stream");
        t.connectProcessorAndStateStores("join", "table-store");
        addOutput(t, "join");
        return t;
    }

    private Topology streamGlobalTable(boolean left) {
        // the stream value names the table key: "tableKey:payload"
        join = KStreamKTableJoin.streamGlobalTable("global-store", (k, v) -> v.split(":")[0].isEmpty() ? null
                : v.split(":")[0], (k, v, t) -> k + "/" + v + "+" + t, left);
        Topology t = new Topology();
        t.addGlobalStore(Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore("global-store"),
                        Serdes.String(), Serdes.String()).withLoggingDisabled(), "global-source",
                Serdes.String().deserializer(), Serdes.String().deserializer(), "global", "global-update",
                () -> new ContextualProcessor<String, String, Void, Void>() {
                    private TimestampedKeyValueStore<String, String> store;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        super.init(context);
                        store = context.getStateStore("global-store");
                    }

                    @Override
                    public void process(Record<String, String> r) {
                        store.put(r.key(), ValueAndTimestamp.make(r.value(), r.timestamp()));
                    }
                });
        t.addSource("stream", Serdes.String().deserializer(), Serdes.String().deserializer(), "stream");
        t.addProcessor("join", join, "stream"); // global stores are readable without connecting them
        addOutput(t, "join");
        return t;
    }

    private static TestInputTopic<String, String> in(TopologyTestDriver d, String topic) {
        return d.createInputTopic(topic, Serdes.String().serializer(), Serdes.String().serializer());
    }

    @Test
    void streamRecordJoinsTheTablesCurrentValueAndTableUpdatesDoNotTriggerOutput() {
        try (TopologyTestDriver d = new TopologyTestDriver(streamTable(false))) {
            TestInputTopic<String, String> table = in(d, "table");
            TestInputTopic<String, String> stream = in(d, "stream");
            TestOutputTopic<String, String> out = output(d);
            stream.pipeInput("a", "s0", 1);  // before the table has a value: no result
            table.pipeInput("a", "t1", 5);
            stream.pipeInput("a", "s1", 3);  // the stream record's timestamp, not the table's
            table.pipeInput("a", "t2", 6);
            assertThat(drain(out)).containsExactly("a=s1+t1@3");
            stream.pipeInput("a", "s2", 7);
            table.pipeInput("a", null, 8);
            stream.pipeInput("a", "s3", 9);
            assertThat(drain(out)).containsExactly("a=s2+t2@7");
        }
    }

    @Test
    void leftJoinJoinsMissingTableValuesWithNull() {
        try (TopologyTestDriver d = new TopologyTestDriver(streamTable(true))) {
            TestInputTopic<String, String> table = in(d, "table");
            TestInputTopic<String, String> stream = in(d, "stream");
            stream.pipeInput("a", "s0", 1);
            table.pipeInput("a", "t1", 2);
            stream.pipeInput("a", "s1", 3);
            table.pipeInput("a", null, 4);
            stream.pipeInput("a", "s2", 5);
            assertThat(drain(output(d))).containsExactly("a=s0+null@1", "a=s1+t1@3", "a=s2+null@5");
        }
    }

    @Test
    void innerJoinDropsNullKeysAndNullValuesLeftJoinKeepsNullKeys() {
        try (TopologyTestDriver d = new TopologyTestDriver(streamTable(false))) {
            TestInputTopic<String, String> stream = in(d, "stream");
            stream.pipeInput(null, "s", 1);
            stream.pipeInput("a", null, 1);
            assertThat(drain(output(d))).isEmpty();
            assertThat(join.droppedRecords()).isEqualTo(2);
        }
        try (TopologyTestDriver d = new TopologyTestDriver(streamTable(true))) {
            TestInputTopic<String, String> stream = in(d, "stream");
            stream.pipeInput(null, "s", 1);
            stream.pipeInput("a", null, 1);
            assertThat(drain(output(d))).containsExactly("null=s+null@1");
            assertThat(join.droppedRecords()).isEqualTo(1);
        }
    }

    @Test
    void globalTableJoinLooksUpTheKeyChosenByTheKeySelector() {
        try (TopologyTestDriver d = new TopologyTestDriver(streamGlobalTable(false))) {
            TestInputTopic<String, String> global = in(d, "global");
            TestInputTopic<String, String> stream = in(d, "stream");
            global.pipeInput("g1", "G1", 1);
            stream.pipeInput("s", "g1:x", 5);
            stream.pipeInput("s", "g2:y", 6);
            stream.pipeInput("s", ":z", 7);
            global.pipeInput("g2", "G2", 8);
            stream.pipeInput(null, "g2:w", 9); // a global join may look up with a null stream key
            assertThat(drain(output(d))).containsExactly("s=s/g1:x+G1@5", "null=null/g2:w+G2@9");
        }
    }

    @Test
    void globalTableLeftJoinJoinsMissingValuesAndNullLookupKeysWithNull() {
        try (TopologyTestDriver d = new TopologyTestDriver(streamGlobalTable(true))) {
            TestInputTopic<String, String> global = in(d, "global");
            TestInputTopic<String, String> stream = in(d, "stream");
            global.pipeInput("g1", "G1", 1);
            stream.pipeInput("s", "g1:x", 5);
            stream.pipeInput("s", "g2:y", 6);
            stream.pipeInput("s", ":z", 7);
            assertThat(drain(output(d))).containsExactly("s=s/g1:x+G1@5", "s=s/g2:y+null@6", "s=s/:z+null@7");
        }
    }
}

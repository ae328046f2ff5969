package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serdes;
import io.eddy.state.Stores;
import io.eddy.state.TimestampedKeyValueStore;
import io.eddy.state.ValueAndTimestamp;
import io.eddy.streams.Topology;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import io.eddy.streams.test.TestOutputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import java.util.List;
import java.util.stream.Collectors;

/** Small Processor API pieces the DSL processor tests wire around the processor under test. */
final class ProcessorTestSupport {
    static final String OUTPUT = "output";

    private ProcessorTestSupport() {
    }

    /** A table source: keeps the latest value per key in a timestamped store and forwards {@code Change(new, old)}. */
    static ProcessorSupplier<String, String, String, Change<String>> tableSource(String storeName) {
        return () -> new ContextualProcessor<>() {
            private TimestampedKeyValueStore<String, String> store;

            @Override
            public void init(ProcessorContext<String, Change<String>> context) {
                super.init(context);
                store = context.getStateStore(storeName);
            }

            @Override
            public void process(Record<String, String> record) {
                String old = ValueAndTimestamp.getValueOrNull(store.get(record.key()));
                store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
                context().forward(record.withValue(new Change<>(record.value(), old)));
            }
        };
    }

    /** Adds a table: source topic, the table source processor and its store. */
    static void addTable(Topology t, String topic, String storeName) {
        t.addSource(topic + "-source", Serdes.String().deserializer(), Serdes.String().deserializer(), topic);
        t.addProcessor(topic + "-table", tableSource(storeName), topic + "-source");
        t.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(storeName),
                Serdes.String(), Serdes.String()), topic + "-table");
    }

    /** Forwards every record with {@code String.valueOf} key and value, so tests compare text. */
    static ProcessorSupplier<Object, Object, String, String> stringify() {
        return () -> new ContextualProcessor<>() {
            @Override
            public void process(Record<Object, Object> record) {
                context().forward(record.withKey(String.valueOf(record.key()))
                        .withValue(String.valueOf(record.value())));
            }
        };
    }

    /** Adds the stringify processor after {@code parents} and a String sink to {@link #OUTPUT}. */
    static void addOutput(Topology t, String... parents) {
        t.addProcessor("stringify", stringify(), parents);
        t.addSink("sink", OUTPUT, Serdes.String().serializer(), Serdes.String().serializer(), "stringify");
    }

    static TestOutputTopic<String, String> output(TopologyTestDriver driver) {
        return driver.createOutputTopic(OUTPUT, Serdes.String().deserializer(), Serdes.String().deserializer());
    }

    /** @return every unread output record as {@code key=value@timestamp} */
    static List<String> drain(TestOutputTopic<String, String> out) {
        return out.readRecordsToList().stream().map(r -> r.key() + "=" + r.value() + "@" + r.timestamp())
                .collect(Collectors.toList());
    }
}

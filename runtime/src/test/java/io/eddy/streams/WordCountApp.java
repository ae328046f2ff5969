package io.eddy.streams;

import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValueStore;
import io.eddy.state.Stores;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.util.Map;

/**
 * A Processor API word count: lines are split into words, re-keyed by word through a repartition (in memory by
 * default), and counted in a RocksDB store with a changelog; every count update goes to topic {@code word-counts}.
 */
final class WordCountApp {
    static final String INPUT = "text-lines";
    static final String OUTPUT = "word-counts";
    static final String STORE = "counts";

    private WordCountApp() {
    }

    static Topology topology() {
        Topology t = new Topology();
        t.addSource("lines", Serdes.String().deserializer(), Serdes.String().deserializer(), INPUT);
        ProcessorSupplier<String, String, String, String> split = () -> new ContextualProcessor<>() {
            @Override
            public void process(Record<String, String> record) {
                for (String w : record.value().split(" ")) {
                    if (!w.isEmpty()) {
                        context().forward(record.withKey(w).withValue(w));
                    }
                }
            }
        };
        t.addProcessor("split", split, "lines");
        t.internalBuilder().addInternalTopic("words-repartition", -1, true, Map.of());
        t.addSink("to-words", "words-repartition", Serdes.String().serializer(), Serdes.String().serializer(), "split");
        t.addSource("words", Serdes.String().deserializer(), Serdes.String().deserializer(), "words-repartition");
        ProcessorSupplier<String, String, String, Long> count = () -> new ContextualProcessor<>() {
            private KeyValueStore<String, Long> store;

            @Override
            public void init(ProcessorContext<String, Long> context) {
                super.init(context);
                store = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<String, String> record) {
                Long c = store.get(record.key());
                long next = c == null ? 1 : c + 1;
                store.put(record.key(), next);
                context().forward(record.withValue(next));
            }
        };
        t.addProcessor("count", count, "words");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.Long()), "count");
        t.addSink("out", OUTPUT, Serdes.String().serializer(), Serdes.Long().serializer(), "count");
        return t;
    }
}

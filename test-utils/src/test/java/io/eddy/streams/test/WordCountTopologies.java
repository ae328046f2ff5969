package io.eddy.streams.test;

import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValueStore;
import io.eddy.state.Stores;
import io.eddy.streams.Topology;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.util.Map;

/** A Processor API word count with a repartition between splitting and counting, shared by runtime tests. */
final class WordCountTopologies {
    private WordCountTopologies() {
    }

    static Topology wordCount(boolean persistent) {
        Topology t = new Topology();
        t.addSource("lines", Serdes.String().deserializer(), Serdes.String().deserializer(), "text");
        ProcessorSupplier<String, String, String, String> split = () -> new ContextualProcessor<>() {
            @Override
            public void process(Record<String, String> record) {
                for (String w : record.value().toLowerCase().split("\\W+")) {
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
            public void init(io.eddy.streams.processor.api.ProcessorContext<String, Long> context) {
                super.init(context);
                store = context.getStateStore("counts");
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
        t.addStateStore(Stores.keyValueStoreBuilder(persistent ? Stores.persistentKeyValueStore("counts")
                : Stores.inMemoryKeyValueStore("counts"), Serdes.String(), Serdes.Long()).withCachingDisabled(), "count");
        t.addSink("out", "word-counts", Serdes.String().serializer(), Serdes.Long().serializer(), "count");
        return t;
    }
}

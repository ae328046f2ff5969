package io.eddy.streams.internal;

import io.eddy.serialization.Deserializer;
import io.eddy.streams.processor.TimestampExtractor;
import io.eddy.streams.processor.api.Record;

/** Deserializes records of its topics and passes them to its children. */
final class SourceNodeRuntime extends RuntimeNode {
    final Deserializer<Object> keyDeserializer;
    final Deserializer<Object> valueDeserializer;
    final TimestampExtractor timestampExtractor;

    SourceNodeRuntime(String name, Deserializer<Object> keyDeserializer, Deserializer<Object> valueDeserializer,
                      TimestampExtractor timestampExtractor) {
        super(name);
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
        this.timestampExtractor = timestampExtractor;
    }

    @Override
    void process(Record<Object, Object> record) {
        for (RuntimeNode child : children) {
            child.process(record);
        }
    }
}

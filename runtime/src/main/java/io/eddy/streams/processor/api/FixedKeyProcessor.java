package io.eddy.streams.processor.api;

/**
 * A processor that may change values but not keys, as Kafka Streams' {@code FixedKeyProcessor}; run with
 * {@link KStream#processValues}. One instance per task, called on the task's thread.
 *
 * @param <KIn> key type
 * @param <VIn> input value type
 * @param <VOut> output value type
 */
public interface FixedKeyProcessor<KIn, VIn, VOut> {
    /** @param context the context, to keep for forwarding, stores and punctuation */
    default void init(FixedKeyProcessorContext<KIn, VOut> context) {
    }

    /** @param record the record */
    void process(FixedKeyRecord<KIn, VIn> record);

    /** Called when the task closes. */
    default void close() {
    }
}

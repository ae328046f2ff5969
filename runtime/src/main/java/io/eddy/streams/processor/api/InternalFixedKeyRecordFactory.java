package io.eddy.streams.processor.api;

import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;

/** Creates {@link FixedKeyRecord}s; for the framework and for tests of fixed-key processors. */
public final class InternalFixedKeyRecordFactory {
    private InternalFixedKeyRecordFactory() {
    }

    /**
     * @param record the record
     * @param <K> key type
     * @param <V> value type
     * @return a fixed-key record with its contents
     */
    public static <K, V> FixedKeyRecord<K, V> create(Record<K, V> record) {
        return new FixedKeyRecord<>(record);
    }

    /**
     * @param record a fixed-key record
     * @param <K> key type
     * @param <V> value type
     * @return the same contents as a {@link Record}
     */
    public static <K, V> Record<K, V> toRecord(FixedKeyRecord<K, V> record) {
        return record.toRecord();
    }

    /**
     * For the DSL: runs fixed-key processors as Processor API processors.
     *
     * @param supplier the fixed-key processor supplier
     * @param <K> key type
     * @param <VIn> input value type
     * @param <VOut> output value type
     * @return a processor supplier forwarding records with the input's key
     */
    public static <K, VIn, VOut> ProcessorSupplier<K, VIn, K, VOut> processorSupplier(
            FixedKeyProcessorSupplier<? super K, ? super VIn, VOut> supplier) {
        return FixedKeyProcessorAdapter.adapt(supplier);
    }
}

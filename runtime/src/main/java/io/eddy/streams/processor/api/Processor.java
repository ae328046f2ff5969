package io.eddy.streams.processor.api;

/**
 * A node of a topology that processes one record at a time and may forward records to its children, as Kafka
 * Streams' {@code Processor}. A processor instance belongs to one task and is only ever called from that task's
 * thread, so it needs no synchronization.
 *
 * @param <KIn> input key type
 * @param <VIn> input value type
 * @param <KOut> forwarded key type
 * @param <VOut> forwarded value type
 */
public interface Processor<KIn, VIn, KOut, VOut> {

    /**
     * Called once before any record, with the context the processor uses to forward, schedule and reach stores.
     *
     * @param context the context, valid until {@link #close()}
     */
    default void init(ProcessorContext<KOut, VOut> context) {
    }

    /**
     * Processes one record.
     *
     * @param record the record
     */
    void process(Record<KIn, VIn> record);

    /** Called once when the task closes; release resources here. */
    default void close() {
    }
}

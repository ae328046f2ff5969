package io.eddy.streams.kstream.internal;

import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;

/**
 * The body of a stateless operator: what to forward for one record. {@link #supplier(RecordHandler)} turns it into a
 * processor supplier; the handler is shared by every task, so it must not keep per-record state.
 *
 * @param <KIn> input key
 * @param <VIn> input value
 * @param <KOut> output key
 * @param <VOut> output value
 */
@FunctionalInterface
public interface RecordHandler<KIn, VIn, KOut, VOut> {
    /**
     * @param record the input
     * @param context forwards outputs
     */
    void handle(Record<KIn, VIn> record, ProcessorContext<KOut, VOut> context);

    /**
     * @param handler the operator body
     * @param <KIn> input key
     * @param <VIn> input value
     * @param <KOut> output key
     * @param <VOut> output value
     * @return a supplier of processors running it
     */
    static <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> supplier(
            RecordHandler<KIn, VIn, KOut, VOut> handler) {
        return () -> new Processor<>() {
            private ProcessorContext<KOut, VOut> context;

            @Override
            public void init(ProcessorContext<KOut, VOut> context) {
                this.context = context;
            }

            @Override
            public void process(Record<KIn, VIn> record) {
                handler.handle(record, context);
            }
        };
    }
}

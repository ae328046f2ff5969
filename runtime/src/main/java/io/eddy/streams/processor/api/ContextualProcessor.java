package io.eddy.streams.processor.api;

/**
 * A {@link Processor} that keeps its context, so subclasses implement only {@link #process(Record)}.
 *
 * @param <KIn> input key type
 * @param <VIn> input value type
 * @param <KOut> forwarded key type
 * @param <VOut> forwarded value type
 */
public abstract class ContextualProcessor<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
    private ProcessorContext<KOut, VOut> context;

    /** For subclasses. */
    protected ContextualProcessor() {
    }

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        this.context = context;
    }

    /** @return the context given to {@link #init} */
    protected final ProcessorContext<KOut, VOut> context() {
        return context;
    }
}

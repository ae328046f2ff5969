package io.eddy.streams.processor.api;

/**
 * A {@link FixedKeyProcessor} that keeps its context, as Kafka Streams' {@code ContextualFixedKeyProcessor}.
 *
 * @param <KIn> key type
 * @param <VIn> input value type
 * @param <VOut> output value type
 */
public abstract class ContextualFixedKeyProcessor<KIn, VIn, VOut> implements FixedKeyProcessor<KIn, VIn, VOut> {
    private FixedKeyProcessorContext<KIn, VOut> context;

    /** For subclasses. */
    protected ContextualFixedKeyProcessor() {
    }

    @Override
    public void init(FixedKeyProcessorContext<KIn, VOut> context) {
        this.context = context;
    }

    /** @return the context given to {@link #init} */
    protected final FixedKeyProcessorContext<KIn, VOut> context() {
        return context;
    }
}

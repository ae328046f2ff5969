package io.eddy.streams.processor.api;

import io.eddy.streams.processor.ConnectedStoreProvider;
import java.util.function.Supplier;

/**
 * Creates a new {@link Processor} for every task. {@link #get()} must return a new instance on each call.
 *
 * @param <KIn> input key type
 * @param <VIn> input value type
 * @param <KOut> forwarded key type
 * @param <VOut> forwarded value type
 */
@FunctionalInterface
public interface ProcessorSupplier<KIn, VIn, KOut, VOut>
        extends ConnectedStoreProvider, Supplier<Processor<KIn, VIn, KOut, VOut>> {

    /** @return a new processor instance */
    @Override
    Processor<KIn, VIn, KOut, VOut> get();
}

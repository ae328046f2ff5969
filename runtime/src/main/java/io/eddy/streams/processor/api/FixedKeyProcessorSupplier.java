package io.eddy.streams.processor.api;

import io.eddy.streams.processor.ConnectedStoreProvider;
import java.util.function.Supplier;

/**
 * Creates a new {@link FixedKeyProcessor} per task (never a shared instance), optionally declaring its stores, as
 * Kafka Streams' {@code FixedKeyProcessorSupplier}.
 *
 * @param <KIn> key type
 * @param <VIn> input value type
 * @param <VOut> output value type
 */
@FunctionalInterface
public interface FixedKeyProcessorSupplier<KIn, VIn, VOut>
        extends ConnectedStoreProvider, Supplier<FixedKeyProcessor<KIn, VIn, VOut>> {
    @Override
    FixedKeyProcessor<KIn, VIn, VOut> get();
}

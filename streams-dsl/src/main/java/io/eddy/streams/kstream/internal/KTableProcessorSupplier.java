package io.eddy.streams.kstream.internal;

import io.eddy.streams.processor.api.ProcessorSupplier;

/**
 * The processor behind a KTable: forwards {@link Change}s and can expose the table's values and old values.
 *
 * @param <KIn> input key
 * @param <VIn> input value (a plain value for sources and stream aggregations, a {@code Change} for table operators)
 * @param <KOut> table key
 * @param <VOut> table value
 */
public interface KTableProcessorSupplier<KIn, VIn, KOut, VOut> extends ProcessorSupplier<KIn, VIn, KOut, Change<VOut>> {

    /**
     * Gives read access to the table's current values, materializing the table's source if that is needed. Call at
     * build time only.
     *
     * @return a getter supplier
     */
    KTableValueGetterSupplier<KOut, VOut> view();

    /**
     * Asks the table to forward old values with new ones (subtractors, filters). Call at build time only.
     *
     * @param forceMaterialization whether an unmaterialized source may be materialized to know its old values
     * @return whether old values will be sent
     */
    boolean enableSendingOldValues(boolean forceMaterialization);
}

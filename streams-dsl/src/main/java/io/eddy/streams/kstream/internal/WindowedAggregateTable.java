package io.eddy.streams.kstream.internal;

import io.eddy.state.Windowed;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorSupplier;

/**
 * The table side of a windowed aggregation: wraps a window or session aggregate processor so that its result is a
 * {@code KTable<Windowed<K>, VAgg>} whose values other processors can read (from the aggregation's store) and which
 * forwards old values on demand.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <VAgg> aggregate type
 */
final class WindowedAggregateTable<K, V, VAgg> implements KTableProcessorSupplier<K, V, Windowed<K>, VAgg> {
    private final ProcessorSupplier<K, V, Windowed<K>, Change<VAgg>> aggregate;
    private final Runnable enableSendingOldValues;
    private final KTableValueGetterSupplier<Windowed<K>, VAgg> view;

    /**
     * @param aggregate the aggregation's processor
     * @param enableSendingOldValues makes the aggregation forward old aggregates
     * @param view reads the aggregation's store
     */
    WindowedAggregateTable(ProcessorSupplier<K, V, Windowed<K>, Change<VAgg>> aggregate,
                           Runnable enableSendingOldValues, KTableValueGetterSupplier<Windowed<K>, VAgg> view) {
        this.aggregate = aggregate;
        this.enableSendingOldValues = enableSendingOldValues;
        this.view = view;
    }

    @Override
    public KTableValueGetterSupplier<Windowed<K>, VAgg> view() {
        return view;
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        enableSendingOldValues.run();
        return true;
    }

    @Override
    public Processor<K, V, Windowed<K>, Change<VAgg>> get() {
        return aggregate.get();
    }
}

package io.eddy.streams.kstream.internal;

import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.Record;
import java.util.List;

/**
 * The node a cogrouped aggregation's table lives at: every input's aggregation processor forwards its updates here
 * (or its store's cache does), and they pass on unchanged. It stands for the whole aggregation towards downstream
 * operators: reading the table reads the shared store, and asking for old values asks every input's processor.
 *
 * @param <K> table key ({@code K} or {@code Windowed<K>})
 * @param <V> aggregate type
 */
final class CogroupedMerge<K, V> implements KTableProcessorSupplier<K, Change<V>, K, V> {
    private final List<Runnable> enableSendingOldValues;
    private final KTableValueGetterSupplier<K, V> view;

    /**
     * @param enableSendingOldValues makes each input's processor forward old aggregates
     * @param view reads the shared store
     */
    CogroupedMerge(List<Runnable> enableSendingOldValues, KTableValueGetterSupplier<K, V> view) {
        this.enableSendingOldValues = List.copyOf(enableSendingOldValues);
        this.view = view;
    }

    @Override
    public KTableValueGetterSupplier<K, V> view() {
        return view;
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        enableSendingOldValues.forEach(Runnable::run);
        return true;
    }

    @Override
    public Processor<K, Change<V>, K, Change<V>> get() {
        return new ContextualProcessor<>() {
            @Override
            public void process(Record<K, Change<V>> record) {
                context().forward(record);
            }
        };
    }
}

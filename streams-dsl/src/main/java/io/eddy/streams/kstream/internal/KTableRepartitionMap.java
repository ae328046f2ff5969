package io.eddy.streams.kstream.internal;

import io.eddy.state.KeyValue;
import io.eddy.streams.kstream.KeyValueMapper;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.Processor;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.util.Objects;

/**
 * A table's {@code groupBy}: maps each update to the new grouping key. When the old and new values map to the same
 * key, one {@link Change} carries both; otherwise the retraction of the old value goes to the old key and the
 * addition of the new value to the new key (each to that key's partition). Null grouping keys are dropped.
 */
final class KTableRepartitionMap<K, V, KR, VR> implements ProcessorSupplier<K, Change<V>, KR, Change<VR>> {
    private final KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector;

    KTableRepartitionMap(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> selector) {
        this.selector = selector;
    }

    @Override
    public Processor<K, Change<V>, KR, Change<VR>> get() {
        return new ContextualProcessor<>() {
            @Override
            public void process(Record<K, Change<V>> record) {
                Change<V> change = record.value();
                KeyValue<? extends KR, ? extends VR> newPair = change.newValue() == null ? null
                        : selector.apply(record.key(), change.newValue());
                KeyValue<? extends KR, ? extends VR> oldPair = change.oldValue() == null ? null
                        : selector.apply(record.key(), change.oldValue());
                boolean newKeyed = newPair != null && newPair.key != null;
                boolean oldKeyed = oldPair != null && oldPair.key != null;
                if (newKeyed && oldKeyed && Objects.equals(newPair.key, oldPair.key)) {
                    context().forward(new Record<KR, Change<VR>>(newPair.key,
                            new Change<>(newPair.value, oldPair.value), record.timestamp(), record.headers()));
                    return;
                }
                if (oldKeyed) {
                    context().forward(new Record<KR, Change<VR>>(oldPair.key, new Change<>(null, oldPair.value),
                            record.timestamp(), record.headers()));
                }
                if (newKeyed) {
                    context().forward(new Record<KR, Change<VR>>(newPair.key, new Change<>(newPair.value, null),
                            record.timestamp(), record.headers()));
                }
            }
        };
    }
}

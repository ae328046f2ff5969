package io.eddy.streams.processor.api;

import io.eddy.serialization.Serde;
import io.eddy.state.StateStore;
import io.eddy.state.StoreBuilder;
import io.eddy.streams.processor.Cancellable;
import io.eddy.streams.processor.PunctuationType;
import io.eddy.streams.processor.Punctuator;
import io.eddy.streams.processor.TaskId;
import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Runs a {@link FixedKeyProcessor} as a Processor API processor. */
final class FixedKeyProcessorAdapter<K, VIn, VOut> implements Processor<K, VIn, K, VOut> {
    private final FixedKeyProcessor<K, VIn, VOut> delegate;

    private FixedKeyProcessorAdapter(FixedKeyProcessor<K, VIn, VOut> delegate) {
        this.delegate = delegate;
    }

    static <K, VIn, VOut> ProcessorSupplier<K, VIn, K, VOut> adapt(
            FixedKeyProcessorSupplier<? super K, ? super VIn, VOut> supplier) {
        return new ProcessorSupplier<>() {
            @Override
            @SuppressWarnings("unchecked")
            public Processor<K, VIn, K, VOut> get() {
                return new FixedKeyProcessorAdapter<>((FixedKeyProcessor<K, VIn, VOut>) supplier.get());
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }
        };
    }

    @Override
    public void init(ProcessorContext<K, VOut> context) {
        delegate.init(new Context<>(context));
    }

    @Override
    public void process(Record<K, VIn> record) {
        delegate.process(new FixedKeyRecord<>(record));
    }

    @Override
    public void close() {
        delegate.close();
    }

    private record Context<K, V>(ProcessorContext<K, V> c) implements FixedKeyProcessorContext<K, V> {
        @Override
        public String applicationId() {
            return c.applicationId();
        }

        @Override
        public TaskId taskId() {
            return c.taskId();
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return c.recordMetadata();
        }

        @Override
        public Serde<?> keySerde() {
            return c.keySerde();
        }

        @Override
        public Serde<?> valueSerde() {
            return c.valueSerde();
        }

        @Override
        public File stateDir() {
            return c.stateDir();
        }

        @Override
        public <S extends StateStore> S getStateStore(String name) {
            return c.getStateStore(name);
        }

        @Override
        public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
            return c.schedule(interval, type, callback);
        }

        @Override
        public <K1 extends K, V1 extends V> void forward(FixedKeyRecord<K1, V1> record) {
            c.forward(record.toRecord());
        }

        @Override
        public <K1 extends K, V1 extends V> void forward(FixedKeyRecord<K1, V1> record, String childName) {
            c.forward(record.toRecord(), childName);
        }

        @Override
        public void commit() {
            c.commit();
        }

        @Override
        public Map<String, Object> appConfigs() {
            return c.appConfigs();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return c.appConfigsWithPrefix(prefix);
        }

        @Override
        public long currentSystemTimeMs() {
            return c.currentSystemTimeMs();
        }

        @Override
        public long currentStreamTimeMs() {
            return c.currentStreamTimeMs();
        }
    }
}

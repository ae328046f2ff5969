package io.eddy.streams.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.StateStore;
import io.eddy.streams.errors.DeserializationExceptionHandler;
import io.eddy.streams.errors.ErrorHandlerContext;
import io.eddy.streams.errors.ProcessingExceptionHandler;
import io.eddy.streams.errors.ProductionExceptionHandler;
import io.eddy.streams.processor.Cancellable;
import io.eddy.streams.processor.PunctuationType;
import io.eddy.streams.processor.Punctuator;
import io.eddy.streams.processor.RecordContext;
import io.eddy.streams.processor.TaskId;
import java.io.File;
import java.time.Duration;
import java.util.Map;

/** What nodes of a task share: identity, configuration, stores, the current record, time, outputs. */
interface TaskContext {
    TaskId taskId();

    String applicationId();

    Map<String, Object> appConfigs();

    Serde<?> defaultKeySerde();

    Serde<?> defaultValueSerde();

    File stateDir();

    /** @return the store, if connected to {@code processorName} */
    StateStore store(String processorName, String storeName);

    RecordContext recordContext();

    long streamTime();

    long wallClockTime();

    Cancellable schedule(String processorName, Duration interval, PunctuationType type, Punctuator punctuator);

    void requestCommit();

    RecordCollector collector();

    RepartitionExchange exchange();

    int partitionCount(String topic);

    ProcessingExceptionHandler processingExceptionHandler();

    ProductionExceptionHandler productionExceptionHandler();

    DeserializationExceptionHandler deserializationExceptionHandler();

    ErrorHandlerContext errorContext(String processorName, long timestamp);

    /** Writes a failed record to the dead-letter topic, if one is configured. */
    void deadLetter(ErrorHandlerContext context, byte[] key, byte[] value, Exception error);

    TaskMetrics metrics();
}

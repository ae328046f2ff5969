package io.eddy.streams.processor.api;

import io.eddy.serialization.Serde;
import io.eddy.state.StateStore;
import io.eddy.streams.processor.Cancellable;
import io.eddy.streams.processor.PunctuationType;
import io.eddy.streams.processor.Punctuator;
import io.eddy.streams.processor.TaskId;
import io.eddy.streams.processor.api.RecordMetadata;
import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The context of a {@link FixedKeyProcessor}, as Kafka Streams' {@code FixedKeyProcessorContext}: like the
 * Processor API's context, but forwarding only {@link FixedKeyRecord}s. Used on the task's thread only.
 *
 * @param <KForward> key type
 * @param <VForward> forwarded value type
 */
public interface FixedKeyProcessorContext<KForward, VForward> {
    /** @return the application id */
    String applicationId();

    /** @return the task id */
    TaskId taskId();

    /** @return the current record's topic, partition and offset, if it came from a topic */
    Optional<RecordMetadata> recordMetadata();

    /** @return the default key serde */
    Serde<?> keySerde();

    /** @return the default value serde */
    Serde<?> valueSerde();

    /** @return the task's state directory */
    File stateDir();

    /** @param name a connected store @param <S> its type @return the store */
    <S extends StateStore> S getStateStore(String name);

    /**
     * @param interval the interval
     * @param type stream or wall-clock time
     * @param callback the punctuator
     * @return a handle to cancel it
     */
    Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback);

    /** @param record forwarded to every child @param <K> key type @param <V> value type */
    <K extends KForward, V extends VForward> void forward(FixedKeyRecord<K, V> record);

    /**
     * @param record forwarded to one child
     * @param childName the child
     * @param <K> key type
     * @param <V> value type
     */
    <K extends KForward, V extends VForward> void forward(FixedKeyRecord<K, V> record, String childName);

    /** Requests a commit. */
    void commit();

    /** @return the app configuration */
    Map<String, Object> appConfigs();

    /** @param prefix a prefix @return the configuration under it, prefix removed */
    Map<String, Object> appConfigsWithPrefix(String prefix);

    /** @return wall-clock time (virtual in tests) */
    long currentSystemTimeMs();

    /** @return stream time */
    long currentStreamTimeMs();
}

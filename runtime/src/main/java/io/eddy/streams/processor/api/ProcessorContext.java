package io.eddy.streams.processor.api;

import io.eddy.serialization.Serde;
import io.eddy.state.StateStore;
import io.eddy.streams.processor.Cancellable;
import io.eddy.streams.processor.PunctuationType;
import io.eddy.streams.processor.Punctuator;
import io.eddy.streams.processor.TaskId;
import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link Processor} can do besides processing: forward records to its children (depth-first: a forwarded record
 * is fully processed downstream before {@code forward} returns), schedule punctuations, reach its connected state
 * stores, request a commit, and read metadata of the current record. Only valid on the task's thread.
 *
 * @param <KForward> key type of forwarded records
 * @param <VForward> value type of forwarded records
 */
public interface ProcessorContext<KForward, VForward> {

    /** @return the application id */
    String applicationId();

    /** @return the id of the task running this processor */
    TaskId taskId();

    /** @return the source topic, partition and offset of the record being processed; empty in a punctuation */
    Optional<RecordMetadata> recordMetadata();

    /** @return the default key serde */
    Serde<?> keySerde();

    /** @return the default value serde */
    Serde<?> valueSerde();

    /** @return this task's state directory */
    File stateDir();

    /**
     * @param name a store connected to this processor
     * @param <S> the store type
     * @return the store
     * @throws io.eddy.streams.errors.StreamsException if no store of that name is connected to this processor
     */
    <S extends StateStore> S getStateStore(String name);

    /**
     * Schedules {@code callback} every {@code interval}: on STREAM_TIME when the task's stream time passes each
     * multiple of the interval since scheduling (at most once per advance, however far it jumps); on WALL_CLOCK_TIME
     * from the thread loop when the wall clock passes it.
     *
     * @param interval the interval, at least 1 ms
     * @param type the clock
     * @param callback the punctuator
     * @return a handle cancelling the schedule
     */
    Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback);

    /**
     * Forwards a record to every child.
     *
     * @param record the record
     * @param <K> key type
     * @param <V> value type
     */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record);

    /**
     * Forwards a record to one child.
     *
     * @param record the record
     * @param childName the child processor's name
     * @param <K> key type
     * @param <V> value type
     * @throws io.eddy.streams.errors.StreamsException if there is no such child
     */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record, String childName);

    /** Requests a commit as soon as possible (after the current record). */
    void commit();

    /** @return the application's configuration */
    Map<String, Object> appConfigs();

    /**
     * @param prefix a key prefix
     * @return the configuration entries with that prefix, prefix removed
     */
    Map<String, Object> appConfigsWithPrefix(String prefix);

    /** @return the wall-clock time of the task's clock, in ms */
    long currentSystemTimeMs();

    /** @return the task's stream time (largest timestamp processed), or -1 before any record */
    long currentStreamTimeMs();
}

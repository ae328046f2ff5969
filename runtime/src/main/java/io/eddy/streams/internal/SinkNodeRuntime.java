package io.eddy.streams.internal;

import io.eddy.log.DefaultPartitioner;
import io.eddy.serialization.Serializer;
import io.eddy.streams.errors.ErrorHandlerContext;
import io.eddy.streams.errors.HandlerResponse;
import io.eddy.streams.errors.StreamsException;
import io.eddy.streams.processor.StreamPartitioner;
import io.eddy.streams.processor.TopicNameExtractor;
import io.eddy.streams.processor.api.Record;
import java.util.Optional;
import java.util.Set;

/**
 * Writes records to a topic: serializes, picks the partition (the given partitioner, else Kafka's murmur2 of the
 * key bytes, round-robin for null keys) and hands the bytes to the task's collector — or, for an in-memory
 * repartition topic, hands the objects to the exchange after choosing the partition from the serialized key.
 */
final class SinkNodeRuntime extends RuntimeNode {
    private final String topic;
    private final TopicNameExtractor<Object, Object> extractor;
    private final Serializer<Object> keySerializer;
    private final Serializer<Object> valueSerializer;
    private final StreamPartitioner<Object, Object> partitioner;
    private final TaskContext task;
    private final boolean inMemoryExchange;
    private int roundRobin;
    /** The fixed topic's partition count and in-memory queues, looked up once (both are fixed once the app runs). */
    private int fixedPartitions = -1;
    private RepartitionExchange.ExchangeQueue[] fixedQueues;

    @SuppressWarnings("unchecked")
    SinkNodeRuntime(String name, String topic, TopicNameExtractor<?, ?> extractor, Serializer<?> keySerializer,
                    Serializer<?> valueSerializer, StreamPartitioner<?, ?> partitioner, TaskContext task,
                    boolean inMemoryExchange) {
        super(name);
        this.topic = topic;
        this.extractor = (TopicNameExtractor<Object, Object>) extractor;
        this.keySerializer = (Serializer<Object>) keySerializer;
        this.valueSerializer = (Serializer<Object>) valueSerializer;
        this.partitioner = (StreamPartitioner<Object, Object>) partitioner;
        this.task = task;
        this.inMemoryExchange = inMemoryExchange;
    }

    @Override
    void process(Record<Object, Object> record) {
        String target;
        int partitions;
        if (topic != null) {
            target = topic;
            if (fixedPartitions < 0) {
                fixedPartitions = task.partitionCount(topic);
            }
            partitions = fixedPartitions;
        } else {
            target = extractor.extract(record.key(), record.value(), task.recordContext());
            partitions = task.partitionCount(target);
        }
        byte[] keyBytes;
        byte[] valueBytes = null;
        try {
            boolean keyBytesNeeded = !inMemoryExchange || partitions > 1 || partitioner != null;
            keyBytes = keyBytesNeeded ? keySerializer.serialize(target, record.headers(), record.key()) : null;
            if (!inMemoryExchange) {
                valueBytes = valueSerializer.serialize(target, record.headers(), record.value());
            }
        } catch (RuntimeException e) {
            ErrorHandlerContext ctx = task.errorContext(name, record.timestamp());
            if (task.productionExceptionHandler().handle(ctx, target, record.key(), record.value(), e)
                    == HandlerResponse.CONTINUE) {
                task.metrics().droppedRecord();
                return;
            }
            throw new StreamsException("sink '" + name + "' of task " + task.taskId() + " cannot serialize a record"
                    + " for topic " + target + ": " + e, e);
        }
        if (partitioner != null) {
            Optional<Set<Integer>> chosen = partitioner.partitions(target, record.key(), record.value(), partitions);
            if (chosen != null && chosen.isPresent()) {
                for (int p : chosen.get()) {
                    if (p < 0 || p >= partitions) {
                        throw new StreamsException("partitioner of sink '" + name + "' chose partition " + p
                                + " of topic " + target + ", which has " + partitions + " partition(s)");
                    }
                    emit(target, p, keyBytes, valueBytes, record);
                }
                return;
            }
        }
        int p = partitions == 1 ? 0 : keyBytes == null ? (roundRobin++ & 0x7fffffff) % partitions
                : DefaultPartitioner.partition(keyBytes, partitions);
        emit(target, p, keyBytes, valueBytes, record);
    }

    private void emit(String target, int partition, byte[] key, byte[] value, Record<Object, Object> record) {
        if (inMemoryExchange) {
            if (topic == null) {
                task.exchange().send(target, partition, record);
                return;
            }
            if (fixedQueues == null) {
                fixedQueues = task.exchange().queues(topic);
            }
            task.exchange().send(fixedQueues[partition], record);
        } else {
            task.collector().send(target, partition, key, value, record.timestamp(), record.headers());
        }
    }
}

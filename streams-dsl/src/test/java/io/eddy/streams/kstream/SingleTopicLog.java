package io.eddy.streams.kstream;

import io.eddy.log.IsolationLevel;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The log of a test that restarts a real app on one data directory: a one-partition input topic fed with keyed
 * records between runs, and a one-partition output topic read back after them.
 *
 * @param dir the app's data directory (the log lives in {@code dir/log})
 * @param input the input partition
 * @param output the output partition
 */
public record SingleTopicLog(Path dir, TopicPartition input, TopicPartition output) {

    /** @return a record for the input with value {@code x} */
    public ProducerRecord record(String key, long timestamp) {
        return new ProducerRecord(input.topic(), 0, key.getBytes(StandardCharsets.UTF_8),
                "x".getBytes(StandardCharsets.UTF_8), timestamp, null);
    }

    /** Appends records to the input, creating both topics first when {@code create}. */
    public void append(boolean create, ProducerRecord... records) {
        try (LogStore log = LogStore.open(dir.resolve("log"))) {
            if (create) {
                log.createTopicIfAbsent(input.topic(), 1, TopicConfig.defaults());
                log.createTopicIfAbsent(output.topic(), 1, TopicConfig.defaults());
            }
            log.append(input, List.of(records));
        }
    }

    /** @return up to {@code max} output records from the start, at the given isolation level */
    public List<LogRecord> outputRecords(int max, IsolationLevel isolation) {
        try (LogStore log = LogStore.openReadOnly(dir.resolve("log"))) {
            return log.read(output, 0, max, isolation);
        }
    }
}

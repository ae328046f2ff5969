package io.eddy.examples;

import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.TopicPartition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole topic back out of the embedded log, the way a downstream consumer or a dashboard would see the
 * examples' output topics. Opens the log read-only, so it may run beside the app that writes it.
 */
final class TopicReader {
    private static final int CHUNK = 10_000;

    private TopicReader() {
    }

    /**
     * @param logDir the log directory ({@code <data-dir>/log})
     * @param topic the topic
     * @return every record of every partition, partition by partition in offset order; empty if the topic does not
     *     exist yet
     */
    static List<LogRecord> readAll(Path logDir, String topic) {
        List<LogRecord> out = new ArrayList<>();
        try (LogStore log = LogStore.openReadOnly(logDir)) {
            if (!log.topicExists(topic)) {
                return out;
            }
            for (int p = 0; p < log.partitionCount(topic); p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                long end = log.endOffset(tp);
                long offset = log.describeTopic(topic).partitions().get(p).startOffset();
                while (offset < end) {
                    List<LogRecord> chunk = log.read(tp, offset, CHUNK);
                    if (chunk.isEmpty()) {
                        break;
                    }
                    out.addAll(chunk);
                    offset = chunk.get(chunk.size() - 1).offset() + 1;
                }
            }
        }
        return out;
    }
}

package io.eddy.log;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encoding of test keys and values, and whole-partition reads that follow compaction gaps. */
final class TestRecords {
    private TestRecords() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    static ProducerRecord record(String topic, String key, String value) {
        return ProducerRecord.of(topic, key == null ? null : bytes(key), value == null ? null : bytes(value));
    }

    static ProducerRecord record(String topic, String key, String value, long timestamp) {
        return ProducerRecord.of(topic, key == null ? null : bytes(key), value == null ? null : bytes(value),
                timestamp);
    }

    /** Reads every record from the log start to the log end, in offset order. */
    static List<LogRecord> readAll(LogStore log, TopicPartition tp) {
        List<LogRecord> all = new ArrayList<>();
        long offset = log.startOffset(tp);
        long end = log.endOffset(tp);
        while (offset < end) {
            List<LogRecord> got = log.read(tp, offset, 1000);
            if (got.isEmpty()) {
                break; // only compaction gaps remain before the end
            }
            all.addAll(got);
            offset = got.get(got.size() - 1).offset() + 1;
        }
        return all;
    }

    static List<String> values(List<LogRecord> records) {
        List<String> out = new ArrayList<>(records.size());
        for (LogRecord r : records) {
            out.add(string(r.value()));
        }
        return out;
    }
}

package io.eddy.log;

import java.util.ArrayList;
import java.util.List;

/** Reads a whole partition the way a consumer would, for comparison with what a test wrote. */
public final class PartitionContents {
    private PartitionContents() {
    }

    /**
     * @return every record from the partition's start to its end, in offset order, as {@link ExpectedRecord}s
     * @throws CorruptRecordException if a read reaches damaged data
     */
    public static List<ExpectedRecord> readAll(LogStore log, TopicPartition tp) {
        return readAll(log, tp, 1000);
    }

    /**
     * @param chunk the most records per read; small values exercise more read starts
     * @return every record from the partition's start to its end, in offset order
     */
    public static List<ExpectedRecord> readAll(LogStore log, TopicPartition tp, int chunk) {
        List<ExpectedRecord> all = new ArrayList<>();
        long offset = log.startOffset(tp);
        long end = log.endOffset(tp);
        while (offset < end) {
            List<LogRecord> got = log.read(tp, offset, chunk);
            if (got.isEmpty()) {
                break;
            }
            for (LogRecord r : got) {
                all.add(ExpectedRecord.of(r));
            }
            offset = got.get(got.size() - 1).offset() + 1;
        }
        return all;
    }
}

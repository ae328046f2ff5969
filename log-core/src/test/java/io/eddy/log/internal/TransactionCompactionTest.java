package io.eddy.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.CleanupPolicy;
import io.eddy.log.IsolationLevel;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.ProducerConfig;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.log.TransactionalProducer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction of a topic written in transactions: records of open transactions are kept as they are and supersede
 * nothing; aborted records are removed; committed ones are compacted like any other (stored non-transactional);
 * markers are kept for the topic's delete retention.
 */
class TransactionCompactionTest {
    private static final TopicPartition TP = new TopicPartition("c", 0);
    private static final Duration DELETE_RETENTION = Duration.ofHours(1);
    private static final TopicConfig COMPACTED = TopicConfig.builder().cleanupPolicy(CleanupPolicy.COMPACT)
            .segmentBytes(1024).indexIntervalBytes(128).deleteRetention(DELETE_RETENTION).build();

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2024-06-01T00:00:00Z"));

    private DefaultLogStore open() {
        DefaultLogStore log = (DefaultLogStore) LogStore.open(dir, LogStoreOptions.defaults().withClock(clock)
                .withBackgroundMaintenance(false));
        log.createTopicIfAbsent("c", 1, COMPACTED);
        return log;
    }

    private static ProducerRecord kv(String key, String value) {
        return new ProducerRecord("c", 0, key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8), -1, null);
    }

    /** Enough distinct keys to roll the active segment past everything written so far. */
    private static void fill(LogStore log, String tag) {
        for (int i = 0; i < 30; i++) {
            log.append(TP, List.of(kv("fill-" + tag + "-" + i, "x".repeat(40))));
        }
    }

    private static Map<String, String> latest(LogStore log, IsolationLevel isolation) {
        Map<String, String> out = new LinkedHashMap<>();
        long offset = log.startOffset(TP);
        while (true) {
            List<LogRecord> got = log.read(TP, offset, 1000, isolation);
            if (got.isEmpty()) {
                break;
            }
            for (LogRecord r : got) {
                String k = new String(r.key(), StandardCharsets.UTF_8);
                if (!k.startsWith("fill-")) {
                    out.put(k, new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            offset = got.get(got.size() - 1).offset() + 1;
        }
        return out;
    }

    private static List<String> all(LogStore log, IsolationLevel isolation) {
        List<String> out = new ArrayList<>();
        long offset = log.startOffset(TP);
        while (true) {
            List<LogRecord> got = log.read(TP, offset, 1000, isolation);
            if (got.isEmpty()) {
                return out;
            }
            for (LogRecord r : got) {
                String k = new String(r.key(), StandardCharsets.UTF_8);
                if (!k.startsWith("fill-")) {
                    out.add(k + "=" + new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            offset = got.get(got.size() - 1).offset() + 1;
        }
    }

    @Test
    void compactionKeepsOpenTransactionsDropsAbortedRecordsAndCompactsCommittedOnes() throws IOException {
        try (DefaultLogStore log = open();
             TransactionalProducer aborted = log.transactionalProducer("a", ProducerConfig.defaults());
             TransactionalProducer committed = log.transactionalProducer("b", ProducerConfig.defaults());
             TransactionalProducer open = log.transactionalProducer("o", ProducerConfig.defaults())) {
            log.append(TP, List.of(kv("k1", "v1"), kv("k2", "v2")));
            aborted.beginTransaction();
            aborted.send(kv("k1", "aborted"));
            aborted.send(kv("k3", "aborted"));
            aborted.flush();
            aborted.abortTransaction();
            committed.beginTransaction();
            committed.send(kv("k2", "committed"));
            committed.commitTransaction();
            open.beginTransaction();
            open.send(kv("k1", "open"));
            open.flush();
            fill(log, "1");

            long removed = log.compactNow();

            assertThat(removed).as("k2=v2, two aborted records, fillers none").isGreaterThanOrEqualTo(3);
            assertThat(latest(log, IsolationLevel.READ_COMMITTED)).as("k1=open is undecided: it hides nothing")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("k1", "v1", "k2", "committed"));
            assertThat(all(log, IsolationLevel.READ_UNCOMMITTED))
                    .containsExactly("k1=v1", "k2=committed", "k1=open");

            open.commitTransaction();
            fill(log, "2");
            log.compactNow();
            assertThat(all(log, IsolationLevel.READ_COMMITTED)).containsExactly("k2=committed", "k1=open");
            assertThat(log.lastStableOffset(TP)).isEqualTo(log.endOffset(TP));
            assertThat(controlBatchesInSealedSegments(log)).as("markers within delete retention are kept")
                    .isPositive();

            clock.advance(DELETE_RETENTION.plusMinutes(1).toMillis());
            fill(log, "3");
            log.compactNow();
            assertThat(controlBatchesInSealedSegments(log)).as("markers past delete retention are dropped")
                    .isZero();
            assertThat(all(log, IsolationLevel.READ_COMMITTED)).containsExactly("k2=committed", "k1=open");
        }
        try (DefaultLogStore log = open()) {
            assertThat(log.recoveryReports()).as("no transaction looks open after compaction").isEmpty();
            assertThat(all(log, IsolationLevel.READ_COMMITTED)).containsExactly("k2=committed", "k1=open");
            assertThat(log.lastStableOffset(TP)).isEqualTo(log.endOffset(TP));
        }
    }

    private static int controlBatchesInSealedSegments(DefaultLogStore log) throws IOException {
        int control = 0;
        for (LogSegment s : log.partition(TP).sealedSegments()) {
            for (SegmentFiles.BatchSpan b : SegmentFiles.batches(s.file())) {
                try (FileChannel ch = FileChannel.open(s.file())) {
                    ByteBuffer attrs = ByteBuffer.allocate(2);
                    ch.read(attrs, b.position() + RecordBatchLayout.ATTRIBUTES);
                    if ((attrs.getShort(0) & RecordBatchLayout.ATTR_CONTROL) != 0) {
                        control++;
                    }
                }
            }
        }
        return control;
    }
}

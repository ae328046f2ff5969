package io.eddy.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStoreRoundTripTest {
    @TempDir
    Path dir;

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void appendedRecordsReadBackInOrderWithKeysValuesTimestampsAndHeaders() {
        try (LogStore log = LogStore.open(dir)) {
            log.createTopic("t", 1, TopicConfig.defaults());
            TopicPartition tp = new TopicPartition("t", 0);
            long base = log.append(tp, List.of(
                    new ProducerRecord("t", null, b("k1"), b("v1"), 10, Headers.of(new Header("h", b("x")))),
                    new ProducerRecord("t", null, null, b("v2"), 11, null),
                    new ProducerRecord("t", null, b("k3"), null, 12, null)));
            assertThat(base).isZero();
            List<LogRecord> records = log.read(tp, 0, 100);
            assertThat(records).hasSize(3);
            assertThat(records).extracting(LogRecord::offset).containsExactly(0L, 1L, 2L);
            assertThat(s(records.get(0).key())).isEqualTo("k1");
            assertThat(s(records.get(0).value())).isEqualTo("v1");
            assertThat(records.get(0).headers().lastHeader("h").value()).isEqualTo(b("x"));
            assertThat(records.get(1).key()).isNull();
            assertThat(records.get(2).value()).isNull();
            assertThat(records).extracting(LogRecord::timestamp).containsExactly(10L, 11L, 12L);
            assertThat(log.read(tp, 1, 100)).extracting(LogRecord::offset).containsExactly(1L, 2L);
            assertThat(log.read(tp, 3, 100)).isEmpty();
            assertThatThrownBy(() -> log.read(tp, 4, 100)).isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("t-0");
        }
    }

    @Test
    void recordsSurviveCloseAndReopenAcrossManySegments() {
        TopicConfig cfg = TopicConfig.builder().segmentBytes(4096).indexIntervalBytes(256).build();
        int n = 5000;
        try (LogStore log = LogStore.open(dir)) {
            log.createTopic("t", 2, cfg);
            try (LogProducer p = log.producer(new ProducerConfig(1024, Duration.ofMillis(1)))) {
                for (int i = 0; i < n; i++) {
                    p.send(new ProducerRecord("t", i % 2, b("k" + i), b("value-" + i), i, null));
                }
            }
            assertThat(log.describeTopic("t").partitions().get(0).segmentCount()).isGreaterThan(5);
        }
        try (LogStore log = LogStore.open(dir)) {
            assertThat(log.describeTopic("t").config()).isEqualTo(cfg);
            for (int part = 0; part < 2; part++) {
                TopicPartition tp = new TopicPartition("t", part);
                List<LogRecord> all = readAll(log, tp);
                assertThat(all).hasSize(n / 2);
                for (int i = 0; i < all.size(); i++) {
                    assertThat(all.get(i).offset()).isEqualTo(i);
                    assertThat(s(all.get(i).value())).isEqualTo("value-" + (i * 2 + part));
                }
                assertThat(log.offsetForTimestamp(tp, 2001).getAsLong()).isEqualTo(part == 0 ? 1001 : 1000);
            }
        }
    }

    static List<LogRecord> readAll(LogStore log, TopicPartition tp) {
        List<LogRecord> all = new ArrayList<>();
        long off = log.startOffset(tp);
        while (off < log.endOffset(tp)) {
            List<LogRecord> r = log.read(tp, off, 1000);
            if (r.isEmpty()) {
                break;
            }
            all.addAll(r);
            off = r.get(r.size() - 1).offset() + 1;
        }
        return all;
    }

    @Test
    void consumerGroupOffsetsSurviveRestart() {
        try (LogStore log = LogStore.open(dir)) {
            log.createTopic("t", 1, TopicConfig.defaults());
            TopicPartition tp = new TopicPartition("t", 0);
            log.append(tp, List.of(ProducerRecord.of("t", null, b("a")), ProducerRecord.of("t", null, b("b"))));
            try (LogConsumer c = log.consumer(ConsumerConfig.of("g"))) {
                c.subscribe(List.of("t"));
                List<LogRecord> got = c.poll(Duration.ofSeconds(1));
                assertThat(got).hasSize(2);
                c.commitSync(Map.of(tp, OffsetAndMetadata.of(1)));
            }
        }
        try (LogStore log = LogStore.open(dir)) {
            assertThat(log.committedOffset("g", new TopicPartition("t", 0))).contains(OffsetAndMetadata.of(1));
            try (LogConsumer c = log.consumer(ConsumerConfig.of("g"))) {
                c.subscribe(List.of("t"));
                assertThat(c.poll(Duration.ofSeconds(1))).extracting(r -> s(r.value())).containsExactly("b");
            }
        }
    }
}

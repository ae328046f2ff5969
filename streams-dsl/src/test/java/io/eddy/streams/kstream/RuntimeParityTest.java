package io.eddy.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.DefaultPartitioner;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serdes;
import io.eddy.state.WindowStore;
import io.eddy.streams.EddyStreams;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.Topology;
import io.eddy.streams.test.TestInputTopic;
import io.eddy.streams.test.TopologyTestDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a windowed count and a stream-table join through the real runtime (2 partitions, 2 threads) and checks that
 * the final results equal the test driver's.
 */
class RuntimeParityTest {
    private static final Serde<String> S = Serdes.String();
    private static final Serde<Long> L = Serdes.Long();
    private static final int PARTITIONS = 2;
    private static final int USERS = 20;
    private static final int CLICKS = 400;

    @TempDir
    Path dir;

    private static Topology topology() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> clicks = b.stream("clicks", Consumed.with(S, S));
        KTable<String, String> users = b.table("users", Consumed.with(S, S), Materialized.as("users-store"));
        clicks.groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(100), Duration.ofHours(1)))
                .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("click-counts"))
                .toStream((w, v) -> w.key() + "@" + w.window().start())
                .to("counts", Produced.with(S, L));
        clicks.join(users, (page, region) -> region + ":" + page).to("enriched", Produced.with(S, S));
        return b.build();
    }

    private static List<ProducerRecord> users() {
        List<ProducerRecord> out = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            out.add(record("users", "u" + u, "region" + (u % 3), 0));
        }
        return out;
    }

    private static List<ProducerRecord> clicks(long seed) {
        Random rnd = new Random(seed);
        List<ProducerRecord> out = new ArrayList<>();
        for (int i = 0; i < CLICKS; i++) {
            out.add(record("clicks", "u" + rnd.nextInt(USERS + 5), "page" + rnd.nextInt(10), 1000 + rnd.nextInt(1000)));
        }
        return out;
    }

    private static ProducerRecord record(String topic, String key, String value, long ts) {
        byte[] k = S.serializer().serialize(topic, key);
        return new ProducerRecord(topic, DefaultPartitioner.partition(k, PARTITIONS), k,
                S.serializer().serialize(topic, value), ts, null);
    }

    /** Final value per key (last record per key, in partition order) and every record, from the driver or the log. */
    private record Results(Map<String, Long> counts, List<String> enriched) {
    }

    private static Results driverResults(List<ProducerRecord> users, List<ProducerRecord> clicks) {
        try (TopologyTestDriver d = Drivers.cached(topology())) {
            pipe(d.createInputTopic("users", S.serializer(), S.serializer()), users);
            pipe(d.createInputTopic("clicks", S.serializer(), S.serializer()), clicks);
            Map<String, Long> counts = new TreeMap<>(d.createOutputTopic("counts", S.deserializer(), L.deserializer())
                    .readKeyValuesToMap());
            List<String> enriched = new ArrayList<>();
            d.createOutputTopic("enriched", S.deserializer(), S.deserializer()).readKeyValuesToList()
                    .forEach(kv -> enriched.add(kv.key + "=" + kv.value));
            enriched.sort(null);
            return new Results(counts, enriched);
        }
    }

    private static void pipe(TestInputTopic<String, String> in, List<ProducerRecord> records) {
        for (ProducerRecord r : records) {
            in.pipeInput(S.deserializer().deserialize(r.topic(), r.key()),
                    S.deserializer().deserialize(r.topic(), r.value()), r.timestamp());
        }
    }

    private Properties props(String appId) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.DATA_DIR_CONFIG, dir.toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return p;
    }

    private void append(List<ProducerRecord> records, String... createTopics) {
        try (LogStore log = LogStore.open(dir.resolve("log"))) {
            for (String t : createTopics) {
                log.createTopicIfAbsent(t, PARTITIONS, TopicConfig.defaults());
            }
            for (ProducerRecord r : records) {
                log.append(new TopicPartition(r.topic(), r.partition()), List.of(r));
            }
        }
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (LogStore log = LogStore.openReadOnly(dir.resolve("log"))) {
            for (int p = 0; p < PARTITIONS; p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                out.put(tp, log.endOffset(tp));
            }
        }
        return out;
    }

    /** Runs the app until it has committed every input partition to its end. */
    private void runToEnd(Topology topology, String... inputs) throws Exception {
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (String t : inputs) {
            ends.putAll(endOffsets(t));
        }
        try (EddyStreams app = new EddyStreams(topology, props("parity"))) {
            app.start();
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                app.awaitCommittedOffset(e.getKey(), e.getValue(), Duration.ofSeconds(60));
            }
        }
    }

    private Results logResults() {
        Map<String, Long> counts = new TreeMap<>();
        List<String> enriched = new ArrayList<>();
        try (LogStore log = LogStore.openReadOnly(dir.resolve("log"))) {
            for (int p = 0; p < PARTITIONS; p++) {
                for (LogRecord r : readAll(log, new TopicPartition("counts", p))) {
                    counts.put(S.deserializer().deserialize("counts", r.key()),
                            L.deserializer().deserialize("counts", r.value()));
                }
                for (LogRecord r : readAll(log, new TopicPartition("enriched", p))) {
                    enriched.add(S.deserializer().deserialize("enriched", r.key()) + "="
                            + S.deserializer().deserialize("enriched", r.value()));
                }
            }
        }
        enriched.sort(null);
        return new Results(counts, enriched);
    }

    private static List<LogRecord> readAll(LogStore log, TopicPartition tp) {
        List<LogRecord> out = new ArrayList<>();
        long offset = log.startOffset(tp);
        long end = log.endOffset(tp);
        while (offset < end) {
            List<LogRecord> batch = log.read(tp, offset, 500);
            if (batch.isEmpty()) {
                break;
            }
            out.addAll(batch);
            offset = batch.get(batch.size() - 1).offset() + 1;
        }
        return out;
    }

    @Test
    void windowedCountAndStreamTableJoinOnTwoPartitionsAndTwoThreadsMatchTheTestDriver() throws Exception {
        List<ProducerRecord> users = users();
        List<ProducerRecord> clicks = clicks(42);
        // the table first, committed, so that every click sees the whole table as in the driver
        append(users, "users", "clicks", "counts", "enriched");
        runToEnd(topology(), "users");
        append(clicks);
        runToEnd(topology(), "users", "clicks");

        Results expected = driverResults(users, clicks);
        Results actual = logResults();
        assertThat(expected.counts()).isNotEmpty();
        assertThat(expected.enriched()).hasSizeLessThan(CLICKS).isNotEmpty(); // unknown users do not join
        assertThat(actual.counts()).isEqualTo(expected.counts());
        assertThat(actual.enriched()).isEqualTo(expected.enriched());
    }

    @Test
    void streamGlobalTableJoinUnderExactlyOnceSeesTheWholeTable() throws Exception {
        List<ProducerRecord> users = users();
        List<ProducerRecord> clicks = clicks(7);
        append(users, "users", "clicks", "enriched", "counts");
        append(clicks);
        StreamsBuilder b = new StreamsBuilder();
        GlobalKTable<String, String> table = b.globalTable("users", Consumed.with(S, S),
                Materialized.as("users-global"));
        b.stream("clicks", Consumed.with(S, S))
                .join(table, (user, page) -> user, (page, region) -> region + ":" + page)
                .to("enriched", Produced.with(S, S));
        Properties p = props("eos-global");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE);
        Map<TopicPartition, Long> ends = endOffsets("clicks");
        try (EddyStreams app = new EddyStreams(b.build(), p)) {
            app.start();
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                app.awaitCommittedOffset(e.getKey(), e.getValue(), Duration.ofSeconds(60));
            }
        }
        long known = clicks.stream().map(r -> S.deserializer().deserialize("clicks", r.key()))
                .filter(user -> Integer.parseInt(user.substring(1)) < USERS).count();
        assertThat(known).isPositive();
        assertThat(logResults().enriched()).hasSize((int) known);
    }

    @Test
    void foreignKeyJoinOverTwoPartitionsFailsAtStartNamingTheJoinAndItsTopics() throws Exception {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> orders = b.table("orders", Consumed.with(S, S));
        KTable<String, String> products = b.table("products", Consumed.with(S, S));
        orders.join(products, o -> o, (o, p) -> o + p, TableJoined.as("fk")).toStream().to("fk-out",
                Produced.with(S, S));
        append(List.of(record("orders", "o1", "p1", 1), record("orders", "o2", "p2", 1)), "orders", "products",
                "fk-out");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (EddyStreams app = new EddyStreams(b.build(), props("fk"))) {
            app.setUncaughtExceptionHandler(e -> {
                failure.compareAndSet(null, e);
                return io.eddy.streams.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            try {
                app.start();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
            // the supervisor shuts the client down after the handler ran: wait until it is done
            await(() -> app.state() == EddyStreams.State.ERROR);
        }
        assertThat(failure.get()).isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure.get(); t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertThat(messages.toString()).contains("foreign-key join 'fk'").contains("single-partition")
                .contains("orders").contains("products");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(20);
        }
    }
}

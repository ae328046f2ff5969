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
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs a windowed count and a stream-table join through the real runtime (2 partitions, 2 threads), and foreign-key
 * joins of a 3-partition table with a 2-partition table (3 threads, both guarantees, repartitioned in memory or
 * through the log), and checks that the final results equal the test driver's.
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
        return record(topic, key, value, ts, PARTITIONS);
    }

    private static ProducerRecord record(String topic, String key, String value, long ts, int partitions) {
        byte[] k = S.serializer().serialize(topic, key);
        return new ProducerRecord(topic, DefaultPartitioner.partition(k, partitions), k,
                value == null ? null : S.serializer().serialize(topic, value), ts, null);
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
                    r.value() == null ? null : S.deserializer().deserialize(r.topic(), r.value()), r.timestamp());
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
        return endOffsets(topic, PARTITIONS);
    }

    private Map<TopicPartition, Long> endOffsets(String topic, int partitions) {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (LogStore log = LogStore.openReadOnly(dir.resolve("log"))) {
            for (int p = 0; p < partitions; p++) {
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

    // ---- foreign-key join: 3-partition left table, 2-partition right table ----------------------------------

    private static final int ORDER_PARTITIONS = 3;
    private static final int PRODUCT_PARTITIONS = 2;
    private static final List<String> FK_OUTPUTS = List.of("fk-inner", "fk-left");

    private static Topology foreignKeyJoins() {
        StreamsBuilder b = new StreamsBuilder();
        KTable<String, String> orders = b.table("orders", Consumed.with(S, S));
        KTable<String, String> products = b.table("products", Consumed.with(S, S));
        Function<String, String> fk = o -> o.startsWith("none") ? null : o.split(":")[0];
        ValueJoiner<String, String, String> joiner = (o, p) -> o + "/" + p;
        orders.join(products, fk, joiner, TableJoined.as("inner")).toStream().to("fk-inner", Produced.with(S, S));
        orders.leftJoin(products, fk, joiner, TableJoined.as("left")).toStream().to("fk-left", Produced.with(S, S));
        return b.build();
    }

    /** Orders moving between products (some unknown, some null foreign keys), deleted, and products changing. */
    private static List<ProducerRecord> foreignKeyJoinInput(long seed) {
        Random rnd = new Random(seed);
        List<ProducerRecord> out = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            out.add(record("products", "p" + p, "name" + p, out.size(), PRODUCT_PARTITIONS));
        }
        for (int i = 0; i < 600; i++) {
            int kind = rnd.nextInt(10);
            if (kind < 6) {
                String value = rnd.nextInt(10) == 0 ? "none:" + i : "p" + rnd.nextInt(12) + ":" + i;
                out.add(record("orders", "o" + rnd.nextInt(60), value, out.size(), ORDER_PARTITIONS));
            } else if (kind < 7) {
                out.add(record("orders", "o" + rnd.nextInt(60), null, out.size(), ORDER_PARTITIONS));
            } else if (kind < 9) {
                out.add(record("products", "p" + rnd.nextInt(12), "name" + i, out.size(), PRODUCT_PARTITIONS));
            } else {
                out.add(record("products", "p" + rnd.nextInt(12), null, out.size(), PRODUCT_PARTITIONS));
            }
        }
        return out;
    }

    private static Map<String, Map<String, String>> driverForeignKeyResults(List<ProducerRecord> input) {
        try (TopologyTestDriver d = Drivers.cached(foreignKeyJoins())) {
            TestInputTopic<String, String> orders = d.createInputTopic("orders", S.serializer(), S.serializer());
            TestInputTopic<String, String> products = d.createInputTopic("products", S.serializer(),
                    S.serializer());
            for (ProducerRecord r : input) {
                pipe(r.topic().equals("orders") ? orders : products, List.of(r));
            }
            Map<String, Map<String, String>> out = new TreeMap<>();
            for (String topic : FK_OUTPUTS) {
                out.put(topic, new TreeMap<>(d.createOutputTopic(topic, S.deserializer(), S.deserializer())
                        .readKeyValuesToMap()));
            }
            return out;
        }
    }

    /** @return the final value per key of every output (a null value removes the key), read from the log */
    private Map<String, Map<String, String>> logForeignKeyResults() {
        Map<String, Map<String, String>> out = new TreeMap<>();
        try (LogStore log = LogStore.openReadOnly(dir.resolve("log"))) {
            for (String topic : FK_OUTPUTS) {
                Map<String, String> finals = new TreeMap<>();
                for (int p = 0; p < log.partitionCount(topic); p++) {
                    for (LogRecord r : readAll(log, new TopicPartition(topic, p))) {
                        String key = S.deserializer().deserialize(topic, r.key());
                        if (r.value() == null) {
                            finals.remove(key);
                        } else {
                            finals.put(key, S.deserializer().deserialize(topic, r.value()));
                        }
                    }
                }
                out.put(topic, finals);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}, repartition through the log: {1}")
    @CsvSource({"at_least_once,false", "exactly_once,false", "at_least_once,true", "exactly_once,true"})
    void foreignKeyJoinsOverThreeAndTwoPartitionsMatchTheTestDriver(String guarantee, boolean throughLog)
            throws Exception {
        List<ProducerRecord> input = foreignKeyJoinInput(11);
        try (LogStore log = LogStore.open(dir.resolve("log"))) {
            log.createTopicIfAbsent("orders", ORDER_PARTITIONS, TopicConfig.defaults());
            log.createTopicIfAbsent("products", PRODUCT_PARTITIONS, TopicConfig.defaults());
            for (String t : FK_OUTPUTS) {
                log.createTopicIfAbsent(t, ORDER_PARTITIONS, TopicConfig.defaults());
            }
            for (ProducerRecord r : input) {
                log.append(new TopicPartition(r.topic(), r.partition()), List.of(r));
            }
        }
        Map<String, Map<String, String>> expected = driverForeignKeyResults(input);
        assertThat(expected.get("fk-inner")).hasSizeBetween(5, 59);
        assertThat(expected.get("fk-left").size()).isGreaterThan(expected.get("fk-inner").size());

        Map<TopicPartition, Long> ends = new HashMap<>();
        ends.putAll(endOffsets("orders", ORDER_PARTITIONS));
        ends.putAll(endOffsets("products", PRODUCT_PARTITIONS));
        Properties p = props("fk");
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 3);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        p.put(StreamsConfig.REPARTITION_THROUGH_LOG_CONFIG, throughLog);
        try (EddyStreams app = new EddyStreams(foreignKeyJoins(), p)) {
            app.start();
            for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
                app.awaitCommittedOffset(e.getKey(), e.getValue(), Duration.ofSeconds(60));
            }
            // through the log, responses may still be on their way after the inputs are committed
            await(() -> logForeignKeyResults().equals(expected));
        }
        assertThat(logForeignKeyResults()).isEqualTo(expected);
        try (LogStore log = LogStore.openReadOnly(dir.resolve("log"))) {
            String subscriptions = "fk-inner-subscription-registration-repartition";
            assertThat(log.topicExists("fk-inner-subscription-registration-repartition")).isEqualTo(throughLog);
            if (throughLog) {
                assertThat(log.partitionCount(subscriptions)).isEqualTo(PRODUCT_PARTITIONS);
                assertThat(log.partitionCount("fk-inner-subscription-response-repartition"))
                        .isEqualTo(ORDER_PARTITIONS);
            }
        }
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

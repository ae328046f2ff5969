package io.eddy.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.ReadOnlySessionStore;
import io.eddy.state.ReadOnlyWindowStore;
import io.eddy.state.SessionStore;
import io.eddy.state.SessionWindow;
import io.eddy.state.Stores;
import io.eddy.state.WindowStore;
import io.eddy.state.Windowed;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowStoreQueryTest {
    @TempDir
    Path dir;

    @Test
    void windowAndSessionStoresAreQueryableAcrossTasks() throws Exception {
        try (LogStore log = LogStore.open(dir.resolve("log"))) {
            log.createTopic("clicks", 2, TopicConfig.defaults());
            for (int p = 0; p < 2; p++) {
                List<ProducerRecord> batch = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    batch.add(new ProducerRecord("clicks", p, ("user" + p).getBytes(StandardCharsets.UTF_8),
                            "x".getBytes(StandardCharsets.UTF_8), 1_000L * i, null));
                }
                log.append(new TopicPartition("clicks", p), batch);
            }
        }
        Topology t = new Topology();
        t.addSource("src", Serdes.String().deserializer(), Serdes.String().deserializer(), "clicks");
        ProcessorSupplier<String, String, Void, Void> p = () -> new ContextualProcessor<>() {
            private WindowStore<String, Long> windows;
            private SessionStore<String, Long> sessions;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                super.init(context);
                windows = context.getStateStore("per-second");
                sessions = context.getStateStore("sessions");
            }

            @Override
            public void process(Record<String, String> r) {
                long start = r.timestamp() / 1000 * 1000;
                Long c = windows.fetch(r.key(), start);
                windows.put(r.key(), c == null ? 1 : c + 1, start);
                sessions.put(new Windowed<>(r.key(), new SessionWindow(0, 2_000)), 3L);
            }
        };
        t.addProcessor("p", p, "src");
        t.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore("per-second", Duration.ofHours(1),
                Duration.ofSeconds(1), false), Serdes.String(), Serdes.Long()), "p");
        t.addStateStore(Stores.sessionStoreBuilder(Stores.inMemorySessionStore("sessions", Duration.ofHours(1)),
                Serdes.String(), Serdes.Long()), "p");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "windows");
        props.put(StreamsConfig.DATA_DIR_CONFIG, dir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        try (EddyStreams app = new EddyStreams(t, props)) {
            app.start();
            for (int part = 0; part < 2; part++) {
                app.awaitCommittedOffset(new TopicPartition("clicks", part), 3, Duration.ofSeconds(30));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> app.state() == EddyStreams.State.RUNNING);
            ReadOnlyWindowStore<String, Long> windows = app.store(StoreQueryParameters.fromNameAndType("per-second",
                    QueryableStoreTypes.windowStore()));
            assertThat(windows.fetch("user1", 2_000)).isEqualTo(1L);
            List<KeyValue<Long, Long>> user0 = new ArrayList<>();
            try (var it = windows.fetch("user0", Instant.ofEpochMilli(0), Instant.ofEpochMilli(5_000))) {
                it.forEachRemaining(user0::add);
            }
            assertThat(user0).containsExactly(KeyValue.pair(0L, 1L), KeyValue.pair(1_000L, 1L),
                    KeyValue.pair(2_000L, 1L));
            int all = 0;
            try (KeyValueIterator<Windowed<String>, Long> it = windows.all()) {
                while (it.hasNext()) {
                    it.next();
                    all++;
                }
            }
            assertThat(all).isEqualTo(6);
            ReadOnlySessionStore<String, Long> sessions = app.store(StoreQueryParameters.fromNameAndType("sessions",
                    QueryableStoreTypes.sessionStore()));
            assertThat(sessions.fetchSession("user1", 0, 2_000)).isEqualTo(3L);
        }
    }
}

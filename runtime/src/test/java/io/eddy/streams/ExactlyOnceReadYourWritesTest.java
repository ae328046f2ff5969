package io.eddy.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Serdes;
import io.eddy.state.StateRestoreCallback;
import io.eddy.state.StateStore;
import io.eddy.state.StateStoreContext;
import io.eddy.state.StoreBuilder;
import io.eddy.state.TransactionalStore;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under exactly-once the cut's log transaction (outputs, changelogs, input offsets) commits before the stores commit
 * their pending writes. The offsets a caller waits on for read-your-writes must not count until the stores did.
 */
class ExactlyOnceReadYourWritesTest {
    @TempDir
    Path dir;

    /** Blocks store commits while armed, so a test can look at the app between the log commit and the stores'. */
    static final class GatedStore implements StateStore, StateRestoreCallback, TransactionalStore {
        static volatile CountDownLatch gate = new CountDownLatch(0);
        static final CountDownLatch blocked = new CountDownLatch(1);
        private boolean open;
        private int writes;

        @Override
        public String name() {
            return "gated";
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            context.register(root, this);
            open = true;
        }

        void write() {
            writes++;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public boolean persistent() {
            return false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void restore(byte[] key, byte[] value) {
        }

        @Override
        public boolean transactional() {
            return true;
        }

        @Override
        public void commit(long changelogOffset) {
            if (writes > 0) {
                blocked.countDown();
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public long committedOffset() {
            return NO_OFFSET;
        }
    }

    private static StoreBuilder<GatedStore> gatedStoreBuilder() {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<GatedStore> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<GatedStore> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<GatedStore> withLoggingEnabled(Map<String, String> config) {
                return this;
            }

            @Override
            public StoreBuilder<GatedStore> withLoggingDisabled() {
                return this;
            }

            @Override
            public GatedStore build() {
                return new GatedStore();
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public Map<String, String> changelogTopicConfig() {
                return Map.of();
            }

            @Override
            public String name() {
                return "gated";
            }
        };
    }

    @Test
    void committedOffsetsWaitForTheStoresNotJustTheLogTransaction() throws Exception {
        TopicPartition in = new TopicPartition("in", 0);
        Topology topology = new Topology();
        topology.addSource("src", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
        ProcessorSupplier<String, String, Void, Void> writer = () -> new ContextualProcessor<>() {
            @Override
            public void process(Record<String, String> record) {
                GatedStore store = context().getStateStore("gated");
                store.write();
            }
        };
        topology.addProcessor("write", writer, "src");
        topology.addStateStore(gatedStoreBuilder(), "write");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ryw");
        props.put(StreamsConfig.DATA_DIR_CONFIG, dir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20);
        GatedStore.gate = new CountDownLatch(1);
        try (LogStore log = LogStore.open(dir.resolve("log"))) {
            log.createTopic("in", 1, TopicConfig.defaults());
            log.append(in, List.of(new ProducerRecord("in", 0, null, "v".getBytes(), 1L, null)));
            try (EddyStreams app = new EddyStreams(topology, new StreamsConfig(props), log)) {
                app.start();
                try {
                    assertThat(GatedStore.blocked.await(30, TimeUnit.SECONDS)).isTrue();
                    // the log transaction with the input offset is committed; the store's commit is held
                    await().atMost(Duration.ofSeconds(30)).until(() -> log.committedOffsets("ryw").containsKey(in));
                    assertThat(log.committedOffsets("ryw").get(in).offset()).isEqualTo(1);
                    assertThat(app.committedOffsets()).doesNotContainKey(in);
                    GatedStore.gate.countDown();
                    app.awaitCommittedOffset(in, 1, Duration.ofSeconds(30));
                    assertThat(app.committedOffsets()).containsEntry(in, 1L);
                } finally {
                    GatedStore.gate.countDown(); // before close, which waits for the stream thread
                }
            }
        }
    }
}

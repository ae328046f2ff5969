package io.eddy.state;

import io.eddy.serialization.Bytes;
import io.eddy.state.internal.RocksDBStore;
import io.eddy.state.internal.SegmentedWindowBytesStoreSupplier;
import java.io.File;
import java.nio.charset.StandardCharsets;

/**
 * The child JVM of {@link ExactlyOnceCrashTest}: opens an exactly-once store and commits rounds forever, each round
 * writing every key (kv, kv-deferred: 200 keys through a small record cache that evicts into the uncommitted batch,
 * with committed writes reaching RocksDB at each commit or, deferred, every few commits; window: 20
 * windows over four segments) with the value {@code r<round>}, printing {@code COMMITTED <round> <offset>} after each
 * commit, until the parent kills it with SIGKILL.
 */
public final class ExactlyOnceCrashMain {

    static final int KEYS = 200;
    static final int WINDOWS = 20;

    private ExactlyOnceCrashMain() {
    }

    public static void main(String[] args) {
        File dir = new File(args[0]);
        boolean window = "window".equals(args[1]);
        FakeChangelog changelog = new FakeChangelog();
        RocksDBMemoryBudget budget = RocksDBMemoryBudget.create(8L * 1024 * 1024, 0.25);
        TestContext context = new TestContext(dir, changelog, 4096, budget)
                .config(TaskStateManager.EXACTLY_ONCE_CONFIG, "true");
        StateStore store = window ? windowStore() : keyValueStore("kv-deferred".equals(args[1]));
        store.init(context, store);
        context.stateManager().restore(changelog, StateRestoreListener.NO_OP);
        for (int round = 0; ; round++) {
            String value = "r" + round;
            if (window) {
                @SuppressWarnings("unchecked")
                WindowStore<Bytes, String> windows = (WindowStore<Bytes, String>) store;
                for (int j = 0; j < WINDOWS; j++) {
                    windows.put(Bytes.wrap(("k" + j).getBytes(StandardCharsets.UTF_8)), value, j * 100L);
                }
            } else {
                @SuppressWarnings("unchecked")
                KeyValueStore<String, String> kv = (KeyValueStore<String, String>) store;
                for (int j = 0; j < KEYS; j++) {
                    kv.put("k" + j, value);
                }
            }
            context.stateManager().flush();
            context.stateManager().commit(changelog.lastWrittenOffsets());
            String topic = context.changelogTopic(store.name());
            long offset = changelog.recordCount(new ChangelogPartition(topic, context.changelogPartition())) - 1;
            System.out.println("COMMITTED " + round + " " + offset);
        }
    }

    /**
     * @param deferred whether committed writes reach RocksDB every few commits (the default RocksDB key-value store)
     *     rather than at each commit
     */
    static KeyValueStore<String, String> keyValueStore(boolean deferred) {
        KeyValueBytesStoreSupplier supplier = deferred ? Stores.persistentKeyValueStore("store")
                : new KeyValueBytesStoreSupplier() {
                    @Override
                    public String name() {
                        return "store";
                    }

                    @Override
                    public KeyValueStore<Bytes, byte[]> get() {
                        return new RocksDBStore("store", metricsScope(), false);
                    }

                    @Override
                    public String metricsScope() {
                        return "rocksdb";
                    }
                };
        return Stores.keyValueStoreBuilder(supplier, TestSerdes.string(), TestSerdes.string()).withCachingEnabled()
                .build();
    }

    static WindowStore<Bytes, String> windowStore() {
        return Stores.windowStoreBuilder(
                new SegmentedWindowBytesStoreSupplier("windows", 100_000, 500, 100, false, true, false),
                TestSerdes.bytes(), TestSerdes.string()).withCachingEnabled().build();
    }
}

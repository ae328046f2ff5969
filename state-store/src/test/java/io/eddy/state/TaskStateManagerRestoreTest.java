package io.eddy.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.Bytes;
import io.eddy.state.internal.CachingKeyValueStore;
import io.eddy.state.internal.CheckpointFile;
import io.eddy.state.internal.ValueAndTimestampSerde;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restore from changelogs and checkpoints, as the task's state manager runs it at task start. */
class TaskStateManagerRestoreTest {

    private static final String STORE = "counts";
    private static RocksDBMemoryBudget budget;

    @TempDir
    File dir;

    private final FakeChangelog changelog = new FakeChangelog();
    private final List<TestContext> opened = new ArrayList<>();
    private final CountingListener listener = new CountingListener();

    @BeforeAll
    static void createBudget() {
        budget = RocksDBMemoryBudget.create(16L * 1024 * 1024, 0.25);
    }

    @AfterAll
    static void closeBudget() {
        budget.close();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(c -> c.stateManager().close());
    }

    private File taskDir() {
        return new File(dir, "0_3");
    }

    private KeyValueStore<String, Long> openStore(KeyValueBytesStoreSupplier supplier) {
        TestContext context = new TestContext(taskDir(), changelog, 64 * 1024, budget);
        opened.add(context);
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(supplier, TestSerdes.string(),
                TestSerdes.longSerde()).withCachingEnabled().build();
        store.init(context, store);
        return store;
    }

    private TaskStateManager manager() {
        return opened.get(opened.size() - 1).stateManager();
    }

    private ChangelogPartition partition() {
        return new ChangelogPartition(TestContext.APP_ID + "-" + STORE + "-changelog", 3);
    }

    /** Writes {@code n} updates over a few keys (with deletes), flushing every 10 updates. */
    private static void writeUpdates(KeyValueStore<String, Long> store, int n, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            String key = "key" + random.nextInt(40);
            if (random.nextInt(10) == 0) {
                store.delete(key);
            } else {
                Long old = store.get(key);
                store.put(key, old == null ? 1 : old + 1);
            }
            if (i % 10 == 9) {
                store.flush();
            }
        }
        store.flush();
    }

    private void commit(KeyValueStore<String, Long> store) {
        manager().flush();
        manager().checkpoint(changelog.lastWrittenOffsets());
    }

    private static Map<String, Long> contents(KeyValueStore<String, Long> store) {
        Map<String, Long> out = new LinkedHashMap<>();
        try (KeyValueIterator<String, Long> it = store.all()) {
            it.forEachRemaining(kv -> out.put(kv.key, kv.value));
        }
        return out;
    }

    private void closeTask() {
        manager().close();
    }

    private static void deleteRecursively(File file) throws IOException {
        try (Stream<Path> paths = Files.walk(file.toPath())) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void restoresIdenticalContentsAfterTheWholeStateDirectoryIsDeleted() throws IOException {
        KeyValueStore<String, Long> store = openStore(Stores.persistentKeyValueStore(STORE));
        manager().restore(changelog, listener);
        writeUpdates(store, 1000, 1);
        commit(store);
        Map<String, Long> before = contents(store);
        closeTask();
        deleteRecursively(taskDir());

        KeyValueStore<String, Long> restored = openStore(Stores.persistentKeyValueStore(STORE));
        manager().restore(changelog, listener);

        assertThat(contents(restored)).isEqualTo(before).isNotEmpty();
        assertThat(listener.totalRestored).isEqualTo(changelog.recordCount(partition()));
        assertThat(listener.batches).isGreaterThan(0);
    }

    @Test
    void restoresOnlyTheTailAfterCheckpoint() {
        KeyValueStore<String, Long> store = openStore(Stores.persistentKeyValueStore(STORE));
        manager().restore(changelog, listener);
        writeUpdates(store, 300, 2);
        commit(store);
        int checkpointedRecords = changelog.recordCount(partition());
        writeUpdates(store, 100, 3);
        Map<String, Long> before = contents(store);
        int tail = changelog.recordCount(partition()) - checkpointedRecords;
        assertThat(tail).isPositive();
        closeTask();

        listener.reset();
        KeyValueStore<String, Long> restored = openStore(Stores.persistentKeyValueStore(STORE));
        manager().restore(changelog, listener);

        assertThat(listener.totalRestored).isEqualTo(tail);
        assertThat(listener.startOffset).isEqualTo(checkpointedRecords);
        assertThat(contents(restored)).isEqualTo(before);
        assertThat(manager().changelogOffset(STORE)).hasValue(changelog.recordCount(partition()) - 1L);
    }

    @Test
    void restoringACleanlyCheckpointedStoreReplaysNothing() {
        KeyValueStore<String, Long> store = openStore(Stores.persistentKeyValueStore(STORE));
        manager().restore(changelog, listener);
        writeUpdates(store, 200, 4);
        commit(store);
        Map<String, Long> before = contents(store);
        closeTask();

        listener.reset();
        KeyValueStore<String, Long> restored = openStore(Stores.persistentKeyValueStore(STORE));
        manager().restore(changelog, listener);

        assertThat(listener.totalRestored).isZero();
        assertThat(contents(restored)).isEqualTo(before);
    }

    @Test
    void corruptCheckpointWipesLocalStateAndRestoresFully() throws IOException {
        KeyValueStore<String, Long> store = openStore(Stores.persistentKeyValueStore(STORE));
        manager().restore(changelog, listener);
        writeUpdates(store, 200, 5);
        commit(store);
        Map<String, Long> before = contents(store);
        closeTask();
        writeLocalGarbage();
        Path checkpoint = new File(taskDir(), CheckpointFile.FILE_NAME).toPath();
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(checkpoint, bytes);

        listener.reset();
        KeyValueStore<String, Long> restored = openStore(Stores.persistentKeyValueStore(STORE));
        manager().restore(changelog, listener);

        assertThat(listener.totalRestored).isEqualTo(changelog.recordCount(partition()));
        assertThat(contents(restored)).as("garbage written only locally is wiped").isEqualTo(before);
    }

    @Test
    void checkpointOfAnUnknownVersionIsTreatedAsAbsent() throws IOException {
        KeyValueStore<String, Long> store = openStore(Stores.persistentKeyValueStore(STORE));
        manager().restore(changelog, listener);
        writeUpdates(store, 100, 6);
        commit(store);
        Map<String, Long> before = contents(store);
        closeTask();
        writeLocalGarbage();
        Path checkpoint = new File(taskDir(), CheckpointFile.FILE_NAME).toPath();
        Files.writeString(checkpoint, CheckpointFile.MAGIC + " 99\nwhatever\n");

        listener.reset();
        KeyValueStore<String, Long> restored = openStore(Stores.persistentKeyValueStore(STORE));
        manager().restore(changelog, listener);

        assertThat(listener.totalRestored).isEqualTo(changelog.recordCount(partition()));
        assertThat(contents(restored)).isEqualTo(before);
    }

    @Test
    void checkpointBeyondTheChangelogEndWipesTheStoreAndRestoresFully() {
        KeyValueStore<String, Long> store = openStore(Stores.persistentKeyValueStore(STORE));
        manager().restore(changelog, listener);
        writeUpdates(store, 300, 7);
        commit(store);
        closeTask();
        long newEnd = changelog.recordCount(partition()) / 2;
        changelog.truncate(partition(), newEnd);

        listener.reset();
        KeyValueStore<String, Long> restored = openStore(Stores.persistentKeyValueStore(STORE));
        manager().restore(changelog, listener);

        assertThat(listener.totalRestored).isEqualTo(newEnd);
        Map<String, Long> expected = new LinkedHashMap<>();
        changelog.compacted(partition()).forEach((k, v) -> expected.put(k, TestSerdes.longSerde().deserializer()
                .deserialize(null, v)));
        assertThat(contents(restored)).isEqualTo(new java.util.TreeMap<>(expected));
        assertThat(manager().changelogOffset(STORE)).hasValue(newEnd - 1);
    }

    @Test
    void inMemoryStoresRestoreFromTheChangelogStartEveryTime() {
        KeyValueStore<String, Long> store = openStore(Stores.inMemoryKeyValueStore(STORE));
        manager().restore(changelog, listener);
        writeUpdates(store, 200, 8);
        commit(store);
        Map<String, Long> before = contents(store);
        closeTask();

        listener.reset();
        KeyValueStore<String, Long> restored = openStore(Stores.inMemoryKeyValueStore(STORE));
        manager().restore(changelog, listener);

        assertThat(listener.totalRestored).isEqualTo(changelog.recordCount(partition()));
        assertThat(listener.startOffset).isZero();
        assertThat(contents(restored)).isEqualTo(before);
    }

    @Test
    void timestampedStoresLogPlainValuesAndRestoreTheirTimestamps() {
        TestContext context = new TestContext(taskDir(), changelog, 64 * 1024, budget);
        opened.add(context);
        TimestampedKeyValueStore<String, String> store = Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE), TestSerdes.string(), TestSerdes.string())
                .withCachingEnabled().build();
        store.init(context, store);
        context.stateManager().restore(changelog, listener);
        store.put("a", ValueAndTimestamp.make("x", 100L));
        store.put("b", ValueAndTimestamp.make("y", 200L));
        store.put("a", ValueAndTimestamp.make("z", 300L));
        context.stateManager().flush();
        List<ChangelogRecord> records = changelog.records(partition());
        assertThat(records).hasSize(2);
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("z");
        assertThat(records.get(0).timestamp()).isEqualTo(300L);
        context.stateManager().checkpoint(changelog.lastWrittenOffsets());
        context.stateManager().close();
        opened.clear();
        try (Stream<Path> ignored = Stream.empty()) {
            deleteRecursivelyQuietly(taskDir());
        }

        TestContext again = new TestContext(taskDir(), changelog, 64 * 1024, budget);
        opened.add(again);
        TimestampedKeyValueStore<String, String> restored = Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(STORE), TestSerdes.string(), TestSerdes.string()).build();
        restored.init(again, restored);
        again.stateManager().restore(changelog, listener);

        assertThat(restored.get("a")).isEqualTo(ValueAndTimestamp.make("z", 300L));
        assertThat(restored.get("b")).isEqualTo(ValueAndTimestamp.make("y", 200L));
        assertThat(ValueAndTimestampSerde.timestamp(
                ((io.eddy.state.internal.SerializingKeyValueStore<?, ?>) restored).bytesStore().get(
                        new Bytes("b".getBytes(StandardCharsets.UTF_8))))).isEqualTo(200L);
    }

    private static void deleteRecursivelyQuietly(File file) {
        try {
            deleteRecursively(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Opens the store without a changelog and writes a key the changelog never saw. */
    private void writeLocalGarbage() {
        TestContext context = new TestContext(taskDir(), null, 0, budget);
        KeyValueStore<String, Long> raw = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                TestSerdes.string(), TestSerdes.longSerde()).withLoggingDisabled().build();
        raw.init(context, raw);
        raw.put("garbage", 666L);
        raw.flush();
        context.stateManager().close();
    }

    @Test
    void cachedStoreRegistersItsRootForRestore() {
        KeyValueStore<String, Long> store = openStore(Stores.persistentKeyValueStore(STORE));
        assertThat(store).isInstanceOf(CachingKeyValueStore.class);
        assertThat(manager().store(STORE)).containsSame(store);
    }

    private static final class CountingListener implements StateRestoreListener {
        long startOffset = -1;
        long totalRestored;
        long batchSum;
        int batches;

        void reset() {
            startOffset = -1;
            totalRestored = 0;
            batchSum = 0;
            batches = 0;
        }

        @Override
        public void onRestoreStart(ChangelogPartition partition, String storeName, long startingOffset,
                long endingOffset) {
            startOffset = startingOffset;
        }

        @Override
        public void onBatchRestored(ChangelogPartition partition, String storeName, long batchEndOffset,
                long numRestored) {
            batches++;
            batchSum += numRestored;
        }

        @Override
        public void onRestoreEnd(ChangelogPartition partition, String storeName, long totalRestored) {
            this.totalRestored = totalRestored;
            assertThat(batchSum).isEqualTo(totalRestored);
        }
    }
}

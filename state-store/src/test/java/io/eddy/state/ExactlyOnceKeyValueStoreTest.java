package io.eddy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.serialization.Bytes;
import io.eddy.state.internal.CachingKeyValueStore;
import io.eddy.state.internal.ChangeLoggingKeyValueBytesStore;
import io.eddy.state.internal.RocksDBStore;
import io.eddy.state.internal.SerializingKeyValueStore;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once mode of RocksDB key-value stores and of the task's state manager: uncommitted writes are read by the
 * task only, a store closed without commit (a crash) reopens at its last commit and names its offset, restore replays
 * only the committed tail and never wipes, and abort rolls every store back.
 */
class ExactlyOnceKeyValueStoreTest {

    private static final String STORE = "counts";
    private static RocksDBMemoryBudget budget;

    @TempDir
    File dir;

    private final FakeChangelog changelog = new FakeChangelog();
    private final List<TestContext> opened = new ArrayList<>();

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

    private TestContext newContext(ChangelogWriter writer, long cacheBytes) {
        TestContext context = new TestContext(taskDir(), writer, cacheBytes, budget)
                .config(TaskStateManager.EXACTLY_ONCE_CONFIG, "true");
        opened.add(context);
        return context;
    }

    private KeyValueStore<String, String> openStore(boolean caching) {
        return openStore(newContext(changelog, 64 * 1024), Stores.persistentKeyValueStore(STORE), caching);
    }

    private static KeyValueStore<String, String> openStore(TestContext context, KeyValueBytesStoreSupplier supplier,
            boolean caching) {
        StoreBuilder<KeyValueStore<String, String>> builder =
                Stores.keyValueStoreBuilder(supplier, TestSerdes.string(), TestSerdes.string());
        KeyValueStore<String, String> store =
                (caching ? builder.withCachingEnabled() : builder.withCachingDisabled()).build();
        store.init(context, store);
        return store;
    }

    /** Flush, the log transaction commits (nothing to do here: the fake log has none), then the stores commit. */
    private void commit() {
        manager().flush();
        manager().commit(changelog.lastWrittenOffsets());
    }

    private TaskStateManager manager() {
        return opened.get(opened.size() - 1).stateManager();
    }

    private ChangelogPartition partition() {
        return new ChangelogPartition(TestContext.APP_ID + "-" + STORE + "-changelog", 3);
    }

    private static RocksDBStore rocks(KeyValueStore<?, ?> typed) {
        KeyValueStore<?, ?> s = typed;
        if (s instanceof CachingKeyValueStore<?, ?> caching) {
            s = caching.underlying();
        }
        s = ((SerializingKeyValueStore<?, ?>) s).bytesStore();
        if (s instanceof ChangeLoggingKeyValueBytesStore logging) {
            s = logging.inner();
        }
        return (RocksDBStore) s;
    }

    private static Map<String, String> contents(KeyValueStore<String, String> store) {
        Map<String, String> out = new LinkedHashMap<>();
        try (KeyValueIterator<String, String> it = store.all()) {
            it.forEachRemaining(kv -> out.put(kv.key, kv.value));
        }
        return out;
    }

    private static <T> T onOtherThread(java.util.function.Supplier<T> read) {
        return CompletableFuture.supplyAsync(read).join();
    }

    @Test
    void theTaskReadsItsUncommittedWritesWhileOtherThreadsReadOnlyCommittedOnes() {
        KeyValueStore<String, String> store = openStore(false);
        store.put("a", "1");
        store.put("b", "1");
        commit();
        store.put("a", "2");
        store.delete("b");
        store.put("c", "2");

        assertThat(store.get("a")).isEqualTo("2");
        assertThat(store.get("b")).as("an uncommitted delete hides the committed value").isNull();
        assertThat(contents(store)).containsExactly(Map.entry("a", "2"), Map.entry("c", "2"));
        try (KeyValueIterator<String, String> it = store.reverseAll()) {
            assertThat(it.next().key).isEqualTo("c");
            assertThat(it.next().key).isEqualTo("a");
            assertThat(it.hasNext()).isFalse();
        }
        assertThat(onOtherThread(() -> store.get("a"))).as("interactive queries read committed").isEqualTo("1");
        assertThat(onOtherThread(() -> contents(store))).containsExactly(Map.entry("a", "1"), Map.entry("b", "1"));

        commit();
        assertThat(onOtherThread(() -> contents(store))).containsExactly(Map.entry("a", "2"), Map.entry("c", "2"));
        assertThat(rocks(store).committedOffset()).isEqualTo(changelog.recordCount(partition()) - 1);
    }

    @Test
    void commitsHeldBackFromRocksDbAreReadByKeyAndRangeOnOtherThreads() {
        KeyValueStore<String, String> store = openStore(false);
        for (int round = 1; round <= 3; round++) { // fewer than MAX_DEFERRED_COMMITS: none is written out yet
            store.put("a", "a" + round);
            store.put("round" + round, "x");
            if (round == 3) {
                store.delete("round1");
            }
            commit();
        }
        store.put("a", "uncommitted");
        assertThat(onOtherThread(() -> store.get("a"))).isEqualTo("a3");
        assertThat(onOtherThread(() -> store.get("round1"))).as("a committed delete").isNull();
        assertThat(onOtherThread(() -> contents(store))).containsExactly(Map.entry("a", "a3"),
                Map.entry("round2", "x"), Map.entry("round3", "x"));
        assertThat(store.get("a")).isEqualTo("uncommitted");
        assertThat(rocks(store).committedOffset()).isEqualTo(changelog.recordCount(partition()) - 2);
    }

    @Test
    void commitsPastTheDeferredLimitAreWrittenOutInTheBackgroundWhileOtherThreadsKeepReadingTheLatestCommit()
            throws Exception {
        KeyValueStore<String, String> store = openStore(false);
        RocksDBStore rocks = rocks(store);
        java.util.concurrent.atomic.AtomicInteger lastCommitted = new java.util.concurrent.atomic.AtomicInteger(-1);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            while (!stop.get()) {
                int floor = lastCommitted.get();
                String seen = store.get("counter");
                int value = seen == null ? -1 : Integer.parseInt(seen);
                if (value < floor) {
                    violations.add("read " + seen + " after commit " + floor);
                }
            }
        });
        int commits = RocksDBStore.MAX_DEFERRED_COMMITS * 5;
        for (int round = 0; round < commits; round++) {
            store.put("counter", Integer.toString(round));
            store.put("key" + round, "v");
            commit();
            lastCommitted.set(round);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> rocks.heldBackCommits() < RocksDBStore.MAX_DEFERRED_COMMITS);
        stop.set(true);
        reader.get();
        assertThat(violations).isEmpty();
        assertThat(onOtherThread(() -> contents(store))).hasSize(commits + 1)
                .containsEntry("counter", Integer.toString(commits - 1));
        assertThat(rocks.committedOffset()).isEqualTo(changelog.recordCount(partition()) - 1);
    }

    @Test
    void theTasksFirstRangeReadMergesCommitsHeldBackWithItsUncommittedWrites() {
        KeyValueStore<String, String> store = openStore(false);
        store.put("a", "1");
        store.put("b", "1");
        commit();
        store.put("b", "2");
        store.delete("a");
        commit();
        store.put("c", "uncommitted");
        assertThat(contents(store)).containsExactly(Map.entry("b", "2"), Map.entry("c", "uncommitted"));
        commit();
        assertThat(onOtherThread(() -> contents(store))).containsExactly(Map.entry("b", "2"),
                Map.entry("c", "uncommitted"));
    }

    @Test
    void aCleanCloseWritesTheCommitsHeldBackWithTheirOffset() {
        KeyValueStore<String, String> store = openStore(true);
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < 50; i++) {
                store.put("key" + i, "r" + round);
            }
            commit();
        }
        long committed = changelog.recordCount(partition()) - 1;
        manager().close();
        opened.remove(opened.size() - 1);

        KeyValueStore<String, String> reopened = openStore(true);
        assertThat(rocks(reopened).committedOffset()).isEqualTo(committed);
        assertThat(contents(reopened)).hasSize(50).allSatisfy((k, v) -> assertThat(v).isEqualTo("r3"));
    }

    @Test
    void iteratorReadsTheUncommittedWritesAsOfItsCreation() {
        KeyValueStore<String, String> store = openStore(false);
        store.put("a", "1");
        store.put("b", "1");
        try (KeyValueIterator<String, String> it = store.all()) {
            store.put("a", "changed");
            store.put("aa", "new");
            store.delete("b");
            assertThat(it.next()).isEqualTo(KeyValue.pair("a", "1"));
            assertThat(it.next()).isEqualTo(KeyValue.pair("b", "1"));
            assertThat(it.hasNext()).isFalse();
        }
    }

    @Test
    void storeClosedWithoutCommitReopensWithExactlyItsLastCommitAndNamesItsOffset() {
        KeyValueStore<String, String> store = openStore(true);
        for (int i = 0; i < 100; i++) {
            store.put("key" + i, "committed");
        }
        commit();
        long committed = changelog.recordCount(partition()) - 1;
        for (int i = 0; i < 150; i++) {
            store.put("key" + i, "uncommitted");
        }
        manager().flush(); // the cache writes into the uncommitted batch (and the changelog), but no commit follows
        store.close(); // as a crash

        KeyValueStore<String, String> reopened = openStore(true);
        assertThat(rocks(reopened).committedOffset()).isEqualTo(committed);
        Map<String, String> contents = contents(reopened);
        assertThat(contents).hasSize(100).allSatisfy((k, v) -> assertThat(v).isEqualTo("committed"));
    }

    @Test
    void restoreReplaysOnlyTheCommittedTailAfterTheStoresOwnOffsetAndNeverWipes() throws IOException {
        KeyValueStore<String, String> store = openStore(true);
        Map<String, String> model = new TreeMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            String key = "key" + random.nextInt(50);
            String value = random.nextInt(5) == 0 ? null : "v" + i;
            store.put(key, value);
            if (value == null) {
                model.remove(key);
            } else {
                model.put(key, value);
            }
            if (i % 30 == 29) {
                commit();
            }
        }
        long committed = rocks(store).committedOffset();
        assertThat(committed).isEqualTo(changelog.recordCount(partition()) - 1);
        for (int i = 0; i < 40; i++) {
            String key = "key" + (i % 20);
            store.put(key, "tail" + i);
            model.put(key, "tail" + i);
        }
        manager().flush(); // the log transaction commits the tail ...
        int tail = changelog.recordCount(partition()) - 1 - (int) committed;
        assertThat(tail).isEqualTo(20);
        store.close(); // ... and the task dies before the stores commit
        manager().close();
        Files.deleteIfExists(new File(taskDir(), ".checkpoint").toPath());
        File sentinel = new File(new File(taskDir(), STORE), "sentinel");
        assertThat(sentinel.createNewFile()).isTrue();

        KeyValueStore<String, String> reopened = openStore(true);
        RecordingListener listener = new RecordingListener();
        manager().restore(changelog, listener);
        assertThat(listener.startOffset).isEqualTo(committed + 1);
        assertThat(listener.restored).as("only the committed tail is replayed").isEqualTo(tail);
        assertThat(sentinel).as("the store was not wiped").exists();
        assertThat(contents(reopened)).isEqualTo(model);
        assertThat(rocks(reopened).committedOffset()).isEqualTo(changelog.recordCount(partition()) - 1);
        assertThat(new io.eddy.state.internal.CheckpointFile(taskDir(), false).read())
                .as("transactional stores keep their offset themselves").doesNotContainKey(STORE);
    }

    @Test
    void aCrashDuringRestoreResumesAfterTheLastRestoredBatch() {
        KeyValueStore<String, String> store = openStore(false);
        for (int i = 0; i < 95; i++) {
            store.put("key" + i, "v" + i);
        }
        store.close(); // nothing committed: the whole changelog is the tail
        manager().close();

        openStore(false);
        RecordingListener crashing = new RecordingListener();
        crashing.failAfterBatches = 3;
        assertThatThrownBy(() -> manager().restore(changelog, crashing, 10)).hasMessageContaining("crash");
        manager().close();

        KeyValueStore<String, String> reopened = openStore(false);
        assertThat(rocks(reopened).committedOffset()).as("each restored batch is committed").isEqualTo(29);
        RecordingListener listener = new RecordingListener();
        manager().restore(changelog, listener, 10);
        assertThat(listener.startOffset).isEqualTo(30);
        assertThat(listener.restored).isEqualTo(65);
        assertThat(contents(reopened)).hasSize(95);
    }

    @Test
    void theCommittedOffsetNeverLeaksIntoReadsIterationOrCounts() {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                TestSerdes.bytes(), TestSerdes.of((topic, v) -> v, (topic, v) -> v)).withCachingDisabled().build();
        TestContext context = newContext(changelog, 0);
        store.init(context, store);
        Bytes reservedLooking = Bytes.wrap("changelog.offset".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        store.put(reservedLooking, new byte[] {1});
        store.put(Bytes.wrap(new byte[0]), new byte[] {2});
        store.put(TestSerdes.bytes(0xFF, 0xFF), new byte[] {3});
        commit();
        assertThat(rocks(store).committedOffset()).isEqualTo(2);
        store.close();
        manager().close();

        KeyValueStore<Bytes, byte[]> reopened = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                TestSerdes.bytes(), TestSerdes.of((topic, v) -> v, (topic, v) -> v)).withCachingDisabled().build();
        reopened.init(newContext(changelog, 0), reopened);
        assertThat(reopened.get(reservedLooking)).containsExactly(1);
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = reopened.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        assertThat(keys).containsExactly(Bytes.wrap(new byte[0]), reservedLooking, TestSerdes.bytes(0xFF, 0xFF));
        try (KeyValueIterator<Bytes, byte[]> it = reopened.reverseRange(null, null)) {
            assertThat(it.next().key).isEqualTo(TestSerdes.bytes(0xFF, 0xFF));
        }
        try (KeyValueIterator<Bytes, byte[]> it = reopened.prefixScan("c", TestSerdes.stringSerializer())) {
            assertThat(it.next().key).isEqualTo(reservedLooking);
            assertThat(it.hasNext()).isFalse();
        }
        assertThat(reopened.approximateNumEntries()).isEqualTo(3);
        assertThat(rocks(reopened).committedOffset()).isEqualTo(2);
    }

    @Test
    void abortRollsEveryStoreBackToItsLastCommitAndRestoreRebuildsTheRest() {
        TransactionalChangelog log = new TransactionalChangelog(changelog);
        TestContext context = newContext(log, 64 * 1024);
        KeyValueStore<String, String> persistent = openStore(context, Stores.persistentKeyValueStore(STORE), true);
        KeyValueStore<String, String> inMemory = openStore(context, Stores.inMemoryKeyValueStore("mem"), false);
        persistent.put("a", "1");
        inMemory.put("a", "1");
        manager().flush();
        log.commitTransaction();
        commit();

        persistent.put("a", "2");
        persistent.put("b", "2");
        inMemory.put("a", "2");
        inMemory.put("b", "2");
        manager().flush();
        log.abortTransaction();
        manager().abort();

        assertThat(persistent.isOpen()).isTrue();
        assertThat(contents(persistent)).containsExactly(Map.entry("a", "1"));
        RecordingListener listener = new RecordingListener();
        manager().restore(changelog, listener);
        assertThat(contents(persistent)).containsExactly(Map.entry("a", "1"));
        assertThat(contents(inMemory)).as("rebuilt from its changelog").containsExactly(Map.entry("a", "1"));
        assertThat(listener.restoredByStore).containsEntry(STORE, 0L).containsEntry("mem", 1L);
    }

    @Test
    void exactlyOnceRestoreRefusesASourceThatIsNotReadCommitted() {
        openStore(false);
        ChangelogSource readUncommitted = new ChangelogSource() {
            @Override
            public long startOffset(ChangelogPartition partition) {
                return 0;
            }

            @Override
            public long endOffset(ChangelogPartition partition) {
                return 0;
            }

            @Override
            public List<ChangelogRecord> read(ChangelogPartition partition, long fromOffset, int maxRecords) {
                return List.of();
            }
        };
        assertThatThrownBy(() -> manager().restore(readUncommitted, StateRestoreListener.NO_OP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read_committed")
                .hasMessageContaining(STORE);
    }

    @Test
    void atLeastOnceReopenForgetsACommittedOffsetSoItIsNeverTrustedLater() {
        KeyValueStore<String, String> store = openStore(false);
        store.put("a", "1");
        commit();
        store.close();
        manager().close();

        TestContext atLeastOnce = new TestContext(taskDir(), changelog, 0, budget);
        opened.add(atLeastOnce);
        KeyValueStore<String, String> plain = openStore(atLeastOnce, Stores.persistentKeyValueStore(STORE), false);
        assertThat(rocks(plain).transactional()).isFalse();
        plain.put("a", "2");
        plain.close();
        manager().close();

        KeyValueStore<String, String> again = openStore(false);
        assertThat(rocks(again).committedOffset()).isEqualTo(TransactionalStore.NO_OFFSET);
    }

    @Test
    void timestampedStoresCommitThroughTheirTimestampRestoringCallback() {
        TimestampedKeyValueStore<String, String> store = Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), TestSerdes.string(), TestSerdes.string()).build();
        store.init(newContext(changelog, 64 * 1024), store);
        store.put("a", ValueAndTimestamp.make("v", 5));
        commit();
        store.put("a", ValueAndTimestamp.make("uncommitted", 6));
        manager().flush();
        store.close();
        manager().close();

        TimestampedKeyValueStore<String, String> reopened = Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), TestSerdes.string(), TestSerdes.string()).build();
        reopened.init(newContext(changelog, 64 * 1024), reopened);
        assertThat(reopened.get("a")).isEqualTo(ValueAndTimestamp.make("v", 5));
        RecordingListener listener = new RecordingListener();
        manager().restore(changelog, listener);
        assertThat(listener.startOffset).as("restore starts after the store's own offset").isEqualTo(1);
        assertThat(listener.restored).isEqualTo(1);
        assertThat(reopened.get("a")).isEqualTo(ValueAndTimestamp.make("uncommitted", 6));
    }

    /** Guards against a checkpoint on close, taken while a log transaction is open, committing its writes. */
    @Test
    void checkpointNeverCommitsTransactionalStores() {
        KeyValueStore<String, String> store = openStore(true);
        store.put("a", "1");
        commit();
        store.put("a", "2");
        manager().flush();
        manager().checkpoint(changelog.lastWrittenOffsets());
        store.close();
        manager().close();

        KeyValueStore<String, String> reopened = openStore(true);
        assertThat(reopened.get("a")).isEqualTo("1");
        assertThat(rocks(reopened).committedOffset()).isZero();
    }

    @Test
    void nativeHandlesAreAllReleasedOnClose() {
        KeyValueStore<String, String> store = openStore(true);
        store.put("a", "1");
        commit();
        store.put("b", "2");
        manager().flush();
        KeyValueIterator<String, String> forgotten = store.all();
        forgotten.hasNext();
        RocksDBStore rocks = rocks(store);
        store.close();
        assertThat(rocks.nativeObjects().ownedHandleCount()).isZero();
        assertThat(rocks.nativeObjects().liveCount()).isZero();
    }

    /** A changelog writer that holds records back until its transaction commits, as the log will. */
    static final class TransactionalChangelog implements ChangelogWriter {
        private final FakeChangelog log;
        private final List<Object[]> pending = new ArrayList<>();

        TransactionalChangelog(FakeChangelog log) {
            this.log = log;
        }

        @Override
        public void send(String topic, int partition, byte[] key, byte[] value, long timestamp) {
            pending.add(new Object[] {topic, partition, key, value, timestamp});
        }

        void commitTransaction() {
            for (Object[] r : pending) {
                log.send((String) r[0], (Integer) r[1], (byte[]) r[2], (byte[]) r[3], (Long) r[4]);
            }
            pending.clear();
        }

        void abortTransaction() {
            pending.clear();
        }
    }

    static final class RecordingListener implements StateRestoreListener {
        long startOffset = -1;
        long restored;
        int batches;
        int failAfterBatches = Integer.MAX_VALUE;
        final Map<String, Long> restoredByStore = new LinkedHashMap<>();

        @Override
        public void onRestoreStart(ChangelogPartition partition, String storeName, long startingOffset,
                long endingOffset) {
            startOffset = startingOffset;
        }

        @Override
        public void onBatchRestored(ChangelogPartition partition, String storeName, long batchEndOffset,
                long numRestored) {
            restored += numRestored;
            if (++batches >= failAfterBatches) {
                throw new IllegalStateException("simulated crash after batch ending at " + batchEndOffset);
            }
        }

        @Override
        public void onRestoreEnd(ChangelogPartition partition, String storeName, long totalRestored) {
            restoredByStore.put(storeName, totalRestored);
        }
    }
}

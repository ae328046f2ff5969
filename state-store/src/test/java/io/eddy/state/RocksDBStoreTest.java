package io.eddy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.serialization.Bytes;
import io.eddy.state.internal.RocksDBStore;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BloomFilter;
import org.rocksdb.Options;
import org.rocksdb.RocksObject;

/** Native resources, locking and tuning of the RocksDB store. */
class RocksDBStoreTest {

    private static RocksDBMemoryBudget budget;

    @TempDir
    File dir;

    @BeforeAll
    static void createBudget() {
        budget = RocksDBMemoryBudget.create(16L * 1024 * 1024, 0.25);
    }

    @AfterAll
    static void closeBudget() {
        budget.close();
    }

    private TestContext context() {
        return new TestContext(new File(dir, "0_3"), null, 0, budget);
    }

    private static RocksDBStore rocks(String name) {
        return (RocksDBStore) Stores.persistentKeyValueStore(name).get();
    }

    private static Bytes k(String s) {
        return new Bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noNativeHandleIsLeftOwnedAfterClose() {
        RocksDBStore store = rocks("leaks");
        store.init(context(), store);
        store.put(k("a"), new byte[] {1});
        store.putAll(List.of(KeyValue.pair(k("b"), new byte[] {2}), KeyValue.pair(k("c"), null)));
        store.restoreAll(List.of(KeyValue.pair("d".getBytes(StandardCharsets.UTF_8), new byte[] {4})));
        assertThat(store.get(k("d"))).containsExactly(4);
        try (KeyValueIterator<Bytes, byte[]> it = store.range(k("a"), k("z"))) {
            assertThat(it.hasNext()).isTrue();
        }
        try (KeyValueIterator<Bytes, byte[]> it = store.reverseAll()) {
            it.next();
        }
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan("a", TestSerdes.stringSerializer())) {
            assertThat(it.next().key).isEqualTo(k("a"));
        }
        KeyValueIterator<Bytes, byte[]> leftOpen = store.all();
        leftOpen.hasNext();
        store.flush();
        assertThat(store.nativeObjects().ownedHandleCount()).isPositive();

        store.close();

        List<RocksObject> created = store.nativeObjects().everCreated();
        assertThat(created.size()).as("options, filter, write options, db and 4 x 2 iterator objects")
                .isGreaterThanOrEqualTo(12);
        assertThat(created).allSatisfy(o -> assertThat(o.isOwningHandle()).as("%s still owns its handle",
                o.getClass().getSimpleName()).isFalse());
        assertThat(store.nativeObjects().liveCount()).isZero();
        assertThat(store.openIteratorCount()).isZero();
    }

    @Test
    void memoryBudgetReleasesItsCacheAndWriteBufferManagerOnClose() {
        RocksDBMemoryBudget own = RocksDBMemoryBudget.fromConfig(Map.of(RocksDBMemoryBudget.TOTAL_BYTES_CONFIG,
                "8388608"));
        assertThat(own.totalBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(own.writeBufferBytes()).isEqualTo(2L * 1024 * 1024);
        own.close();
        assertThat(((RocksObject) own.blockCache()).isOwningHandle()).isFalse();
        assertThat(own.writeBufferManager().isOwningHandle()).isFalse();
        assertThatThrownBy(() -> RocksDBMemoryBudget.fromConfig(Map.of(RocksDBMemoryBudget.TOTAL_BYTES_CONFIG,
                "lots"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lots");
    }

    @Test
    void unclosedIteratorIsReportedAndClosedWhenTheStoreCloses() {
        RocksDBStore store = rocks("iterators");
        store.init(context(), store);
        store.put(k("a"), new byte[] {1});
        store.put(k("b"), new byte[] {2});
        KeyValueIterator<Bytes, byte[]> forgotten = store.all();
        assertThat(forgotten.next().key).isEqualTo(k("a"));
        try (KeyValueIterator<Bytes, byte[]> closed = store.all()) {
            closed.next();
        }
        assertThat(store.openIteratorCount()).isEqualTo(1);

        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            store.close();
        } finally {
            System.setErr(originalErr);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("WARN").contains("'iterators'")
                .contains("1 iterator(s) still open");
        assertThat(store.openIteratorCount()).isZero();
        assertThatThrownBy(forgotten::hasNext).isInstanceOf(InvalidStateStoreException.class)
                .hasMessageContaining("iterators");
        forgotten.close();
        assertThat(store.nativeObjects().ownedHandleCount()).isZero();
    }

    @Test
    void openingALockedDirectoryFailsNamingTheDirectory() {
        TestContext first = context();
        RocksDBStore owner = rocks("locked");
        owner.init(first, owner);
        owner.put(k("a"), new byte[] {1});

        RocksDBStore intruder = rocks("locked");
        TestContext second = context();
        assertThatThrownBy(() -> intruder.init(second, intruder))
                .isInstanceOf(StateDirectoryLockedException.class)
                .hasMessageContaining(new File(dir, "0_3/locked").getAbsolutePath())
                .hasMessageContaining("'locked'")
                .satisfies(e -> assertThat(((StateDirectoryLockedException) e).directory())
                        .isEqualTo(new File(dir, "0_3/locked")));
        assertThat(intruder.isOpen()).isFalse();
        assertThat(intruder.nativeObjects().ownedHandleCount()).isZero();
        assertThat(owner.get(k("a"))).containsExactly(1);

        owner.close();
        intruder.init(context(), intruder);
        assertThat(intruder.get(k("a"))).containsExactly(1);
        intruder.close();
    }

    @Test
    void aStoreOpenedEmptyFindsWhatEveryWritePathAddsAndWhatAReopenFinds() {
        RocksDBStore store = rocks("fresh");
        store.init(context(), store);
        assertThat(store.get(k("a"))).isNull();
        store.put(k("a"), new byte[] {1});
        assertThat(store.get(k("a"))).containsExactly(1);
        store.close();

        RocksDBStore batched = rocks("batched");
        batched.init(context(), batched);
        assertThat(batched.get(k("b"))).isNull();
        batched.putAll(List.of(io.eddy.state.KeyValue.pair(k("b"), new byte[] {2})));
        assertThat(batched.get(k("b"))).containsExactly(2);
        batched.close();

        RocksDBStore restored = rocks("restored");
        restored.init(context(), restored);
        assertThat(restored.get(k("c"))).isNull();
        restored.restoreAll(List.of(io.eddy.state.KeyValue.pair(k("c").get(), new byte[] {3})));
        assertThat(restored.get(k("c"))).containsExactly(3);
        restored.close();

        RocksDBStore reopened = rocks("fresh");
        reopened.init(context(), reopened);
        assertThat(reopened.get(k("a"))).as("a store opened with data reads RocksDB").containsExactly(1);
        reopened.close();
    }

    @Test
    void contentsSurviveCloseAndReopen() {
        RocksDBStore store = rocks("durable");
        store.init(context(), store);
        store.put(k("a"), new byte[] {7});
        store.flush();
        store.close();
        store.init(context(), store);
        assertThat(store.get(k("a"))).containsExactly(7);
        store.close();
    }

    @Test
    void configSetterNamedInConfigsTunesOptionsAndIsClosedAfterTheDatabase() {
        RecordingConfigSetter.calls.clear();
        TestContext context = context().config(RocksDBConfigSetter.CONFIG, RecordingConfigSetter.class.getName());
        RocksDBStore store = rocks("tuned");
        store.init(context, store);
        store.put(k("a"), new byte[] {1});
        store.close();
        assertThat(RecordingConfigSetter.calls).containsExactly("setConfig tuned", "close tuned");
        assertThat(RecordingConfigSetter.filters).allSatisfy(f -> assertThat(f.isOwningHandle()).isFalse());
    }

    @Test
    void configSetterThatCannotBeCreatedFailsNamingTheSetting() {
        TestContext context = context().config(RocksDBConfigSetter.CONFIG, "com.example.Missing");
        RocksDBStore store = rocks("badsetter");
        assertThatThrownBy(() -> store.init(context, store)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.example.Missing").hasMessageContaining("'badsetter'");
        assertThat(store.nativeObjects().ownedHandleCount()).isZero();
    }

    /** A setter that creates a native object of its own, as real setters do. */
    public static final class RecordingConfigSetter implements RocksDBConfigSetter {
        static final List<String> calls = new ArrayList<>();
        static final List<BloomFilter> filters = new ArrayList<>();
        private BloomFilter filter;

        @Override
        public void setConfig(String storeName, Options options, Map<String, Object> configs) {
            calls.add("setConfig " + storeName);
            filter = new BloomFilter(12);
            filters.add(filter);
            options.setMaxWriteBufferNumber(2);
        }

        @Override
        public void close(String storeName, Options options) {
            calls.add("close " + storeName);
            filter.close();
        }
    }
}

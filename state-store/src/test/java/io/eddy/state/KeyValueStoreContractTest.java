package io.eddy.state;

import static io.eddy.state.TestSerdes.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serde;
import io.eddy.state.internal.CachingKeyValueStore;
import io.eddy.state.internal.ChangeLoggingKeyValueBytesStore;
import io.eddy.state.internal.RocksDBStore;
import io.eddy.state.internal.SerializingKeyValueStore;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract for every key-value store configuration: RocksDB and in-memory, each with and without record cache and
 * changelog. After every test the store's invariants are checked: iteration is strictly ordered by key bytes, reverse
 * iteration mirrors it, and once flushed, the store (and, when logged, the compacted changelog) hold exactly what the
 * store returns.
 */
class KeyValueStoreContractTest {

    /** RocksDB in exactly-once mode ({@link TaskStateManager#EXACTLY_ONCE_CONFIG}) is a third implementation. */
    enum Engine {
        ROCKSDB, IN_MEMORY, ROCKSDB_EOS;

        boolean persistent() {
            return this != IN_MEMORY;
        }
    }

    record Config(Engine engine, boolean caching, boolean logging) {
        @Override
        public String toString() {
            return engine + (caching ? "+cache" : "") + (logging ? "+log" : "");
        }
    }

    static Stream<Config> configs() {
        List<Config> all = new ArrayList<>();
        for (Engine engine : Engine.values()) {
            for (boolean caching : new boolean[] {false, true}) {
                for (boolean logging : new boolean[] {false, true}) {
                    all.add(new Config(engine, caching, logging));
                }
            }
        }
        return all.stream();
    }

    private static RocksDBMemoryBudget budget;

    @TempDir
    File dir;

    private Config config;
    private FakeChangelog changelog;
    private TestContext context;
    private KeyValueStore<Bytes, String> store;

    @BeforeAll
    static void createBudget() {
        budget = RocksDBMemoryBudget.create(16L * 1024 * 1024, 0.25);
    }

    @AfterAll
    static void closeBudget() {
        budget.close();
    }

    private KeyValueStore<Bytes, String> open(Config c) {
        config = c;
        changelog = new FakeChangelog();
        context = new TestContext(dir, changelog, 1024 * 1024, budget);
        if (c.engine() == Engine.ROCKSDB_EOS) {
            context.config(TaskStateManager.EXACTLY_ONCE_CONFIG, "true");
        }
        store = newStore(c);
        store.init(context, store);
        assertThat(store instanceof CachingKeyValueStore).isEqualTo(c.caching());
        return store;
    }

    private static KeyValueStore<Bytes, String> newStore(Config c) {
        KeyValueBytesStoreSupplier supplier = c.engine().persistent()
                ? Stores.persistentKeyValueStore("store") : Stores.inMemoryKeyValueStore("store");
        Serde<Bytes> keySerde = TestSerdes.bytes();
        StoreBuilder<KeyValueStore<Bytes, String>> builder =
                Stores.keyValueStoreBuilder(supplier, keySerde, TestSerdes.string());
        builder = c.caching() ? builder.withCachingEnabled() : builder.withCachingDisabled();
        builder = c.logging() ? builder.withLoggingEnabled(Map.of()) : builder.withLoggingDisabled();
        return builder.build();
    }

    /** @return the RocksDB store under the layers of {@code typed} */
    static RocksDBStore rocks(KeyValueStore<?, ?> typed) {
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

    /**
     * Exactly-once: committing keeps the contents and names the last changelog offset; a store reopened (without
     * restore) holds exactly the committed contents; no native handle stays owned.
     */
    private void checkCommitAndReopen(Map<String, String> expected) {
        context.stateManager().commit(changelog.lastWrittenOffsets());
        assertThat(entries(store.all())).as("commit does not change contents").isEqualTo(expected);
        long offset = config.logging() ? changelog.recordCount(context.changelogFor("store")) - 1
                : TransactionalStore.NO_OFFSET;
        assertThat(rocks(store).committedOffset()).as("committed offset").isEqualTo(offset);
        RocksDBStore closed = rocks(store);
        store.close();
        assertThat(closed.nativeObjects().ownedHandleCount()).as("native handles owned after close").isZero();
        TestContext reopenedContext = new TestContext(dir, changelog, 1024 * 1024, budget)
                .config(TaskStateManager.EXACTLY_ONCE_CONFIG, "true");
        KeyValueStore<Bytes, String> reopened = newStore(config);
        reopened.init(reopenedContext, reopened);
        try {
            assertThat(entries(reopened.all())).as("reopened contents").isEqualTo(expected);
            assertThat(rocks(reopened).committedOffset()).as("reopened committed offset").isEqualTo(offset);
        } finally {
            reopenedContext.stateManager().close();
        }
    }

    private static Bytes k(String s) {
        return new Bytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static List<String> keys(KeyValueIterator<Bytes, String> it) {
        try (it) {
            List<String> out = new ArrayList<>();
            while (it.hasNext()) {
                out.add(it.next().key.toString());
            }
            return out;
        }
    }

    private static Map<String, String> entries(KeyValueIterator<Bytes, String> it) {
        try (it) {
            Map<String, String> out = new LinkedHashMap<>();
            it.forEachRemaining(kv -> out.put(kv.key.toString(), kv.value));
            return out;
        }
    }

    @AfterEach
    void checkInvariantsAndClose() {
        if (store == null) {
            return;
        }
        if (store.isOpen()) {
            List<KeyValue<Bytes, String>> forward = new ArrayList<>();
            try (KeyValueIterator<Bytes, String> it = store.all()) {
                it.forEachRemaining(forward::add);
            }
            for (int i = 1; i < forward.size(); i++) {
                assertThat(forward.get(i - 1).key.compareTo(forward.get(i).key)).as("all() ordering").isNegative();
            }
            List<KeyValue<Bytes, String>> backward = new ArrayList<>();
            try (KeyValueIterator<Bytes, String> it = store.reverseAll()) {
                it.forEachRemaining(backward::add);
            }
            List<KeyValue<Bytes, String>> reversed = new ArrayList<>(forward);
            java.util.Collections.reverse(reversed);
            assertThat(backward).as("reverseAll() mirrors all()").isEqualTo(reversed);
            for (KeyValue<Bytes, String> kv : forward) {
                assertThat(store.get(kv.key)).as("get agrees with all() for %s", kv.key).isEqualTo(kv.value);
            }
            store.flush();
            Map<String, String> afterFlush = entries(store.all());
            Map<String, String> expected = new LinkedHashMap<>();
            forward.forEach(kv -> expected.put(kv.key.toString(), kv.value));
            assertThat(afterFlush).as("flush does not change contents").isEqualTo(expected);
            if (config.logging()) {
                Map<String, String> logged = new LinkedHashMap<>();
                changelog.compacted(context.changelogFor("store")).forEach((key, value) ->
                        logged.put(key, new String(value, java.nio.charset.StandardCharsets.UTF_8)));
                assertThat(new java.util.TreeMap<>(logged)).as("compacted changelog equals store contents")
                        .isEqualTo(new java.util.TreeMap<>(expected));
            } else {
                assertThat(changelog.recordCount(context.changelogFor("store"))).isZero();
            }
            if (config.engine() == Engine.ROCKSDB_EOS) {
                checkCommitAndReopen(expected);
            }
        }
        context.stateManager().close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void putGetOverwriteAndDelete(Config c) {
        open(c);
        assertThat(store.get(k("a"))).isNull();
        store.put(k("a"), "1");
        assertThat(store.get(k("a"))).isEqualTo("1");
        store.put(k("a"), "2");
        assertThat(store.get(k("a"))).isEqualTo("2");
        assertThat(store.delete(k("a"))).isEqualTo("2");
        assertThat(store.get(k("a"))).isNull();
        assertThat(store.delete(k("a"))).isNull();
        store.put(k("b"), "3");
        store.put(k("b"), null);
        assertThat(store.get(k("b"))).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void putIfAbsentOnlyWritesMissingKeys(Config c) {
        open(c);
        assertThat(store.putIfAbsent(k("a"), "1")).isNull();
        assertThat(store.putIfAbsent(k("a"), "2")).isEqualTo("1");
        assertThat(store.get(k("a"))).isEqualTo("1");
        store.delete(k("a"));
        assertThat(store.putIfAbsent(k("a"), "3")).isNull();
        assertThat(store.get(k("a"))).isEqualTo("3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void putAllAppliesInOrderWithNullsDeleting(Config c) {
        open(c);
        store.put(k("x"), "old");
        store.putAll(List.of(KeyValue.pair(k("a"), "1"), KeyValue.pair(k("b"), "2"), KeyValue.pair(k("a"), "3"),
                KeyValue.pair(k("x"), null)));
        assertThat(entries(store.all())).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void rangeIsInclusiveOnBothEndsAndNullBoundsAreOpen(Config c) {
        open(c);
        for (String s : List.of("a", "b", "c", "d", "e")) {
            store.put(k(s), s.toUpperCase());
        }
        assertThat(keys(store.range(k("b"), k("d")))).containsExactly("b", "c", "d");
        assertThat(keys(store.range(null, k("b")))).containsExactly("a", "b");
        assertThat(keys(store.range(k("d"), null))).containsExactly("d", "e");
        assertThat(keys(store.range(null, null))).containsExactly("a", "b", "c", "d", "e");
        assertThat(keys(store.range(k("bb"), k("cc")))).containsExactly("c");
        assertThat(keys(store.range(k("c"), k("c")))).containsExactly("c");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void emptyRangesAndInvertedRangesReturnNothing(Config c) {
        open(c);
        store.put(k("a"), "1");
        store.put(k("c"), "3");
        assertThat(keys(store.range(k("b"), k("bz")))).isEmpty();
        assertThat(keys(store.range(k("d"), k("z")))).isEmpty();
        assertThat(keys(store.range(k("c"), k("a")))).isEmpty();
        assertThat(keys(store.reverseRange(k("c"), k("a")))).isEmpty();
        assertThat(keys(store.reverseRange(k("b"), k("bz")))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void keysThatArePrefixesOfEachOtherSortByUnsignedBytes(Config c) {
        open(c);
        for (String s : List.of("ab", "a", "b", "aa", "aab", "")) {
            store.put(k(s), "v" + s);
        }
        store.put(bytes(0x80), "high");
        assertThat(keys(store.all())).containsExactly("", "a", "aa", "aab", "ab", "b", "\\x80");
        assertThat(keys(store.range(k("a"), k("aa")))).containsExactly("a", "aa");
        assertThat(keys(store.range(k("aa"), k("ab")))).containsExactly("aa", "aab", "ab");
        assertThat(keys(store.reverseRange(k("a"), k("ab")))).containsExactly("ab", "aab", "aa", "a");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void reverseRangeAndReverseAllIterateDescending(Config c) {
        open(c);
        for (String s : List.of("a", "b", "c", "d")) {
            store.put(k(s), s);
        }
        assertThat(keys(store.reverseRange(k("b"), k("d")))).containsExactly("d", "c", "b");
        assertThat(keys(store.reverseRange(null, k("b")))).containsExactly("b", "a");
        assertThat(keys(store.reverseRange(k("c"), null))).containsExactly("d", "c");
        assertThat(keys(store.reverseRange(k("bb"), k("cc")))).containsExactly("c");
        assertThat(keys(store.reverseAll())).containsExactly("d", "c", "b", "a");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void prefixScanHandles0xFFBytes(Config c) {
        open(c);
        store.put(bytes(0xFE, 0xFF), "1");
        store.put(bytes(0xFF), "2");
        store.put(bytes(0xFF, 0x00), "3");
        store.put(bytes(0xFF, 0xFF), "4");
        store.put(bytes(0xFF, 0xFF, 0x01), "5");
        store.put(bytes(0x00), "6");
        store.flush();
        store.put(bytes(0xFF, 0xFF, 0xFF), "7");
        store.put(bytes(0xFF, 0xFF), "4b");
        try (KeyValueIterator<Bytes, String> it = store.prefixScan(bytes(0xFF, 0xFF), TestSerdes.bytes().serializer())) {
            List<String> values = new ArrayList<>();
            it.forEachRemaining(kv -> values.add(kv.value));
            assertThat(values).containsExactly("4b", "5", "7");
        }
        try (KeyValueIterator<Bytes, String> it = store.prefixScan(bytes(0xFF), TestSerdes.bytes().serializer())) {
            List<String> values = new ArrayList<>();
            it.forEachRemaining(kv -> values.add(kv.value));
            assertThat(values).containsExactly("2", "3", "4b", "5", "7");
        }
        try (KeyValueIterator<Bytes, String> it = store.prefixScan(bytes(0xFE), TestSerdes.bytes().serializer())) {
            assertThat(it.next().value).isEqualTo("1");
            assertThat(it.hasNext()).isFalse();
        }
        try (KeyValueIterator<String, String> none = null) {
            assertThat(keys(store.prefixScan(bytes(0x01), TestSerdes.bytes().serializer()))).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void deletesStillOnlyInTheCacheAreHiddenFromRangeAndAll(Config c) {
        open(c);
        for (String s : List.of("a", "b", "c", "d")) {
            store.put(k(s), s);
        }
        store.flush();
        store.delete(k("b"));
        store.put(k("d"), null);
        store.put(k("e"), "e");
        assertThat(keys(store.all())).containsExactly("a", "c", "e");
        assertThat(keys(store.reverseAll())).containsExactly("e", "c", "a");
        assertThat(keys(store.range(k("a"), k("d")))).containsExactly("a", "c");
        assertThat(keys(store.reverseRange(k("b"), k("d")))).containsExactly("c");
        assertThat(keys(store.prefixScan(k("b"), TestSerdes.bytes().serializer()))).isEmpty();
        store.flush();
        assertThat(keys(store.all())).containsExactly("a", "c", "e");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void iteratorsMergeCachedUpdatesWithFlushedEntries(Config c) {
        open(c);
        for (int i = 0; i < 20; i += 2) {
            store.put(k(String.format("k%02d", i)), "flushed" + i);
        }
        store.flush();
        for (int i = 1; i < 20; i += 2) {
            store.put(k(String.format("k%02d", i)), "cached" + i);
        }
        store.put(k("k04"), "updated4");
        Map<String, String> all = entries(store.all());
        assertThat(all).hasSize(20);
        assertThat(all.get("k04")).isEqualTo("updated4");
        assertThat(all.get("k05")).isEqualTo("cached5");
        assertThat(all.get("k06")).isEqualTo("flushed6");
        assertThat(keys(store.range(k("k03"), k("k06")))).containsExactly("k03", "k04", "k05", "k06");
        assertThat(keys(store.reverseRange(k("k03"), k("k06")))).containsExactly("k06", "k05", "k04", "k03");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void peekNextKeyDoesNotAdvance(Config c) {
        open(c);
        store.put(k("a"), "1");
        store.put(k("b"), "2");
        try (KeyValueIterator<Bytes, String> it = store.all()) {
            assertThat(it.peekNextKey()).isEqualTo(k("a"));
            assertThat(it.peekNextKey()).isEqualTo(k("a"));
            assertThat(it.next().key).isEqualTo(k("a"));
            assertThat(it.peekNextKey()).isEqualTo(k("b"));
            it.next();
            assertThat(it.hasNext()).isFalse();
            assertThatThrownBy(it::peekNextKey).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void approximateNumEntriesCountsFlushedEntries(Config c) {
        open(c);
        for (int i = 0; i < 50; i++) {
            store.put(k("key" + i), "v");
        }
        store.flush();
        assertThat(store.approximateNumEntries()).isEqualTo(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void nullKeysAreRejected(Config c) {
        open(c);
        assertThatThrownBy(() -> store.put(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.delete(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void closedStoreRejectsAccessNamingTheStore(Config c) {
        open(c);
        store.put(k("a"), "1");
        store.flush();
        store.close();
        assertThat(store.isOpen()).isFalse();
        assertThatThrownBy(() -> store.get(k("a"))).isInstanceOf(InvalidStateStoreException.class)
                .hasMessageContaining("store");
        assertThatThrownBy(() -> store.put(k("a"), "2")).isInstanceOf(InvalidStateStoreException.class);
        assertThatThrownBy(() -> store.all()).isInstanceOf(InvalidStateStoreException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void manyKeysRoundTripInOrder(Config c) {
        open(c);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String key = Integer.toString(i * 7919 % 1000, 16);
            store.put(k(key), key);
            expected.add(key);
        }
        String[] sorted = expected.stream().distinct().toArray(String[]::new);
        Arrays.sort(sorted);
        assertThat(keys(store.all())).containsExactly(sorted);
    }
}

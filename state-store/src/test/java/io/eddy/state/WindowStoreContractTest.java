package io.eddy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eddy.serialization.Bytes;
import io.eddy.state.internal.CachingWindowStore;
import io.eddy.state.internal.ChangeLoggingWindowBytesStore;
import io.eddy.state.internal.RocksObjectRegistry;
import io.eddy.state.internal.SegmentedWindowBytesStoreSupplier;
import io.eddy.state.internal.SegmentedWindowStore;
import io.eddy.state.internal.SerializingWindowStore;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract for every window store configuration: RocksDB and in-memory segments, each with and without record
 * cache and changelog. Retention 1000 ms, segments of 500 ms, windows of 100 ms. After every test the invariants are
 * checked: backward iteration mirrors forward iteration, nothing expired is returned, and no iterator is left open.
 */
class WindowStoreContractTest {

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

    static final long RETENTION = 1000;
    static final long SEGMENT = 500;
    static final long SIZE = 100;

    private static RocksDBMemoryBudget budget;

    @TempDir
    File dir;

    private Config config;
    private FakeChangelog changelog;
    private TestContext context;
    private WindowStore<Bytes, String> store;
    private long cacheBytes = 1024 * 1024;

    @BeforeAll
    static void createBudget() {
        budget = RocksDBMemoryBudget.create(16L * 1024 * 1024, 0.25);
    }

    @AfterAll
    static void closeBudget() {
        budget.close();
    }

    static SegmentedWindowBytesStoreSupplier supplier(Engine engine, boolean retainDuplicates) {
        return new SegmentedWindowBytesStoreSupplier("windows", RETENTION, SEGMENT, SIZE, retainDuplicates,
                engine.persistent(), false);
    }

    private <T extends StateStore> T build(StoreBuilder<T> builder, Config c, File stateDir) {
        changelog = changelog == null ? new FakeChangelog() : changelog;
        context = new TestContext(stateDir, changelog, cacheBytes, budget);
        if (c.engine() == Engine.ROCKSDB_EOS) {
            context.config(TaskStateManager.EXACTLY_ONCE_CONFIG, "true");
        }
        builder = c.caching() ? builder.withCachingEnabled() : builder.withCachingDisabled();
        builder = c.logging() ? builder.withLoggingEnabled(Map.of()) : builder.withLoggingDisabled();
        T built = builder.build();
        built.init(context, built);
        return built;
    }

    private WindowStore<Bytes, String> open(Config c) {
        config = c;
        store = build(Stores.windowStoreBuilder(supplier(c.engine(), false), TestSerdes.bytes(), TestSerdes.string()),
                c, dir);
        return store;
    }

    /** @return the innermost segmented store under the layers of {@code typed} */
    static SegmentedWindowStore segmented(WindowStore<?, ?> typed) {
        WindowStore<Bytes, byte[]> bytes = ((SerializingWindowStore<?, ?>) typed).bytesStore();
        if (bytes instanceof CachingWindowStore caching) {
            bytes = caching.inner();
        }
        if (bytes instanceof ChangeLoggingWindowBytesStore logging) {
            bytes = logging.inner();
        }
        return (SegmentedWindowStore) bytes;
    }

    static Bytes k(String s) {
        return new Bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static <K> List<String> windows(KeyValueIterator<Windowed<K>, String> it) {
        try (it) {
            List<String> out = new ArrayList<>();
            while (it.hasNext()) {
                KeyValue<Windowed<K>, String> kv = it.next();
                out.add(kv.key.key() + "@" + kv.key.window().start() + "=" + kv.value);
            }
            return out;
        }
    }

    static List<String> starts(WindowStoreIterator<String> it) {
        try (it) {
            List<String> out = new ArrayList<>();
            it.forEachRemaining(kv -> out.add(kv.key + "=" + kv.value));
            return out;
        }
    }

    /** The commit point of the test: a flush, or in exactly-once mode the state manager's commit. */
    private void commit(StateStore s) {
        if (config != null && config.engine() == Engine.ROCKSDB_EOS) {
            context.stateManager().flush();
            context.stateManager().commit(changelog.lastWrittenOffsets());
        } else {
            s.flush();
        }
    }

    @AfterEach
    void checkInvariantsAndClose() {
        if (store == null) {
            return;
        }
        try {
            if (store.isOpen()) {
                List<String> forward = windows(store.all());
                List<String> backward = windows(store.backwardAll());
                Collections.reverse(backward);
                assertThat(backward).as("backwardAll mirrors all").isEqualTo(forward);
                long minLive = segmented(store).observedStreamTime() - RETENTION;
                try (KeyValueIterator<Windowed<Bytes>, String> it = store.all()) {
                    it.forEachRemaining(kv -> assertThat(kv.key.window().start()).isGreaterThan(minLive));
                }
                assertThat(segmented(store).openIteratorCount()).as("iterators left open").isZero();
            }
        } finally {
            store.close();
            context.stateManager().close();
        }
        if (config.engine().persistent()) {
            for (RocksObjectRegistry registry : segmented(store).nativeObjects()) {
                assertThat(registry.ownedHandleCount()).as("native handles still owned after close").isZero();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void putThenFetchExactWindowStart(Config c) {
        open(c);
        store.put(k("a"), "v0", 0);
        store.put(k("a"), "v100", 100);
        assertThat(store.fetch(k("a"), 0)).isEqualTo("v0");
        assertThat(store.fetch(k("a"), 100)).isEqualTo("v100");
        assertThat(store.fetch(k("a"), 50)).isNull();
        assertThat(store.fetch(k("b"), 0)).isNull();
        store.put(k("a"), "v0b", 0);
        assertThat(store.fetch(k("a"), 0)).as("overwrite without retainDuplicates").isEqualTo("v0b");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void fetchTimeRangeIsInclusiveOnBothEndsAndOrderedByStart(Config c) {
        open(c);
        for (long t : new long[] {300, 0, 200, 100, 400}) {
            store.put(k("a"), "v" + t, t);
        }
        store.put(k("b"), "x", 200);
        assertThat(starts(store.fetch(k("a"), 100, 300))).containsExactly("100=v100", "200=v200", "300=v300");
        assertThat(starts(store.fetch(k("a"), 101, 299))).containsExactly("200=v200");
        assertThat(starts(store.backwardFetch(k("a"), 100, 300))).containsExactly("300=v300", "200=v200", "100=v100");
        assertThat(starts(store.fetch(k("a"), 300, 100))).as("inverted time range").isEmpty();
        assertThat(starts(store.fetch(k("a"), java.time.Instant.ofEpochMilli(0), java.time.Instant.ofEpochMilli(0))))
                .containsExactly("0=v0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void fetchAcrossSegmentsKeepsTimeOrder(Config c) {
        open(c);
        for (long t = 0; t <= 900; t += 150) {
            store.put(k("a"), "v" + t, t);
        }
        assertThat(starts(store.fetch(k("a"), 0, 900))).containsExactly("0=v0", "150=v150", "300=v300", "450=v450",
                "600=v600", "750=v750", "900=v900");
        assertThat(windows(store.fetch(k("a"), k("a"), 400, 700))).containsExactly("a@450=v450", "a@600=v600");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void nullValueDeletesTheWindow(Config c) {
        open(c);
        store.put(k("a"), "v", 100);
        store.put(k("a"), null, 100);
        assertThat(store.fetch(k("a"), 100)).isNull();
        assertThat(starts(store.fetch(k("a"), 0, 1000))).isEmpty();
        commit(store);
        assertThat(store.fetch(k("a"), 100)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void rangeFetchReturnsExactlyTheKeysInRangeEvenWhenKeysArePrefixesOfEachOther(Config c) {
        open(c);
        // keys whose bytes continue like a window start would: "a" + 00.. interleaves with "a\0" in raw order
        Bytes a = TestSerdes.bytes('a');
        Bytes a0 = TestSerdes.bytes('a', 0);
        Bytes a00 = TestSerdes.bytes('a', 0, 0, 0, 0, 0, 0, 0, 0);
        Bytes aff = TestSerdes.bytes('a', 0xFF);
        Bytes b = TestSerdes.bytes('b');
        List<Bytes> keys = List.of(a, a0, a00, aff, b);
        for (Bytes key : keys) {
            for (long t : new long[] {0, 5, 300, 900}) {
                store.put(key, key + "@" + t, t);
            }
        }
        store.put(new Bytes(new byte[0]), "empty", 5);
        assertThat(starts(store.fetch(a, 0, 900))).containsExactly("0=a@0", "5=a@5", "300=a@300", "900=a@900");
        assertThat(starts(store.fetch(a0, 5, 300))).containsExactly("5=a\\x00@5", "300=a\\x00@300");
        for (Bytes from : keys) {
            for (Bytes to : keys) {
                if (from.compareTo(to) > 0) {
                    continue;
                }
                Set<String> expected = new TreeSet<>();
                for (Bytes key : keys) {
                    if (key.compareTo(from) >= 0 && key.compareTo(to) <= 0) {
                        for (long t : new long[] {5, 300}) {
                            expected.add(key + "@" + t + "=" + key + "@" + t);
                        }
                    }
                }
                List<String> actual = windows(store.fetch(from, to, 5, 300));
                assertThat(new TreeSet<>(actual)).as("fetch(%s, %s)", from, to).isEqualTo(expected);
                assertThat(actual).as("no duplicates").hasSize(expected.size());
            }
        }
        assertThat(windows(store.fetch(null, a, 0, 5))).as("open lower bound: the empty key and a")
                .containsExactlyInAnyOrder("@5=empty", "a@0=a@0", "a@5=a@5");
        assertThat(windows(store.fetch(null, null, 5, 5))).hasSize(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void fetchAllAndAllOrderByKeyBytesThenStartAndBackwardReverses(Config c) {
        open(c);
        store.put(k("b"), "b200", 200);
        store.put(k("a"), "a300", 300);
        store.put(k("c"), "c0", 0);
        store.put(k("a"), "a100", 100);
        store.put(k("b"), "b100", 100);
        assertThat(windows(store.all())).containsExactly("a@100=a100", "a@300=a300", "b@100=b100", "b@200=b200",
                "c@0=c0");
        assertThat(windows(store.fetchAll(100, 200))).containsExactly("a@100=a100", "b@100=b100", "b@200=b200");
        assertThat(windows(store.backwardFetchAll(100, 200))).containsExactly("b@200=b200", "b@100=b100",
                "a@100=a100");
        assertThat(windows(store.fetch(k("a"), k("b"), 0, 150))).containsExactly("a@100=a100", "b@100=b100");
        assertThat(windows(store.backwardFetch(k("a"), k("b"), 0, 150))).containsExactly("b@100=b100", "a@100=a100");
        assertThat(windows(store.fetch(k("b"), k("a"), 0, 1000))).as("inverted key range").isEmpty();
        try (KeyValueIterator<Windowed<Bytes>, String> it = store.fetchAll(0, 1000)) {
            Windowed<Bytes> first = it.next().key;
            assertThat(first.window()).isEqualTo(new TimeWindow(100, 100 + SIZE));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void advancingStreamTimeDropsExpiredWindowsAndWholeSegments(Config c) {
        open(c);
        store.put(k("a"), "v0", 0);
        store.put(k("a"), "v600", 600);
        store.put(k("a"), "v1200", 1200);
        commit(store);
        // stream time 1200: windows starting at or before 200 have expired
        assertThat(store.fetch(k("a"), 0)).isNull();
        assertThat(starts(store.fetch(k("a"), 0, 2000))).containsExactly("600=v600", "1200=v1200");
        SegmentedWindowStore bottom = segmented(store);
        assertThat(bottom.observedStreamTime()).isEqualTo(1200);
        assertThat(bottom.segmentStarts()).containsExactly(0L, 500L, 1000L);
        store.put(k("a"), "v2000", 2000);
        commit(store);
        // stream time 2000: live windows start after 1000, so segments [0, 500) and [500, 1000) are dropped whole
        assertThat(bottom.segmentStarts()).containsExactly(1000L, 2000L);
        assertThat(starts(store.fetch(k("a"), 0, 3000))).containsExactly("1200=v1200", "2000=v2000");
        if (c.engine().persistent()) {
            assertThat(new File(dir, "windows/windows.0")).doesNotExist();
            assertThat(new File(dir, "windows/windows.1000")).isDirectory();
        }
        store.put(k("a"), "late", 900);
        commit(store);
        assertThat(store.fetch(k("a"), 900)).as("writes to expired windows are ignored").isNull();
        assertThat(bottom.segmentStarts()).containsExactly(1000L, 2000L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void changelogHoldsKeyAndWindowStartAndRestoreRebuildsIdenticalContents(Config c) {
        assumeTrue(c.logging());
        open(c);
        context.setRecordTimestamp(7);
        store.put(k("a"), "a100", 100);
        store.put(k("b"), "b200", 200);
        store.put(k("a"), "a600", 600);
        store.put(k("b"), "gone", 300);
        store.put(k("b"), null, 300);
        commit(store);
        ChangelogPartition partition = context.changelogFor("windows");
        List<ChangelogRecord> records = changelog.records(partition);
        assertThat(records).isNotEmpty();
        ChangelogRecord first = records.get(0);
        assertThat(first.key()).hasSize(1 + 8);
        assertThat(first.timestamp()).isEqualTo(7);
        assertThat(changelog.compacted(partition)).hasSize(3);
        List<String> before = windows(store.all());
        store.close();
        context.stateManager().close();

        File fresh = new File(dir, "restored");
        store = build(Stores.windowStoreBuilder(supplier(c.engine(), false), TestSerdes.bytes(), TestSerdes.string()),
                c, fresh);
        context.stateManager().restore(changelog, StateRestoreListener.NO_OP);
        assertThat(windows(store.all())).isEqualTo(before);
        assertThat(segmented(store).observedStreamTime()).isEqualTo(600);
        StoreBuilder<WindowStore<Bytes, String>> builder =
                Stores.windowStoreBuilder(supplier(c.engine(), false), TestSerdes.bytes(), TestSerdes.string());
        assertThat(builder.changelogTopicConfig()).containsEntry("cleanup.policy", "compact,delete")
                .containsEntry("retention.ms", Long.toString(RETENTION + 24L * 60 * 60 * 1000));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void persistentStoreReopensItsSegmentsFromDisk(Config c) {
        assumeTrue(c.engine().persistent());
        open(c);
        store.put(k("a"), "a100", 100);
        store.put(k("b"), "b700", 700);
        commit(store);
        List<String> before = windows(store.all());
        store.close();
        context.stateManager().close();
        store = build(Stores.windowStoreBuilder(supplier(c.engine(), false), TestSerdes.bytes(), TestSerdes.string()),
                c, dir);
        assertThat(windows(store.all())).isEqualTo(before);
        assertThat(segmented(store).segmentStarts()).containsExactly(0L, 500L);
        if (c.engine() == Engine.ROCKSDB_EOS) {
            assertThat(segmented(store).observedStreamTime()).as("exactly-once: the committed stream time")
                    .isEqualTo(700);
        } else {
            assertThat(segmented(store).observedStreamTime()).as("lower bound: the newest segment's start")
                    .isEqualTo(500);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void readsFromAnotherThreadNeverFailWhileTheWriterAdvancesAndDropsSegments(Config c) throws Exception {
        open(c);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            started.countDown();
            try {
                while (!done.get()) {
                    for (String w : windows(store.fetchAll(0, Long.MAX_VALUE))) {
                        String[] parts = w.split("[@=]");
                        assertThat(parts[2]).isEqualTo("v" + parts[1]);
                    }
                    starts(store.backwardFetch(k("k1"), 0, Long.MAX_VALUE));
                    store.fetch(k("k2"), 100);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "iq-reader");
        reader.start();
        started.await();
        for (long t = 0; t < 4000; t += 20) {
            store.put(k("k" + (t % 3)), "v" + t, t);
            if (t % 200 == 0) {
                commit(store);
            }
        }
        commit(store);
        done.set(true);
        reader.join(10_000);
        assertThat(failure.get()).isNull();
        assertThat(segmented(store).segmentStarts()).hasSizeLessThanOrEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void iteratorLeftOpenIsClosedByTheStore(Config c) {
        open(c);
        store.put(k("a"), "v", 100);
        commit(store);
        KeyValueIterator<Windowed<Bytes>, String> leaked = store.all();
        assertThat(leaked.hasNext()).isTrue();
        assertThat(segmented(store).openIteratorCount()).isEqualTo(1);
        store.close();
        assertThat(segmented(store).openIteratorCount()).isZero();
        assertThatThrownBy(leaked::hasNext).isInstanceOf(InvalidStateStoreException.class);
        assertThatThrownBy(() -> store.fetch(k("a"), 100)).isInstanceOf(InvalidStateStoreException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void cachedStoreFlushesOneDeduplicatedUpdatePerWindowWithOldValues(Config c) throws Exception {
        assumeTrue(c.caching());
        open(c);
        List<String> updates = new ArrayList<>();
        @SuppressWarnings("unchecked")
        CachedStateStore<Windowed<Bytes>, String> cached = (CachedStateStore<Windowed<Bytes>, String>) store;
        assertThat(cached.setFlushListener((key, newValue, oldValue, ts) ->
                updates.add(key.key() + "@" + key.window().start() + ":" + oldValue + "->" + newValue), true))
                .isTrue();
        store.put(k("a"), "1", 100);
        store.put(k("a"), "2", 100);
        store.put(k("b"), "x", 100);
        assertThat(updates).isEmpty();
        AtomicReference<String> seenByOtherThread = new AtomicReference<>("unset");
        Thread iq = new Thread(() -> seenByOtherThread.set(store.fetch(k("a"), 100)));
        iq.start();
        iq.join();
        assertThat(seenByOtherThread.get()).as("interactive queries see only flushed state").isNull();
        assertThat(store.fetch(k("a"), 100)).isEqualTo("2");
        cached.flushCache();
        assertThat(updates).containsExactly("a@100:null->2", "b@100:null->x");
        store.put(k("a"), "3", 100);
        commit(store);
        assertThat(updates).endsWith("a@100:2->3");
        if (c.logging()) {
            assertThat(changelog.recordCount(context.changelogFor("windows"))).isEqualTo(3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void cacheOverItsBudgetEvictsAndWritesDirtyWindowsDown(Config c) {
        assumeTrue(c.caching());
        cacheBytes = 1000; // a handful of entries
        open(c);
        List<String> updates = new ArrayList<>();
        @SuppressWarnings("unchecked")
        CachedStateStore<Windowed<Bytes>, String> cached = (CachedStateStore<Windowed<Bytes>, String>) store;
        cached.setFlushListener((key, newValue, oldValue, ts) -> updates.add(key.key() + "@" + key.window().start()),
                false);
        for (int i = 0; i < 50; i++) {
            store.put(k("k" + i), "v" + i, 100);
        }
        assertThat(updates).as("evicting a dirty entry wrote dirty entries down before any flush").isNotEmpty();
        assertThat(context.cache().sizeBytes()).isLessThanOrEqualTo(1000);
        commit(store);
        assertThat(updates).hasSize(50);
        assertThat(windows(store.fetchAll(100, 100))).hasSize(50);
        if (c.logging()) {
            assertThat(changelog.recordCount(context.changelogFor("windows"))).isEqualTo(50);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void cacheWithZeroBudgetPassesEveryWriteThroughAndReportsItAtOnce(Config c) {
        assumeTrue(c.caching());
        cacheBytes = 0;
        open(c);
        List<String> updates = new ArrayList<>();
        @SuppressWarnings("unchecked")
        CachedStateStore<Windowed<Bytes>, String> cached = (CachedStateStore<Windowed<Bytes>, String>) store;
        assertThat(cached.setFlushListener((key, newValue, oldValue, ts) -> updates.add(oldValue + "->" + newValue),
                true)).isTrue();
        store.put(k("a"), "1", 100);
        store.put(k("a"), "2", 100);
        assertThat(updates).containsExactly("null->1", "1->2");
        assertThat(segmented(store).fetch(k("a"), 100)).isEqualTo("2".getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void typedFacadeRoundTripsKeysAndValues(Config c) {
        config = c;
        WindowStore<String, Long> typed = build(Stores.windowStoreBuilder(supplier(c.engine(), false),
                TestSerdes.string(), TestSerdes.longSerde()), c, dir);
        try {
            typed.put("alice", 5L, 100);
            typed.put("bob", 7L, 100);
            assertThat(typed.fetch("alice", 100)).isEqualTo(5L);
            try (KeyValueIterator<Windowed<String>, Long> it = typed.fetch("alice", "bob", 0, 200)) {
                assertThat(it.next()).isEqualTo(KeyValue.pair(new Windowed<>("alice", new TimeWindow(100, 200)), 5L));
                assertThat(it.next().key.key()).isEqualTo("bob");
                assertThat(it.hasNext()).isFalse();
            }
        } finally {
            typed.close();
            context.stateManager().close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void timestampedStoreKeepsRecordTimestampsAndRestoresThemFromThePlainChangelog(Config c) {
        config = c;
        TimestampedWindowStore<String, String> typed = build(Stores.timestampedWindowStoreBuilder(
                supplier(c.engine(), false), TestSerdes.string(), TestSerdes.string()), c, dir);
        typed.put("k", ValueAndTimestamp.make("v", 77), 100);
        assertThat(typed.fetch("k", 100)).isEqualTo(ValueAndTimestamp.make("v", 77));
        commit(typed);
        typed.close();
        context.stateManager().close();
        if (!c.logging()) {
            return;
        }
        ChangelogRecord record = changelog.records(context.changelogFor("windows")).get(0);
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("v");
        assertThat(record.timestamp()).isEqualTo(77);
        TimestampedWindowStore<String, String> restored = build(Stores.timestampedWindowStoreBuilder(
                supplier(c.engine(), false), TestSerdes.string(), TestSerdes.string()), c, new File(dir, "r"));
        try {
            context.stateManager().restore(changelog, StateRestoreListener.NO_OP);
            assertThat(restored.fetch("k", 100)).isEqualTo(ValueAndTimestamp.make("v", 77));
        } finally {
            restored.close();
            context.stateManager().close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void retainDuplicatesKeepsEveryPutInOrderAndIgnoresNulls(Config c) {
        config = c;
        store = build(Stores.windowStoreBuilder(supplier(c.engine(), true), TestSerdes.bytes(), TestSerdes.string()),
                c, dir);
        assertThat(((SerializingWindowStore<?, ?>) store).bytesStore()).as("join buffers are never cached")
                .isNotInstanceOf(CachingWindowStore.class);
        store.put(k("a"), "x", 100);
        store.put(k("a"), "y", 100);
        store.put(k("a"), "x", 100);
        store.put(k("a"), null, 100);
        store.put(k("a"), "z", 200);
        assertThat(starts(store.fetch(k("a"), 0, 1000))).containsExactly("100=x", "100=y", "100=x", "200=z");
        assertThat(starts(store.backwardFetch(k("a"), 0, 1000))).containsExactly("200=z", "100=x", "100=y", "100=x");
        assertThat(store.fetch(k("a"), 100)).isEqualTo("x");
        if (c.logging()) {
            commit(store);
            List<ChangelogRecord> records = changelog.records(context.changelogFor("windows"));
            assertThat(records).hasSize(4);
            assertThat(records.get(0).key()).hasSize(1 + 8 + 4);
            List<String> before = windows(store.all());
            store.close();
            context.stateManager().close();
            store = build(Stores.windowStoreBuilder(supplier(c.engine(), true), TestSerdes.bytes(),
                    TestSerdes.string()), c, new File(dir, "r"));
            context.stateManager().restore(changelog, StateRestoreListener.NO_OP);
            assertThat(windows(store.all())).isEqualTo(before);
            store.put(k("a"), "w", 100);
            assertThat(starts(store.fetch(k("a"), 100, 100))).as("new duplicates never overwrite restored ones")
                    .containsExactly("100=x", "100=y", "100=x", "100=w");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void retainDuplicatesStoreReopenedFromDiskNeverOverwritesOldDuplicates(Config c) {
        assumeTrue(c.engine().persistent());
        config = c;
        store = build(Stores.windowStoreBuilder(supplier(c.engine(), true), TestSerdes.bytes(), TestSerdes.string()),
                c, dir);
        store.put(k("a"), "x", 100);
        store.put(k("a"), "y", 100);
        commit(store);
        store.close();
        context.stateManager().close();
        store = build(Stores.windowStoreBuilder(supplier(c.engine(), true), TestSerdes.bytes(), TestSerdes.string()),
                c, dir);
        store.put(k("a"), "z", 100);
        assertThat(starts(store.fetch(k("a"), 100, 100))).containsExactly("100=x", "100=y", "100=z");
    }

    @Test
    void factoriesValidateLikeKafkaStreams() {
        assertThatThrownBy(() -> Stores.persistentWindowStore("w", Duration.ofMillis(10), Duration.ofMillis(20), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("windowSize=20ms").hasMessageContaining("retentionPeriod=10ms");
        assertThatThrownBy(() -> Stores.inMemoryWindowStore("w", Duration.ofMillis(-1), Duration.ZERO, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retentionPeriod");
        assertThatThrownBy(() -> Stores.persistentWindowStore("w", Duration.ofDays(1), Duration.ofMillis(-5), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("windowSize");
        assertThatThrownBy(() -> Stores.persistentWindowStore(null, Duration.ofDays(1), Duration.ZERO, false))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Stores.persistentWindowStore("bad/name", Duration.ofDays(1), Duration.ZERO, false))
                .isInstanceOf(IllegalArgumentException.class);
        WindowBytesStoreSupplier supplier =
                Stores.persistentTimestampedWindowStore("w", Duration.ofHours(1), Duration.ofMinutes(5), true);
        assertThat(supplier.retentionPeriod()).isEqualTo(3_600_000L);
        assertThat(supplier.windowSize()).isEqualTo(300_000L);
        assertThat(supplier.segmentIntervalMs()).isEqualTo(1_800_000L);
        assertThat(supplier.retainDuplicates()).isTrue();
        assertThat(Stores.inMemoryWindowStore("w", Duration.ofSeconds(10), Duration.ofSeconds(1), false)
                .segmentIntervalMs()).as("at least one minute").isEqualTo(60_000L);
        assertThat(Stores.inMemoryWindowStore("w", Duration.ofSeconds(10), Duration.ofSeconds(1), false).get()
                .persistent()).isFalse();
    }
}

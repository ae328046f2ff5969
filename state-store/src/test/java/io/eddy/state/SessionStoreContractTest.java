package io.eddy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.eddy.serialization.Bytes;
import io.eddy.state.internal.CachingSessionStore;
import io.eddy.state.internal.ChangeLoggingSessionBytesStore;
import io.eddy.state.internal.RocksObjectRegistry;
import io.eddy.state.internal.SegmentedSessionBytesStoreSupplier;
import io.eddy.state.internal.SegmentedSessionStore;
import io.eddy.state.internal.SerializingSessionStore;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * One contract for every session store configuration: RocksDB and in-memory segments, each with and without record
 * cache and changelog. Retention 1000 ms, segments of 500 ms. After every test: backward iteration mirrors forward
 * iteration, nothing expired is returned, and no iterator is left open; after close no native handle is owned.
 */
class SessionStoreContractTest {

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

    private static RocksDBMemoryBudget budget;

    @TempDir
    File dir;

    private Config config;
    private FakeChangelog changelog;
    private TestContext context;
    private SessionStore<Bytes, String> store;

    @BeforeAll
    static void createBudget() {
        budget = RocksDBMemoryBudget.create(16L * 1024 * 1024, 0.25);
    }

    @AfterAll
    static void closeBudget() {
        budget.close();
    }

    static SegmentedSessionBytesStoreSupplier supplier(Engine engine) {
        return new SegmentedSessionBytesStoreSupplier("sessions", RETENTION, SEGMENT, engine.persistent());
    }

    private <T extends StateStore> T build(StoreBuilder<T> builder, Config c, File stateDir) {
        config = c;
        changelog = changelog == null ? new FakeChangelog() : changelog;
        context = new TestContext(stateDir, changelog, 1024 * 1024, budget);
        if (c.engine() == Engine.ROCKSDB_EOS) {
            context.config(TaskStateManager.EXACTLY_ONCE_CONFIG, "true");
        }
        builder = c.caching() ? builder.withCachingEnabled() : builder.withCachingDisabled();
        builder = c.logging() ? builder.withLoggingEnabled(Map.of()) : builder.withLoggingDisabled();
        T built = builder.build();
        built.init(context, built);
        return built;
    }

    private SessionStore<Bytes, String> open(Config c) {
        store = build(Stores.sessionStoreBuilder(supplier(c.engine()), TestSerdes.bytes(), TestSerdes.string()), c,
                dir);
        return store;
    }

    static SegmentedSessionStore segmented(SessionStore<?, ?> typed) {
        SessionStore<Bytes, byte[]> bytes = ((SerializingSessionStore<?, ?>) typed).bytesStore();
        if (bytes instanceof CachingSessionStore caching) {
            bytes = caching.inner();
        }
        if (bytes instanceof ChangeLoggingSessionBytesStore logging) {
            bytes = logging.inner();
        }
        return (SegmentedSessionStore) bytes;
    }

    static Bytes k(String s) {
        return new Bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static Windowed<Bytes> session(Bytes key, long start, long end) {
        return new Windowed<>(key, new SessionWindow(start, end));
    }

    static <K> List<String> sessions(KeyValueIterator<Windowed<K>, String> it) {
        try (it) {
            List<String> out = new ArrayList<>();
            while (it.hasNext()) {
                KeyValue<Windowed<K>, String> kv = it.next();
                out.add(kv.key.key() + "[" + kv.key.window().start() + "," + kv.key.window().end() + "]=" + kv.value);
            }
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
                List<String> forward = sessions(store.fetch(null, null));
                List<String> backward = sessions(store.backwardFetch(null, null));
                Collections.reverse(backward);
                assertThat(backward).as("backward mirrors forward").isEqualTo(forward);
                long minLive = segmented(store).observedStreamTime() - RETENTION;
                try (KeyValueIterator<Windowed<Bytes>, String> it = store.fetch(null, null)) {
                    it.forEachRemaining(kv -> assertThat(kv.key.window().end()).isGreaterThan(minLive));
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
    void putFetchSessionAndRemove(Config c) {
        open(c);
        store.put(session(k("a"), 10, 20), "s1");
        assertThat(store.fetchSession(k("a"), 10, 20)).isEqualTo("s1");
        assertThat(store.fetchSession(k("a"), 10, 21)).isNull();
        store.put(session(k("a"), 10, 20), "s1b");
        assertThat(store.fetchSession(k("a"), 10, 20)).isEqualTo("s1b");
        store.remove(session(k("a"), 10, 20));
        assertThat(store.fetchSession(k("a"), 10, 20)).isNull();
        store.put(session(k("a"), 30, 30), "s2");
        store.put(session(k("a"), 30, 30), null);
        assertThat(sessions(store.fetch(k("a")))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void findSessionsReturnsSessionsTouchingTheIntervalWithInclusiveEdges(Config c) {
        open(c);
        store.put(session(k("a"), 0, 10), "A");
        store.put(session(k("a"), 20, 30), "B");
        store.put(session(k("a"), 40, 40), "C");
        store.put(session(k("b"), 15, 25), "other");
        // end >= earliestEnd and start <= latestStart
        assertThat(sessions(store.findSessions(k("a"), 10, 20))).containsExactly("a[0,10]=A", "a[20,30]=B");
        assertThat(sessions(store.findSessions(k("a"), 11, 19))).as("gap between sessions").isEmpty();
        assertThat(sessions(store.findSessions(k("a"), 30, 40))).containsExactly("a[20,30]=B", "a[40,40]=C");
        assertThat(sessions(store.findSessions(k("a"), 31, 39))).isEmpty();
        // a record at 35 with an inactivity gap of 5 merges with the adjacent sessions on both sides
        assertThat(sessions(store.findSessions(k("a"), 35 - 5, 35 + 5))).containsExactly("a[20,30]=B", "a[40,40]=C");
        assertThat(sessions(store.backwardFindSessions(k("a"), 0, 100))).containsExactly("a[40,40]=C", "a[20,30]=B",
                "a[0,10]=A");
        assertThat(sessions(store.findSessions(k("a"), java.time.Instant.ofEpochMilli(40),
                java.time.Instant.ofEpochMilli(40)))).containsExactly("a[40,40]=C");
        assertThat(sessions(store.findSessions(k("a"), k("b"), 20, 20))).containsExactly("a[20,30]=B",
                "b[15,25]=other");
        assertThat(sessions(store.backwardFindSessions(k("a"), k("b"), 20, 20))).containsExactly("b[15,25]=other",
                "a[20,30]=B");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void sessionsOfOneKeyAreOrderedByEndThenStart(Config c) {
        open(c);
        store.put(session(k("a"), 5, 30), "x");
        store.put(session(k("a"), 0, 30), "y");
        store.put(session(k("a"), 600, 700), "z");
        store.put(session(k("a"), 10, 20), "w");
        assertThat(sessions(store.fetch(k("a")))).containsExactly("a[10,20]=w", "a[0,30]=y", "a[5,30]=x",
                "a[600,700]=z");
        assertThat(sessions(store.backwardFetch(k("a")))).containsExactly("a[600,700]=z", "a[5,30]=x", "a[0,30]=y",
                "a[10,20]=w");
        assertThat(sessions(store.findSessions(25, 700))).as("every key, end in range")
                .containsExactly("a[0,30]=y", "a[5,30]=x", "a[600,700]=z");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void keyRangesReturnExactlyTheKeysInRangeEvenWhenKeysArePrefixesOfEachOther(Config c) {
        open(c);
        List<Bytes> keys = List.of(TestSerdes.bytes('a'), TestSerdes.bytes('a', 0), TestSerdes.bytes('a', 0, 0, 0),
                TestSerdes.bytes('a', 0xFF), TestSerdes.bytes('b'));
        for (Bytes key : keys) {
            store.put(session(key, 0, 5), key + "@5");
            store.put(session(key, 100, 300), key + "@300");
        }
        assertThat(sessions(store.fetch(TestSerdes.bytes('a')))).containsExactly("a[0,5]=a@5", "a[100,300]=a@300");
        for (Bytes from : keys) {
            for (Bytes to : keys) {
                if (from.compareTo(to) > 0) {
                    continue;
                }
                Set<String> expected = new TreeSet<>();
                for (Bytes key : keys) {
                    if (key.compareTo(from) >= 0 && key.compareTo(to) <= 0) {
                        expected.add(key + "[100,300]=" + key + "@300");
                    }
                }
                List<String> actual = sessions(store.findSessions(from, to, 200, 150));
                assertThat(new TreeSet<>(actual)).as("findSessions(%s, %s)", from, to).isEqualTo(expected);
                assertThat(actual).hasSize(expected.size());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void advancingStreamTimeDropsExpiredSessionsAndWholeSegments(Config c) {
        open(c);
        store.put(session(k("a"), 0, 100), "old");
        store.put(session(k("a"), 500, 700), "mid");
        store.put(session(k("a"), 1000, 1300), "new");
        commit(store);
        // stream time 1300: sessions ending at or before 300 have expired
        assertThat(sessions(store.fetch(k("a")))).containsExactly("a[500,700]=mid", "a[1000,1300]=new");
        assertThat(store.fetchSession(k("a"), 0, 100)).isNull();
        SegmentedSessionStore bottom = segmented(store);
        assertThat(bottom.segmentStarts()).containsExactly(0L, 500L, 1000L);
        store.put(session(k("a"), 2100, 2100), "newest");
        commit(store);
        assertThat(bottom.segmentStarts()).containsExactly(1000L, 2000L);
        assertThat(sessions(store.fetch(k("a")))).containsExactly("a[1000,1300]=new", "a[2100,2100]=newest");
        if (c.engine().persistent()) {
            assertThat(new File(dir, "sessions/sessions.500")).doesNotExist();
        }
        store.put(session(k("a"), 900, 1000), "late");
        commit(store);
        assertThat(store.fetchSession(k("a"), 900, 1000)).as("writes to expired sessions are ignored").isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void changelogHoldsKeyEndStartAndRestoreRebuildsIdenticalContents(Config c) {
        assumeTrue(c.logging());
        open(c);
        store.put(session(k("a"), 0, 10), "A");
        store.put(session(k("b"), 5, 600), "B");
        store.put(session(k("a"), 20, 30), "gone");
        store.remove(session(k("a"), 20, 30));
        commit(store);
        ChangelogPartition partition = context.changelogFor("sessions");
        assertThat(changelog.records(partition).get(0).key()).hasSize(1 + 16);
        assertThat(changelog.compacted(partition)).hasSize(2);
        List<String> before = sessions(store.fetch(null, null));
        store.close();
        context.stateManager().close();
        store = build(Stores.sessionStoreBuilder(supplier(c.engine()), TestSerdes.bytes(), TestSerdes.string()), c,
                new File(dir, "restored"));
        context.stateManager().restore(changelog, StateRestoreListener.NO_OP);
        assertThat(sessions(store.fetch(null, null))).isEqualTo(before).hasSize(2);
        assertThat(segmented(store).observedStreamTime()).isEqualTo(600);
        assertThat(Stores.sessionStoreBuilder(supplier(c.engine()), TestSerdes.bytes(), TestSerdes.string())
                .changelogTopicConfig()).containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void cachedStoreFlushesOneUpdatePerSessionWithOldValues(Config c) {
        assumeTrue(c.caching());
        open(c);
        List<String> updates = new ArrayList<>();
        @SuppressWarnings("unchecked")
        CachedStateStore<Windowed<Bytes>, String> cached = (CachedStateStore<Windowed<Bytes>, String>) store;
        assertThat(cached.setFlushListener((key, newValue, oldValue, ts) -> updates.add(key.key() + "["
                + key.window().start() + "," + key.window().end() + "]:" + oldValue + "->" + newValue), true)).isTrue();
        store.put(session(k("a"), 0, 10), "1");
        store.put(session(k("a"), 0, 10), "2");
        store.put(session(k("a"), 20, 20), "tmp");
        store.remove(session(k("a"), 20, 20));
        assertThat(sessions(store.findSessions(k("a"), 0, 100))).containsExactly("a[0,10]=2");
        cached.flushCache();
        assertThat(updates).containsExactly("a[0,10]:null->2", "a[20,20]:null->null");
        store.put(session(k("a"), 0, 10), "3");
        commit(store);
        assertThat(updates).endsWith("a[0,10]:2->3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void readsFromAnotherThreadNeverFailWhileTheWriterAdvances(Config c) throws Exception {
        open(c);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                while (!done.get()) {
                    for (String s : sessions(store.fetch(null, null))) {
                        assertThat(s).matches("k\\d\\[(\\d+),\\1\\]=v\\1");
                    }
                    sessions(store.findSessions(k("k1"), 0, Long.MAX_VALUE));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "iq-reader");
        reader.start();
        for (long t = 0; t < 4000; t += 20) {
            store.put(session(k("k" + (t % 3)), t, t), "v" + t);
            if (t % 200 == 0) {
                commit(store);
            }
        }
        commit(store);
        done.set(true);
        reader.join(10_000);
        assertThat(failure.get()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void typedFacadeRoundTrips(Config c) {
        SessionStore<String, Long> typed = build(Stores.sessionStoreBuilder(supplier(c.engine()), TestSerdes.string(),
                TestSerdes.longSerde()), c, dir);
        try {
            typed.put(new Windowed<>("alice", new SessionWindow(1, 2)), 3L);
            assertThat(typed.fetchSession("alice", 1, 2)).isEqualTo(3L);
            try (KeyValueIterator<Windowed<String>, Long> it = typed.findSessions("alice", 0, 5)) {
                assertThat(it.next()).isEqualTo(KeyValue.pair(new Windowed<>("alice", new SessionWindow(1, 2)), 3L));
                assertThat(it.hasNext()).isFalse();
            }
        } finally {
            typed.close();
            context.stateManager().close();
        }
    }

    @Test
    void factoriesValidateLikeKafkaStreams() {
        assertThatThrownBy(() -> Stores.persistentSessionStore("s", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retentionPeriod");
        assertThatThrownBy(() -> Stores.inMemorySessionStore("s", null)).isInstanceOf(NullPointerException.class);
        SessionBytesStoreSupplier supplier = Stores.persistentSessionStore("s", Duration.ofHours(2));
        assertThat(supplier.retentionPeriod()).isEqualTo(7_200_000L);
        assertThat(supplier.segmentIntervalMs()).isEqualTo(3_600_000L);
        assertThat(supplier.get().persistent()).isTrue();
        assertThat(Stores.inMemorySessionStore("s", Duration.ofHours(2)).get().persistent()).isFalse();
    }
}

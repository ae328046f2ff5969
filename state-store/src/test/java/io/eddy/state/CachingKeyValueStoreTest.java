package io.eddy.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.state.internal.CachingKeyValueStore;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record cache: deduplication, flush listener, eviction, budget and visibility to other threads. */
class CachingKeyValueStoreTest {

    private static RocksDBMemoryBudget budget;

    @TempDir
    File dir;

    private final FakeChangelog changelog = new FakeChangelog();
    private final List<String> updates = new ArrayList<>();
    private TestContext context;

    @BeforeAll
    static void createBudget() {
        budget = RocksDBMemoryBudget.create(16L * 1024 * 1024, 0.25);
    }

    @AfterAll
    static void closeBudget() {
        budget.close();
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.stateManager().close();
        }
    }

    private KeyValueStore<String, Long> open(String name, long cacheBytes, boolean sendOldValues) {
        if (context == null) {
            context = new TestContext(new File(dir, "0_3"), changelog, cacheBytes, budget);
        }
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name),
                TestSerdes.string(), TestSerdes.longSerde()).withCachingEnabled().build();
        store.init(context, store);
        boolean cached = ((CachedStateStore<String, Long>) store).setFlushListener(
                (key, newValue, oldValue, timestamp) -> updates.add(key + ":" + newValue + "<-" + oldValue + "@"
                        + timestamp), sendOldValues);
        assertThat(cached).isTrue();
        return store;
    }

    private int logged(String store) {
        return changelog.recordCount(context.changelogFor(store));
    }

    @Test
    void flushListenerSeesOneDeduplicatedUpdatePerDirtyKeyWithOldValues() {
        KeyValueStore<String, Long> store = open("s", 1024 * 1024, true);
        context.setRecordTimestamp(10);
        store.put("a", 1L);
        store.put("b", 1L);
        store.flush();
        assertThat(updates).containsExactly("a:1<-null@10", "b:1<-null@10");
        assertThat(logged("s")).isEqualTo(2);

        updates.clear();
        context.setRecordTimestamp(20);
        store.put("a", 2L);
        store.put("a", 3L);
        context.setRecordTimestamp(21);
        store.put("a", 4L);
        store.delete("b");
        store.put("c", 1L);
        assertThat(updates).isEmpty();
        store.flush();
        assertThat(updates).containsExactly("a:4<-1@21", "b:null<-1@21", "c:1<-null@21");
        assertThat(logged("s")).isEqualTo(5);

        updates.clear();
        store.flush();
        assertThat(updates).as("a flush without new writes reports nothing").isEmpty();
        assertThat(logged("s")).isEqualTo(5);
    }

    @Test
    void oldValueOfAKeyWrittenWithoutBeingReadIsFetchedFromTheStore() {
        KeyValueStore<String, Long> store = open("s", 1024 * 1024, true);
        store.put("x", 10L);
        store.flush();
        context.stateManager().close();
        context = null;
        updates.clear();

        KeyValueStore<String, Long> reopened = open("s", 1024 * 1024, true);
        reopened.put("x", 11L);
        reopened.flush();
        assertThat(updates).containsExactly("x:11<-10@42");
    }

    @Test
    void withoutSendOldValuesTheListenerGetsNullOldValues() {
        KeyValueStore<String, Long> store = open("s", 1024 * 1024, false);
        store.put("a", 1L);
        store.flush();
        store.put("a", 2L);
        store.flush();
        assertThat(updates).containsExactly("a:1<-null@42", "a:2<-null@42");
    }

    @Test
    void writesReachTheStoreAndChangelogOnlyOnFlush() {
        KeyValueStore<String, Long> store = open("s", 1024 * 1024, true);
        for (long i = 0; i < 1000; i++) {
            store.put("hot", i);
        }
        assertThat(logged("s")).isZero();
        assertThat(store.approximateNumEntries()).as("nothing flushed yet").isZero();
        assertThat(store.get("hot")).isEqualTo(999L);
        store.flush();
        assertThat(logged("s")).isEqualTo(1);
        assertThat(updates).containsExactly("hot:999<-null@42");
    }

    @Test
    void evictionUnderATinyBudgetWritesDirtyEntriesDownAndStaysWithinBudget() {
        long max = 2000;
        KeyValueStore<String, Long> store = open("s", max, true);
        for (long i = 0; i < 100; i++) {
            store.put("key" + i, i);
            assertThat(context.cache().sizeBytes()).isLessThanOrEqualTo(max);
        }
        CachingKeyValueStore<String, Long> cache = (CachingKeyValueStore<String, Long>) store;
        assertThat(cache.cachedEntries()).isLessThan(100).isPositive();
        assertThat(logged("s")).as("evictions wrote entries down before any commit").isPositive();
        for (long i = 0; i < 100; i++) {
            assertThat(store.get("key" + i)).isEqualTo(i);
        }
        store.flush();
        Map<String, Integer> perKey = new HashMap<>();
        for (String u : updates) {
            perKey.merge(u.substring(0, u.indexOf(':')), 1, Integer::sum);
        }
        assertThat(perKey).hasSize(100).allSatisfy((key, count) -> assertThat(count).isEqualTo(1));
        assertThat(logged("s")).isEqualTo(100);
        assertThat(context.cache().sizeBytes()).isLessThanOrEqualTo(max);
    }

    @Test
    void aKeyUsedBetweenEvictionsStaysCachedWhileKeysReadOnceAreEvicted() {
        KeyValueStore<String, Long> store = open("s", 2000, true);
        for (long i = 0; i < 200; i++) {
            store.put("cold" + i, i);
            store.flush(); // the cold keys are in the store below; the cache holds only clean entries of them
        }
        updates.clear();
        int loggedBefore = logged("s");
        for (long i = 0; i < 200; i++) {
            assertThat(store.get("cold" + i)).isEqualTo(i); // each read loads a clean entry, pushing older ones out
            store.put("hot", i); // dirty and used at every step: never the sweep's victim, so never written down
            assertThat(context.cache().sizeBytes()).isLessThanOrEqualTo(2000);
        }
        assertThat(updates).as("the hot key was never flushed by an eviction").isEmpty();
        assertThat(logged("s")).isEqualTo(loggedBefore);
        store.flush();
        assertThat(updates).containsExactly("hot:199<-null@42");
    }

    @Test
    void aFlushOfSeveralChunksForwardsEachKeyOnceAndKeepsWhatItsListenerWritesBack() {
        KeyValueStore<String, Long> store = open("s", 64L * 1024 * 1024, true);
        int keys = CachingKeyValueStore.FLUSH_CHUNK * 2 + 100;
        List<String> forwarded = new ArrayList<>();
        ((CachedStateStore<String, Long>) store).setFlushListener((key, newValue, oldValue, timestamp) -> {
            forwarded.add(key + ":" + newValue);
            if (key.equals("key1")) {
                store.put("key" + (keys - 1), -1L); // a key of a later chunk, still dirty: flushed once, newest value
                store.put("key0", -2L); // a key already flushed: dirty again, for the next flush
            }
        }, true);
        for (long i = 0; i < keys; i++) {
            store.put("key" + i, i);
        }
        store.flush();
        assertThat(forwarded).hasSize(keys).doesNotHaveDuplicates().contains("key0:0", "key" + (keys - 1) + ":-1");
        assertThat(logged("s")).isEqualTo(keys);
        forwarded.clear();
        store.flush();
        assertThat(forwarded).containsExactly("key0:-2");
        assertThat(logged("s")).isEqualTo(keys + 1);
    }

    @Test
    void aZeroBudgetPassesEveryWriteStraightThrough() {
        KeyValueStore<String, Long> store = open("s", 0, true);
        store.put("a", 1L);
        assertThat(logged("s")).isEqualTo(1);
        store.put("a", 2L);
        store.delete("a");
        assertThat(logged("s")).isEqualTo(3);
        assertThat(updates).containsExactly("a:1<-null@42", "a:2<-1@42", "a:null<-2@42");
        assertThat(((CachingKeyValueStore<String, Long>) store).cachedEntries()).isZero();
    }

    @Test
    void cachesOfOneThreadShareOneBudget() {
        long max = 3000;
        KeyValueStore<String, Long> first = open("first", max, false);
        KeyValueStore<String, Long> second = open("second", max, false);
        assertThat(context.cache().numCaches()).isEqualTo(2);
        for (long i = 0; i < 200; i++) {
            first.put("f" + i, i);
            second.put("s" + i, i);
            assertThat(context.cache().sizeBytes()).isLessThanOrEqualTo(max);
        }
        long held = ((CachingKeyValueStore<String, Long>) first).sizeBytes()
                + ((CachingKeyValueStore<String, Long>) second).sizeBytes();
        assertThat(held).isEqualTo(context.cache().sizeBytes());
        first.close();
        assertThat(context.cache().numCaches()).isEqualTo(1);
        assertThat(context.cache().sizeBytes()).isEqualTo(((CachingKeyValueStore<String, Long>) second).sizeBytes());
    }

    @Test
    void readsFromOtherThreadsSeeOnlyFlushedContents() throws Exception {
        KeyValueStore<String, Long> store = open("s", 1024 * 1024, false);
        store.put("a", 1L);
        store.flush();
        store.put("a", 2L);
        store.put("b", 1L);
        assertThat(store.get("a")).isEqualTo(2L);

        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            assertThat(reader.submit(() -> store.get("a")).get()).isEqualTo(1L);
            assertThat(reader.submit(() -> store.get("b")).get()).isNull();
            assertThat(reader.submit(() -> contents(store)).get()).containsExactly(Map.entry("a", 1L));
            store.flush();
            assertThat(reader.submit(() -> contents(store)).get())
                    .containsExactly(Map.entry("a", 2L), Map.entry("b", 1L));
        } finally {
            reader.shutdown();
            assertThat(reader.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(((CachingKeyValueStore<String, Long>) store).cachedEntries()).isEqualTo(2);
    }

    @Test
    void closingDropsUnflushedEntriesAndReleasesTheBudget() {
        KeyValueStore<String, Long> store = open("s", 1024 * 1024, false);
        store.put("a", 1L);
        assertThat(context.cache().sizeBytes()).isPositive();
        store.close();
        assertThat(context.cache().sizeBytes()).isZero();
        assertThat(logged("s")).isZero();
    }

    private static Map<String, Long> contents(KeyValueStore<String, Long> store) {
        Map<String, Long> out = new LinkedHashMap<>();
        try (KeyValueIterator<String, Long> it = store.all()) {
            it.forEachRemaining(kv -> out.put(kv.key, kv.value));
        }
        return out;
    }
}

package io.eddy.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Query threads reading a cached store while its task thread writes and flushes. */
class InteractiveQueryConcurrencyTest {

    private static final int FLUSH_EVERY = 10;
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rocksdb", "in-memory"})
    void queryThreadsSeeOnlyFlushedValuesInOrder(String engine) throws Exception {
        TestContext context = new TestContext(new File(dir, "0_3"), new FakeChangelog(), 1024 * 1024, budget);
        KeyValueBytesStoreSupplier supplier = engine.equals("rocksdb")
                ? Stores.persistentKeyValueStore("counter") : Stores.inMemoryKeyValueStore("counter");
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(supplier, TestSerdes.string(),
                TestSerdes.longSerde()).withCachingEnabled().build();
        store.init(context, store);
        store.put("k", 0L);
        store.flush();

        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            long last = 0;
            started.countDown();
            try {
                while (!stop.get()) {
                    Long seen = store.get("k");
                    if (seen == null || seen % FLUSH_EVERY != 0 || seen < last) {
                        throw new AssertionError("query saw " + seen + " after " + last
                                + "; only flushed multiples of " + FLUSH_EVERY + ", in order, are visible");
                    }
                    last = seen;
                    reads.incrementAndGet();
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "query");
        reader.start();
        started.await();
        for (long i = 1; i <= 20_000; i++) {
            store.put("k", i);
            if (i % FLUSH_EVERY == 0) {
                store.flush();
            }
        }
        stop.set(true);
        reader.join();
        context.stateManager().close();

        assertThat(failure.get()).isNull();
        assertThat(reads.get()).isPositive();
    }
}

package io.eddy.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.Bytes;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Iterators read on one thread while another thread keeps writing. */
class IteratorConsistencyTest {

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

    private static Bytes key(int i) {
        return new Bytes(String.format("k%05d", i).getBytes(StandardCharsets.UTF_8));
    }

    private KeyValueStore<Bytes, byte[]> open(KeyValueBytesStoreSupplier supplier) {
        TestContext context = new TestContext(new File(dir, "0_3"), null, 0, budget);
        KeyValueStore<Bytes, byte[]> store = supplier.get();
        store.init(context, store);
        for (int i = 0; i < 2000; i += 2) {
            store.put(key(i), new byte[] {1});
        }
        return store;
    }

    /** Starts a thread that writes odd keys and deletes even ones until stopped; returns it started. */
    private static Thread writer(KeyValueStore<Bytes, byte[]> store, AtomicBoolean stop, CountDownLatch started,
            AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try {
                int i = 0;
                started.countDown();
                while (!stop.get()) {
                    store.put(key((i * 2 + 1) % 2000), new byte[] {2});
                    store.delete(key((i * 2) % 2000));
                    i++;
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "writer");
        t.start();
        return t;
    }

    private static List<Bytes> drain(KeyValueIterator<Bytes, byte[]> it) {
        List<Bytes> keys = new ArrayList<>();
        try (it) {
            while (it.hasNext()) {
                keys.add(it.next().key);
                Thread.onSpinWait();
            }
        }
        return keys;
    }

    @Test
    void rocksDbIteratorsReadThePointInTimeViewOfTheirCreation() throws Exception {
        KeyValueStore<Bytes, byte[]> store = open(Stores.persistentKeyValueStore("snap"));
        try {
            List<Bytes> before = drain(store.all());
            KeyValueIterator<Bytes, byte[]> iterator = store.all();
            KeyValueIterator<Bytes, byte[]> reverse = store.reverseRange(key(100), key(1500));
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = writer(store, stop, started, failure);
            started.await();
            Thread.sleep(20);
            List<Bytes> seen = drain(iterator);
            List<Bytes> seenBackwards = drain(reverse);
            stop.set(true);
            writer.join();
            assertThat(failure.get()).isNull();
            assertThat(seen).isEqualTo(before);
            List<Bytes> expectedBackwards = new ArrayList<>(before.subList(50, 751));
            java.util.Collections.reverse(expectedBackwards);
            assertThat(seenBackwards).isEqualTo(expectedBackwards);
            assertThat(drain(store.all())).isNotEqualTo(before);
        } finally {
            store.close();
        }
    }

    @Test
    void inMemoryIteratorsStayOrderedAndNeverThrowWhileWritesContinue() throws Exception {
        KeyValueStore<Bytes, byte[]> store = open(Stores.inMemoryKeyValueStore("weak"));
        try {
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = writer(store, stop, started, failure);
            started.await();
            for (int round = 0; round < 20; round++) {
                List<Bytes> seen = drain(round % 2 == 0 ? store.all() : store.reverseAll());
                List<Bytes> ordered = new ArrayList<>(new TreeSet<>(seen));
                if (round % 2 == 1) {
                    java.util.Collections.reverse(ordered);
                }
                assertThat(seen).as("strictly ordered, no duplicates").isEqualTo(ordered);
            }
            stop.set(true);
            writer.join();
            assertThat(failure.get()).isNull();
        } finally {
            store.close();
        }
    }
}

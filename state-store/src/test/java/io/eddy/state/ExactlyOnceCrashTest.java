package io.eddy.state;

import io.eddy.log.ChildJvm;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.Bytes;
import io.eddy.state.internal.RocksDBStore;
import io.eddy.state.internal.RocksObjectRegistry;
import io.eddy.state.internal.SegmentedWindowStore;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crash safety of exactly-once stores: a child JVM commits rounds of writes as fast as it can and is killed with
 * SIGKILL at a random moment (mid-round, mid-eviction or mid-commit); the store reopened here must hold exactly one
 * round and name that round's changelog offset. Window stores may also hold the next round in segments committed
 * before the crash cut the commit short, never an older round (see {@code AbstractSegmentedBytesStore}).
 */
class ExactlyOnceCrashTest {

    private static RocksDBMemoryBudget budget;

    @TempDir
    Path tmp;

    @BeforeAll
    static void createBudget() {
        budget = RocksDBMemoryBudget.create(16L * 1024 * 1024, 0.25);
    }

    @AfterAll
    static void closeBudget() {
        budget.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kv", "kv-deferred", "window"})
    void storeKilledWithSigkillReopensAtExactlyItsLastCommit(String mode) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        File dir = tmp.resolve("task").toFile();
        Map<Long, Integer> roundByOffset = new HashMap<>();
        int lastPrinted = -1;
        try (ChildJvm child = ChildJvm.start(tmp, ExactlyOnceCrashMain.class, dir.toString(), mode)) {
            String fifth = child.awaitLine("COMMITTED 5 ", Duration.ofSeconds(60));
            Thread.sleep(random.nextInt(30));
            child.kill();
            List<String> lines = new ArrayList<>(child.remainingLinesAfterExit(Duration.ofSeconds(30)));
            lines.add(fifth); // its offset too: the kill may come before any later round
            for (String line : lines) {
                if (line.startsWith("COMMITTED ")) {
                    String[] parts = line.split(" ");
                    int round = Integer.parseInt(parts[1]);
                    roundByOffset.put(Long.parseLong(parts[2]), round);
                    lastPrinted = Math.max(lastPrinted, round);
                }
            }
        }
        String context = "mode " + mode + ", seed " + seed + ", last printed round " + lastPrinted;

        TestContext reopenedContext = new TestContext(dir, new FakeChangelog(), 64 * 1024, budget)
                .config(TaskStateManager.EXACTLY_ONCE_CONFIG, "true");
        List<RocksObjectRegistry> registries = new ArrayList<>();
        try {
            if (mode.startsWith("kv")) {
                boolean deferred = mode.equals("kv-deferred");
                KeyValueStore<String, String> store = ExactlyOnceCrashMain.keyValueStore(deferred);
                store.init(reopenedContext, store);
                long offset = KeyValueStoreContractTest.rocks(store).committedOffset();
                registries.add(KeyValueStoreContractTest.rocks(store).nativeObjects());
                Set<String> values = new HashSet<>();
                int count = 0;
                try (KeyValueIterator<String, String> it = store.all()) {
                    while (it.hasNext()) {
                        values.add(it.next().value);
                        count++;
                    }
                }
                // deferred: the store reopens at the last commit it wrote out (in the background), at most twice
                // MAX_DEFERRED_COMMITS back
                int oldest = deferred ? lastPrinted + 1 - 2 * RocksDBStore.MAX_DEFERRED_COMMITS : lastPrinted;
                if (deferred && count == 0) {
                    assertThat(offset).as("nothing written yet, " + context).isEqualTo(TransactionalStore.NO_OFFSET);
                    assertThat(oldest).as(context).isLessThanOrEqualTo(0);
                } else {
                    assertThat(count).as(context).isEqualTo(ExactlyOnceCrashMain.KEYS);
                    assertThat(values).as("one round only, " + context).hasSize(1);
                    int round = Integer.parseInt(values.iterator().next().substring(1));
                    assertThat(round).as(context).isBetween(oldest, lastPrinted + 1);
                    if (roundByOffset.containsKey(offset)) {
                        assertThat(roundByOffset.get(offset)).as("the offset names the round, " + context)
                                .isEqualTo(round);
                    }
                }
            } else {
                WindowStore<Bytes, String> store = ExactlyOnceCrashMain.windowStore();
                store.init(reopenedContext, store);
                SegmentedWindowStore segmented = WindowStoreContractTest.segmented(store);
                registries.addAll(segmented.nativeObjects());
                long offset = segmented.committedOffset();
                int committedRound = roundByOffset.getOrDefault(offset, lastPrinted + 1);
                assertThat(committedRound).as(context).isBetween(lastPrinted, lastPrinted + 1);
                List<String> windows = WindowStoreContractTest.windows(store.all());
                assertThat(windows).as(context).hasSize(ExactlyOnceCrashMain.WINDOWS);
                for (String w : windows) {
                    int round = Integer.parseInt(w.substring(w.indexOf("=r") + 2));
                    assertThat(round).as("never older than the committed round, " + context)
                            .isBetween(committedRound, committedRound + 1);
                }
            }
        } finally {
            reopenedContext.stateManager().close();
        }
        for (RocksObjectRegistry registry : registries) {
            assertThat(registry.ownedHandleCount()).isZero();
        }
    }
}

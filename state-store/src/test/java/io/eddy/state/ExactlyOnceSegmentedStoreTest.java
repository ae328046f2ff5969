package io.eddy.state;

import static io.eddy.state.SessionStoreContractTest.session;
import static io.eddy.state.WindowStoreContractTest.k;
import static io.eddy.state.WindowStoreContractTest.windows;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.serialization.Bytes;
import io.eddy.state.internal.RocksObjectRegistry;
import io.eddy.state.internal.SegmentedSessionBytesStoreSupplier;
import io.eddy.state.internal.SegmentedSessionStore;
import io.eddy.state.internal.SegmentedWindowBytesStoreSupplier;
import io.eddy.state.internal.SegmentedWindowStore;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once mode of the segmented window and session stores: a store closed without commit (a crash) reopens at its
 * last commit with that commit's stream time and offset, segments expired by uncommitted writes survive until the
 * commit, and restore replays only the committed tail without wiping.
 */
class ExactlyOnceSegmentedStoreTest {

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

    private TestContext newContext() {
        TestContext context = new TestContext(dir, changelog, 64 * 1024, budget)
                .config(TaskStateManager.EXACTLY_ONCE_CONFIG, "true");
        opened.add(context);
        return context;
    }

    private TaskStateManager manager() {
        return opened.get(opened.size() - 1).stateManager();
    }

    private void commit() {
        manager().flush();
        manager().commit(changelog.lastWrittenOffsets());
    }

    private WindowStore<Bytes, String> openWindowStore() {
        WindowStore<Bytes, String> store = Stores.windowStoreBuilder(
                new SegmentedWindowBytesStoreSupplier("windows", 1000, 500, 100, false, true, false),
                TestSerdes.bytes(), TestSerdes.string()).withCachingEnabled().build();
        store.init(newContext(), store);
        return store;
    }

    private SessionStore<Bytes, String> openSessionStore() {
        SessionStore<Bytes, String> store = Stores.sessionStoreBuilder(
                new SegmentedSessionBytesStoreSupplier("sessions", 1000, 500, true), TestSerdes.bytes(),
                TestSerdes.string()).withCachingEnabled().build();
        store.init(newContext(), store);
        return store;
    }

    private static List<String> sessions(KeyValueIterator<Windowed<Bytes>, String> it) {
        try (it) {
            List<String> out = new ArrayList<>();
            it.forEachRemaining(kv -> out.add(kv.key.key() + "[" + kv.key.window().start() + ","
                    + kv.key.window().end() + "]=" + kv.value));
            return out;
        }
    }

    @Test
    void windowStoreClosedWithoutCommitReopensAtItsLastCommitAndRestoresOnlyTheTail() {
        WindowStore<Bytes, String> store = openWindowStore();
        store.put(k("a"), "a100", 100);
        store.put(k("a"), "a600", 600);
        commit();
        long committed = changelog.recordCount(partition("windows")) - 1;
        SegmentedWindowStore bottom = WindowStoreContractTest.segmented(store);
        assertThat(bottom.committedOffset()).isEqualTo(committed);

        store.put(k("b"), "b700", 700);
        store.put(k("a"), "a5000", 5000); // expires segments 0 and 500, but only once committed
        manager().flush();
        assertThat(windows(store.all())).containsExactly("a@5000=a5000");
        assertThat(bottom.segmentStarts()).containsExactly(5000L);
        assertThat(new File(dir, "windows/windows.0")).as("drops wait for the commit").isDirectory();
        List<RocksObjectRegistry> registries = bottom.nativeObjects();
        store.close(); // as a crash: the log transaction committed, the store did not
        registries.forEach(r -> assertThat(r.ownedHandleCount()).isZero());

        WindowStore<Bytes, String> reopened = openWindowStore();
        SegmentedWindowStore reopenedBottom = WindowStoreContractTest.segmented(reopened);
        assertThat(reopenedBottom.committedOffset()).isEqualTo(committed);
        assertThat(reopenedBottom.observedStreamTime()).as("the committed stream time").isEqualTo(600);
        assertThat(windows(reopened.all())).containsExactly("a@100=a100", "a@600=a600");

        File sentinel = new File(dir, "windows/sentinel");
        assertThat(sentinel.mkdir()).isTrue();
        ExactlyOnceKeyValueStoreTest.RecordingListener listener = new ExactlyOnceKeyValueStoreTest.RecordingListener();
        manager().restore(changelog, listener);
        assertThat(listener.startOffset).isEqualTo(committed + 1);
        assertThat(listener.restored).as("only the committed tail is replayed").isEqualTo(2);
        assertThat(sentinel).as("the store was not wiped").exists();
        assertThat(windows(reopened.all())).containsExactly("a@5000=a5000");
        assertThat(new File(dir, "windows/windows.0")).as("dropped at the restore's commit").doesNotExist();
        assertThat(reopenedBottom.committedOffset()).isEqualTo(committed + 2);
    }

    @Test
    void sessionStoreClosedWithoutCommitReopensAtItsLastCommitAndRestoresOnlyTheTail() {
        SessionStore<Bytes, String> store = openSessionStore();
        store.put(session(k("a"), 0, 100), "A");
        store.put(session(k("b"), 550, 600), "B");
        commit();
        long committed = changelog.recordCount(partition("sessions")) - 1;
        store.remove(session(k("b"), 550, 600));
        store.put(session(k("c"), 2900, 3000), "C");
        manager().flush();
        assertThat(sessions(store.fetch(null, null))).containsExactly("c[2900,3000]=C");
        store.close();

        SessionStore<Bytes, String> reopened = openSessionStore();
        SegmentedSessionStore bottom = SessionStoreContractTest.segmented(reopened);
        assertThat(bottom.committedOffset()).isEqualTo(committed);
        assertThat(bottom.observedStreamTime()).isEqualTo(600);
        assertThat(sessions(reopened.fetch(null, null))).containsExactly("a[0,100]=A", "b[550,600]=B");

        ExactlyOnceKeyValueStoreTest.RecordingListener listener = new ExactlyOnceKeyValueStoreTest.RecordingListener();
        manager().restore(changelog, listener);
        assertThat(listener.restored).isEqualTo(2);
        assertThat(sessions(reopened.fetch(null, null))).containsExactly("c[2900,3000]=C");
        assertThat(bottom.committedOffset()).isEqualTo(committed + 2);
    }

    @Test
    void inMemorySegmentedStoresAreNotTransactionalAndRestoreFully() {
        WindowStore<Bytes, String> store = Stores.windowStoreBuilder(
                new SegmentedWindowBytesStoreSupplier("mem", 1000, 500, 100, false, false, false),
                TestSerdes.bytes(), TestSerdes.string()).withCachingDisabled().build();
        store.init(newContext(), store);
        store.put(k("a"), "x", 100);
        commit();
        assertThat(WindowStoreContractTest.segmented(store).transactional()).isFalse();
        manager().abort();
        assertThat(windows(store.all())).isEmpty();
        manager().restore(changelog, StateRestoreListener.NO_OP);
        assertThat(windows(store.all())).containsExactly("a@100=x");
    }

    private static ChangelogPartition partition(String store) {
        return new ChangelogPartition(TestContext.APP_ID + "-" + store + "-changelog", 3);
    }
}

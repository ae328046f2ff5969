package io.eddy.state.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.serialization.Bytes;
import io.eddy.state.ProcessorStateException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The generations of committed writes an exactly-once RocksDB store holds back, and their background write-out. */
class DeferredCommitsTest {

    /** One call of the writer: the entries it got, as "key=value" ("key=DELETED" for deletes), and the offset. */
    private record WriteOut(List<String> entries, long offset) {
    }

    private final List<WriteOut> writeOuts = new CopyOnWriteArrayList<>();

    private void record(Map.Entry<Bytes, byte[]>[] sorted, long offset) {
        List<String> entries = new ArrayList<>();
        for (Map.Entry<Bytes, byte[]> e : sorted) {
            entries.add(text(e.getKey().get()) + "=" + (e.getValue() == DeferredCommits.DELETED ? "DELETED"
                    : text(e.getValue())));
        }
        writeOuts.add(new WriteOut(entries, offset));
    }

    private static Bytes k(String key) {
        return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<Bytes, byte[]> writes(String... keyValues) {
        Map<Bytes, byte[]> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(k(keyValues[i]), keyValues[i + 1] == null ? DeferredCommits.DELETED
                    : keyValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void readsFindTheNewestGenerationHoldingAKeyAndTheWriteOutMergesThemSortedWithTheNewestOffset() {
        DeferredCommits held = new DeferredCommits(this::record, 3, 1000);
        held.add(writes("b", "1", "a", "1"), 10);
        held.add(writes("b", "2", "c", null), 11);
        assertThat(text(held.get(k("b")))).isEqualTo("2");
        assertThat(text(held.get(k("a")))).isEqualTo("1");
        assertThat(held.get(k("c"))).isSameAs(DeferredCommits.DELETED);
        assertThat(held.get(k("z"))).isNull();
        assertThat(held.sortedSnapshot().keySet()).containsExactly(k("a"), k("b"), k("c"));
        assertThat(writeOuts).as("fewer commits than the limit: nothing written").isEmpty();

        held.add(writes("d", "3"), 12);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(held::isEmpty);
        assertThat(writeOuts).containsExactly(new WriteOut(List.of("a=1", "b=2", "c=DELETED", "d=3"), 12));
        assertThat(held.get(k("b"))).as("written out and dropped: readers go to RocksDB").isNull();
    }

    @Test
    void manyEntriesStartAWriteOutBeforeTheCommitLimit() {
        DeferredCommits held = new DeferredCommits(this::record, 100, 3);
        held.add(writes("a", "1", "b", "1", "c", "1"), 5);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(held::isEmpty);
        assertThat(writeOuts).extracting(WriteOut::offset).containsExactly(5L);
    }

    @Test
    void aFailedWriteOutIsReportedByTheNextCallAndItsCommitsStayReadable() {
        DeferredCommits held = new DeferredCommits((sorted, offset) -> {
            throw new ProcessorStateException("disk full");
        }, 1, 1000);
        held.add(writes("a", "1"), 1);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThatThrownBy(() -> held.add(writes("b", "2"), 2)).isInstanceOf(ProcessorStateException.class)
                        .hasMessageContaining("disk full"));
        assertThat(text(held.get(k("a")))).as("nothing dropped after a failed write").isEqualTo("1");
        assertThatThrownBy(held::writeAllNow).isInstanceOf(ProcessorStateException.class)
                .hasMessageContaining("disk full");
        assertThat(text(held.get(k("a")))).isEqualTo("1");
    }

    @Test
    void aCommitWaitsForAWriteOutThatFallsTwoRoundsBehind() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DeferredCommits held = new DeferredCommits((sorted, offset) -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            record(sorted, offset);
        }, 2, 1000);
        held.add(writes("a", "1"), 1);
        held.add(writes("a", "2"), 2); // starts a write-out, which blocks
        held.add(writes("a", "3"), 3);
        CompletableFuture<Void> fourth = CompletableFuture.runAsync(() -> held.add(writes("a", "4"), 4));
        // 4 commits held, twice the limit, while the write-out is stuck: the commit waits for it
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !fourth.isDone());
        release.countDown();
        fourth.get(10, TimeUnit.SECONDS);
        held.writeAllNow();
        assertThat(writeOuts).extracting(WriteOut::offset).containsExactly(2L, 4L);
        assertThat(writeOuts.get(1).entries()).containsExactly("a=4");
        assertThat(held.isEmpty()).isTrue();
    }
}

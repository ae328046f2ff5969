package io.eddy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.state.internal.CachingKeyValueStore;
import io.eddy.state.internal.CachingTimestampedKeyValueStore;
import io.eddy.state.internal.ChangeLoggingKeyValueBytesStore;
import io.eddy.state.internal.InMemoryKeyValueStore;
import io.eddy.state.internal.RocksDBStore;
import io.eddy.state.internal.SerializingKeyValueStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the builders compose layers and what changelog topic config they ask for. */
class StoresTest {

    @Test
    void buildComposesBytesStoreLoggingFacadeAndCache() {
        KeyValueStore<String, Long> cachedLogged = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("a"),
                TestSerdes.string(), TestSerdes.longSerde()).withCachingEnabled().build();
        assertThat(cachedLogged).isInstanceOf(CachingKeyValueStore.class);
        SerializingKeyValueStore<String, Long> facade = ((CachingKeyValueStore<String, Long>) cachedLogged)
                .underlying();
        assertThat(facade.bytesStore()).isInstanceOf(ChangeLoggingKeyValueBytesStore.class);
        assertThat(((ChangeLoggingKeyValueBytesStore) facade.bytesStore()).inner()).isInstanceOf(RocksDBStore.class);

        KeyValueStore<String, Long> plain = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("b"),
                TestSerdes.string(), TestSerdes.longSerde()).withLoggingDisabled().build();
        assertThat(plain).isInstanceOf(SerializingKeyValueStore.class);
        assertThat(((SerializingKeyValueStore<String, Long>) plain).bytesStore())
                .isInstanceOf(InMemoryKeyValueStore.class);
        assertThat(plain.persistent()).isFalse();
        assertThat(((CachedStateStore<String, Long>) plain).setFlushListener((k, n, o, t) -> { }, true)).isFalse();

        TimestampedKeyValueStore<String, Long> timestamped = Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore("c"), TestSerdes.string(), TestSerdes.longSerde())
                .withCachingEnabled().build();
        assertThat(timestamped).isInstanceOf(CachingTimestampedKeyValueStore.class);
        assertThat(timestamped.name()).isEqualTo("c");
        assertThat(timestamped.isOpen()).isFalse();
    }

    @Test
    void keyValueChangelogsAreCompactedAndUserConfigWins() {
        StoreBuilder<KeyValueStore<String, Long>> builder = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore("a"), TestSerdes.string(), TestSerdes.longSerde());
        assertThat(builder.loggingEnabled()).isTrue();
        assertThat(builder.changelogTopicConfig()).containsExactly(Map.entry("cleanup.policy", "compact"));
        builder.withLoggingEnabled(Map.of("min.insync.replicas", "2", "cleanup.policy", "compact,delete"));
        assertThat(builder.logConfig()).containsEntry("min.insync.replicas", "2");
        assertThat(builder.changelogTopicConfig()).containsEntry("cleanup.policy", "compact,delete")
                .containsEntry("min.insync.replicas", "2");
        builder.withLoggingDisabled();
        assertThat(builder.loggingEnabled()).isFalse();
        assertThat(builder.logConfig()).isEmpty();
    }

    @Test
    void windowChangelogsAreCompactedAndDeletedAfterRetentionPlusADay() {
        assertThat(ChangelogTopicConfigs.forWindowStore(Map.of(), 1000)).containsEntry("cleanup.policy",
                "compact,delete").containsEntry("retention.ms", Long.toString(1000 + 86_400_000L));
        assertThat(ChangelogTopicConfigs.forSessionStore(Map.of())).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void illegalStoreNamesAreRejectedNamingTheName() {
        assertThatThrownBy(() -> Stores.persistentKeyValueStore("my store"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'my store'");
        assertThatThrownBy(() -> Stores.inMemoryKeyValueStore("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stores.inMemoryKeyValueStore("..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stores.inMemoryKeyValueStore(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void threadCacheBudgetIsDividedEvenlyBetweenThreads() {
        assertThat(ThreadCache.perThreadBytes(ThreadCache.DEFAULT_MAX_BYTES, 4)).isEqualTo(10L * 1024 * 1024 / 4);
        assertThatThrownBy(() -> ThreadCache.perThreadBytes(100, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamThreads=0");
        assertThatThrownBy(() -> new ThreadCache(-1)).hasMessageContaining("bytes=-1");
    }
}

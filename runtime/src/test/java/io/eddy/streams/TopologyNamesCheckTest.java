package io.eddy.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.eddy.serialization.Serdes;
import io.eddy.state.Stores;
import io.eddy.streams.errors.TopologyException;
import io.eddy.streams.processor.api.ProcessorSupplier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyNamesCheckTest {
    @TempDir
    Path dir;

    private Topology withStores(String... stores) {
        Topology t = new Topology();
        t.addSource("src", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
        ProcessorSupplier<String, String, Void, Void> p = () -> r -> { };
        t.addProcessor("p", p, "src");
        for (String s : stores) {
            t.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(s), Serdes.String(),
                    Serdes.String()), "p");
        }
        return t;
    }

    private void run(Topology t) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "names");
        props.put(StreamsConfig.DATA_DIR_CONFIG, dir.toString());
        try (EddyStreams app = new EddyStreams(t, props)) {
            app.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> app.state() == EddyStreams.State.RUNNING);
        }
    }

    @Test
    void addingAStoreIsAcceptedButDroppingOrRenamingOneIsRefusedListingTheChange() {
        run(withStores("a"));
        run(withStores("a", "b"));
        assertThatThrownBy(() -> run(withStores("a", "c"))).isInstanceOf(TopologyException.class)
                .hasMessageContaining("Removed: [store:b]").hasMessageContaining("added: [store:c]");
        assertThat(dir.resolve("state")).exists();
    }
}

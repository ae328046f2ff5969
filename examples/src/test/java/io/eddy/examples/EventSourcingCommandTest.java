package io.eddy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSourcingCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoPrintsBalancesWithAnOverdraftAllowedAndVolumePerDayAndIsIdempotentWhenRunAgain() {
        String dataDir = dir.resolve("data").toString();
        String first = ExampleRunner.run("event-sourcing", "--data-dir", dataDir);
        assertThat(first).contains("13 events appended");
        assertDemoState(first);

        String second = ExampleRunner.run("event-sourcing", "--data-dir", dataDir);
        assertThat(second).contains("0 events appended (all commands were already applied)");
        assertDemoState(second);
    }

    private static void assertDemoState(String printed) {
        assertThat(printed).containsPattern("alice\\s+700\\.00")
                .containsPattern("bob\\s+329\\.50")
                .containsPattern("carol\\s+275\\.00")
                .containsPattern("2026-03-02\\s+1620\\.50")
                .containsPattern("2026-03-03\\s+425\\.00")
                .containsPattern("2026-03-04\\s+350\\.00")
                .contains("aggregates agree");
    }
}

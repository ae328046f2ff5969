package io.eddy.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eddy.state.internal.CheckpointFile;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint file's layout, atomic replacement and corruption detection. */
class CheckpointFileTest {

    @TempDir
    File dir;

    private final ChangelogPartition counts = new ChangelogPartition("app-counts-changelog", 3);
    private final ChangelogPartition totals = new ChangelogPartition("app-totals-changelog", 3);

    @Test
    void roundTripsEntriesAndLeavesNoTemporaryFile() throws IOException {
        CheckpointFile file = new CheckpointFile(dir, true);
        file.write(List.of(new CheckpointFile.Entry("counts", counts, 41), new CheckpointFile.Entry("totals", totals,
                -1)));
        Map<String, CheckpointFile.Entry> read = file.read();
        assertThat(read).containsOnlyKeys("counts", "totals");
        assertThat(read.get("counts").offset()).isEqualTo(41);
        assertThat(read.get("totals").changelog()).isEqualTo(totals);
        assertThat(dir.list()).containsExactly(CheckpointFile.FILE_NAME);
        file.write(List.of(new CheckpointFile.Entry("counts", counts, 50)));
        assertThat(file.read()).containsOnlyKeys("counts");
    }

    @Test
    void missingFileReadsAsEmpty() throws IOException {
        assertThat(new CheckpointFile(dir, false).read()).isEmpty();
    }

    @Test
    void truncatedFileIsRejectedNamingTheFile() throws IOException {
        CheckpointFile file = new CheckpointFile(dir, false);
        file.write(List.of(new CheckpointFile.Entry("counts", counts, 41)));
        byte[] bytes = Files.readAllBytes(file.path());
        Files.write(file.path(), java.util.Arrays.copyOf(bytes, bytes.length - 12));
        assertThatThrownBy(file::read).isInstanceOf(CheckpointFile.CorruptCheckpointException.class)
                .hasMessageContaining(file.path().toString());
    }

    @Test
    void flippedOffsetDigitFailsTheChecksum() throws IOException {
        CheckpointFile file = new CheckpointFile(dir, false);
        file.write(List.of(new CheckpointFile.Entry("counts", counts, 41)));
        String text = Files.readString(file.path()).replace(" 41\n", " 42\n");
        Files.writeString(file.path(), text);
        assertThatThrownBy(file::read).isInstanceOf(CheckpointFile.CorruptCheckpointException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void unknownVersionIsRejectedNamingTheVersion() throws IOException {
        CheckpointFile file = new CheckpointFile(dir, false);
        Files.writeString(file.path(), CheckpointFile.MAGIC + " 7\nsomething newer\n");
        assertThatThrownBy(file::read).isInstanceOf(CheckpointFile.CorruptCheckpointException.class)
                .hasMessageContaining("unknown version 7");
    }

    @Test
    void foreignFileIsRejected() throws IOException {
        CheckpointFile file = new CheckpointFile(dir, false);
        Files.writeString(file.path(), "0\n1\napp-counts-changelog 3 41\n");
        assertThatThrownBy(file::read).isInstanceOf(CheckpointFile.CorruptCheckpointException.class)
                .hasMessageContaining("bad header");
    }
}

package io.eddy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A scratch directory for one benchmark run, deleted on close unless the user named it. */
final class BenchDirectory implements AutoCloseable {
    private final Path path;
    private final boolean temporary;

    BenchDirectory(Path requested) throws IOException {
        this.temporary = requested == null;
        this.path = temporary ? Files.createTempDirectory("eddy-bench-") : requested;
        Files.createDirectories(path);
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

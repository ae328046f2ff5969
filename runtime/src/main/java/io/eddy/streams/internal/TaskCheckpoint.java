package io.eddy.streams.internal;

import io.eddy.log.TopicPartition;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's checkpoint file {@code .checkpoint}: the changelog offset up to which each of its stores' local state is
 * known to reflect the changelog. Text, one entry a line:
 * <pre>
 * eddy-checkpoint 1
 * &lt;changelog topic&gt; &lt;partition&gt; &lt;offset&gt;
 * </pre>
 * Written atomically: temp file, fsync (unless disabled for test drivers), rename.
 */
final class TaskCheckpoint {
    static final String FILE_NAME = ".checkpoint";
    private static final String HEADER = "eddy-checkpoint 1";

    private TaskCheckpoint() {
    }

    /** Unreadable or unknown-version checkpoint: the caller wipes and restores the task's stores fully. */
    static final class CorruptCheckpointException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptCheckpointException(String message) {
            super(message);
        }
    }

    /** @return the offsets, empty when there is no checkpoint */
    static Map<TopicPartition, Long> read(Path taskDir) throws CorruptCheckpointException {
        Path file = taskDir.resolve(FILE_NAME);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new CorruptCheckpointException("cannot read checkpoint " + file + ": " + e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new CorruptCheckpointException("checkpoint " + file + " does not start with '" + HEADER + "'");
        }
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] parts = lines.get(i).trim().split(" ");
            if (parts.length != 3) {
                throw new CorruptCheckpointException("checkpoint " + file + " line " + (i + 1) + " is malformed: '"
                        + lines.get(i) + "'");
            }
            try {
                long offset = Long.parseLong(parts[2]);
                if (offset < 0) {
                    throw new NumberFormatException("negative");
                }
                out.put(new TopicPartition(parts[0], Integer.parseInt(parts[1])), offset);
            } catch (NumberFormatException e) {
                throw new CorruptCheckpointException("checkpoint " + file + " line " + (i + 1) + " has a bad number: '"
                        + lines.get(i) + "'");
            }
        }
        return out;
    }

    static void write(Path taskDir, Map<TopicPartition, Long> offsets, boolean fsync) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        offsets.forEach((tp, o) -> sb.append(tp.topic()).append(' ').append(tp.partition()).append(' ').append(o)
                .append('\n'));
        Files.createDirectories(taskDir);
        Path tmp = taskDir.resolve(FILE_NAME + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        if (fsync) {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }
        Files.move(tmp, taskDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void delete(Path taskDir) throws IOException {
        Files.deleteIfExists(taskDir.resolve(FILE_NAME));
    }
}

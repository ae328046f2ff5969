package io.eddy.log.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test access to a partition directory's segment files and the batches inside them. */
final class SegmentFiles {
    private SegmentFiles() {
    }

    /** Where one batch lies in a segment file and which offsets it holds. */
    record BatchSpan(int position, int size, long baseOffset, long lastOffset) {
        int end() {
            return position + size;
        }

        boolean contains(long filePosition) {
            return filePosition >= position && filePosition < end();
        }
    }

    /** @return the partition directory of {@code topic}/{@code partition} under log directory {@code root} */
    static Path partitionDir(Path root, String topic, int partition) {
        return root.resolve("topics").resolve(topic).resolve(Integer.toString(partition));
    }

    /** @return the segment files of a partition directory by base offset */
    static TreeMap<Long, Path> segments(Path partitionDir) {
        TreeMap<Long, Path> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(partitionDir)) {
            files.forEach(f -> {
                long base = LogFileFormat.parseBaseOffset(f.getFileName().toString(), LogFileFormat.LOG_SUFFIX);
                if (base >= 0) {
                    out.put(base, f);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** @return the active (last) segment file of a partition directory */
    static Path activeSegment(Path partitionDir) {
        return segments(partitionDir).lastEntry().getValue();
    }

    /**
     * Parses an intact segment file independently of recovery: every batch must validate.
     *
     * @return the batches in file order
     */
    static List<BatchSpan> batches(Path segment) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(segment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RecordBatchDecoder decoder = new RecordBatchDecoder();
        List<BatchSpan> out = new ArrayList<>();
        int pos = LogFileFormat.HEADER_SIZE;
        while (pos < bytes.length) {
            int size = decoder.validate(bytes, pos, bytes.length - pos);
            if (size == RecordBatchDecoder.INCOMPLETE) {
                throw new IllegalStateException("segment " + segment + " ends in a partial batch at " + pos);
            }
            out.add(new BatchSpan(pos, size, RecordBatchDecoder.baseOffset(bytes, pos),
                    RecordBatchDecoder.lastOffset(bytes, pos)));
            pos += size;
        }
        return out;
    }

    /** Copies a log directory tree (files only; the lock file is copied as a plain file). */
    static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory tree if present. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> all = walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
            for (Path p : all) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

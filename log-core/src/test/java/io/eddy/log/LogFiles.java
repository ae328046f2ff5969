package io.eddy.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a test may know of the on-disk layout: where a partition's files are, and a snapshot of a directory tree. */
final class LogFiles {
    private LogFiles() {
    }

    static Path partitionDir(Path logDir, TopicPartition tp) {
        return logDir.resolve("topics").resolve(tp.topic()).resolve(Integer.toString(tp.partition()));
    }

    static Path topicDir(Path logDir, String topic) {
        return logDir.resolve("topics").resolve(topic);
    }

    /** @return the base offsets of the partition's segment files, ascending; the last is the active segment */
    static List<Long> segmentBases(Path logDir, TopicPartition tp) {
        List<Long> bases = new ArrayList<>();
        try (Stream<Path> files = Files.list(partitionDir(logDir, tp))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
                    .forEach(n -> bases.add(Long.parseLong(n.substring(0, n.length() - ".log".length()))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bases.sort(null);
        return bases;
    }

    static Path segmentFile(Path logDir, TopicPartition tp, long base, String suffix) {
        return partitionDir(logDir, tp).resolve(String.format("%020d", base) + suffix);
    }

    /** One entry per file or directory under {@code root}: relative path to "dir" or "size@mtime-nanos". */
    static Map<String, String> snapshot(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                out.put(root.relativize(p).toString(), a.isDirectory() ? "dir"
                        : a.size() + "@" + a.lastModifiedTime().toInstant());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}

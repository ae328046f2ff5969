package io.eddy.examples;

import io.eddy.log.DefaultPartitioner;
import io.eddy.log.Header;
import io.eddy.log.Headers;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicPartition;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tails several log files into one topic, each line exactly once across re-runs and crashes. A line's record is
 * keyed by its file's absolute path (so one file's lines stay in order on one partition) and carries the file
 * position after it in a header, as {@link LineIngestor} does for a single file. Where to resume a file is found by
 * reading the topic backwards from its end until that file's last record; afterwards the ingestor remembers it, so
 * following files costs one scan at start. A record and its position are appended atomically, so whatever a crash
 * cut, a re-run continues exactly after the last line in the log.
 *
 * <p>Only lines ending in a newline are taken: a last line without one may still be being written. A file shorter
 * than its recorded position was truncated or rotated and is read again from its start.
 */
final class LogFileIngestor {
    static final String POSITION_HEADER = "eddy.position-after";
    private static final int SCAN_CHUNK = 1000;
    private static final int BATCH = 5000;

    private final String topic;
    private final Map<String, Long> positions = new HashMap<>();

    LogFileIngestor(String topic) {
        this.topic = topic;
    }

    /**
     * Appends the lines of {@code files} not yet in the topic.
     *
     * @return the number of lines appended
     * @throws IOException if a file cannot be read
     */
    long ingest(LogStore log, List<Path> files) throws IOException {
        List<String> keys = files.stream().map(f -> f.toAbsolutePath().normalize().toString()).toList();
        Set<String> unknown = new HashSet<>(keys);
        unknown.removeAll(positions.keySet());
        if (!unknown.isEmpty()) {
            findPositions(log, unknown);
        }
        long appended = 0;
        for (int i = 0; i < files.size(); i++) {
            appended += ingest(log, files.get(i), keys.get(i));
        }
        return appended;
    }

    private long ingest(LogStore log, Path file, String key) throws IOException {
        long position = positions.getOrDefault(key, 0L);
        long size = Files.size(file);
        if (size < position) {
            System.err.printf("log-metrics: %s is shorter (%d bytes) than already read (%d); reading it again from"
                    + " the start%n", file, size, position);
            position = 0;
        }
        if (size == position) {
            return 0;
        }
        long complete = lastNewlineEnd(file, position, size);
        List<ProducerRecord> batch = new ArrayList<>();
        long appended = 0;
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        int partition = partitionOf(log, keyBytes);
        try (LineIngestor.LineReader reader = new LineIngestor.LineReader(Files.newInputStream(file), position)) {
            String text;
            while (reader.position() < complete && (text = reader.next()) != null) {
                Headers h = Headers.of(new Header(POSITION_HEADER,
                        ByteBuffer.allocate(8).putLong(reader.position()).array()));
                batch.add(new ProducerRecord(topic, partition, keyBytes, text.getBytes(StandardCharsets.UTF_8), -1, h));
                if (batch.size() == BATCH) {
                    appended += append(log, partition, batch);
                }
            }
        }
        appended += append(log, partition, batch);
        positions.put(key, complete);
        return appended;
    }

    /** Appends a batch atomically (all of it or, after a crash, none) and clears it. */
    private int append(LogStore log, int partition, List<ProducerRecord> batch) {
        int n = batch.size();
        if (n > 0) {
            log.append(new TopicPartition(topic, partition), batch);
            batch.clear();
        }
        return n;
    }

    /** @return the position after the last newline in {@code [from, size)}, or {@code from} if there is none */
    private static long lastNewlineEnd(Path file, long from, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] buf = new byte[8192];
            long end = size;
            while (end > from) {
                int n = (int) Math.min(buf.length, end - from);
                raf.seek(end - n);
                raf.readFully(buf, 0, n);
                for (int i = n - 1; i >= 0; i--) {
                    if (buf[i] == '\n') {
                        return end - n + i + 1;
                    }
                }
                end -= n;
            }
        }
        return from;
    }

    /** Kafka's default partitioner, as the log applies it to keyed records, so a file always maps to one partition. */
    private int partitionOf(LogStore log, byte[] key) {
        return DefaultPartitioner.partition(key, log.partitionCount(topic));
    }

    /** Scans the topic backwards until the last record of every file in {@code wanted} (or the start) is found. */
    private void findPositions(LogStore log, Set<String> wanted) {
        Set<String> missing = new HashSet<>(wanted);
        for (int p = 0; p < log.partitionCount(topic) && !missing.isEmpty(); p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            long start = log.describeTopic(topic).partitions().get(p).startOffset();
            long end = log.endOffset(tp);
            while (end > start && !missing.isEmpty()) {
                long from = Math.max(start, end - SCAN_CHUNK);
                List<LogRecord> chunk = log.read(tp, from, (int) (end - from));
                for (int i = chunk.size() - 1; i >= 0; i--) {
                    LogRecord r = chunk.get(i);
                    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    if (key != null && missing.remove(key)) {
                        Header h = r.headers().lastHeader(POSITION_HEADER);
                        positions.put(key, h == null ? 0 : ByteBuffer.wrap(h.value()).getLong());
                    }
                }
                end = from;
            }
        }
        missing.forEach(key -> positions.put(key, 0L));
    }
}

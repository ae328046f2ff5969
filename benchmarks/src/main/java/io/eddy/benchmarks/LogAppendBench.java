package io.eddy.benchmarks;

import io.eddy.log.LogProducer;
import io.eddy.log.LogStore;
import io.eddy.log.ProducerConfig;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Appends records through a {@link LogProducer} on one thread to a one-partition topic (fsync left to the OS), then,
 * in the same run, writes the same bytes (the log's batches, read back into memory first) with plain sequential
 * {@link FileChannel} writes as the physical reference, and prints both and their ratio. It also prints the rate of
 * writing as many bytes from one small buffer, which stays in the CPU cache and so flatters the reference, and of
 * {@link PipelinedWriteReference}: the bare copy, checksum and write of the same records split over two threads,
 * the way the producer splits them.
 */
@Command(name = "log-append", mixinStandardHelpOptions = true,
        description = "Producer append throughput vs plain FileChannel writes of the same bytes.")
final class LogAppendBench implements Callable<Integer> {
    @Option(names = "--records", defaultValue = "5000000", description = "records per measured run")
    long records;

    @Option(names = "--value-size", defaultValue = "100", description = "value bytes per record")
    int valueSize;

    @Option(names = "--key-size", defaultValue = "0", description = "key bytes per record (0 = no key)")
    int keySize;

    @Option(names = "--batch-bytes", defaultValue = "262144", description = "producer batch size")
    int batchBytes;

    @Option(names = "--runs", defaultValue = "3", description = "measured runs (after one warm-up); best is reported")
    int runs;

    @Option(names = "--dir", description = "scratch directory (default: a temp dir, deleted afterwards)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        byte[] value = new byte[valueSize];
        new Random(42).nextBytes(value);
        byte[] key = keySize == 0 ? null : new byte[keySize];
        double bestRate = 0;
        double bestMb = 0;
        double bestFileMb = 0;
        double bestHotMb = 0;
        double bestPipelinedMb = 0;
        long bytesOnDisk = 0;
        try (BenchDirectory scratch = new BenchDirectory(dir)) {
            for (int run = 0; run <= runs; run++) {
                Path logDir = scratch.path().resolve("run-" + run);
                try (LogStore log = LogStore.open(logDir)) {
                    log.createTopic("bench", 1, TopicConfig.builder().segmentBytes(512 * 1024 * 1024).build());
                    long t0 = System.nanoTime();
                    try (LogProducer p = log.producer(new ProducerConfig(batchBytes, Duration.ofMillis(5)))) {
                        ProducerRecord r = new ProducerRecord("bench", 0, key, value, 1L, null);
                        for (long i = 0; i < records; i++) {
                            p.send(r);
                        }
                        p.flush();
                    }
                    double secs = (System.nanoTime() - t0) / 1e9;
                    bytesOnDisk = log.describeTopic("bench").partitions().get(0).sizeInBytes();
                    double rate = records / secs;
                    double mb = bytesOnDisk / secs / (1 << 20);
                    System.out.printf("run %d%s: %.0f records/s, %.1f MB/s (%d bytes of batches)%n", run,
                            run == 0 ? " (warm-up)" : "", rate, mb, bytesOnDisk);
                    if (run > 0 && rate > bestRate) {
                        bestRate = rate;
                        bestMb = mb;
                    }
                }
                ByteBuffer written = readBatches(logDir);
                deleteRecursively(logDir);
                // the references run right after, under the same page-cache conditions: the log's own bytes, from
                // memory, and as many bytes from one small buffer the CPU cache keeps hot
                double plain = plainFileChannelMbPerSec(scratch.path().resolve("plain.bin"), written);
                double hot = plainFileChannelMbPerSec(scratch.path().resolve("plain.bin"), bytesOnDisk);
                double pipelined = PipelinedWriteReference.mbPerSec(scratch.path().resolve("pipelined.bin"), value,
                        records, batchBytes);
                System.out.printf("run %d: plain FileChannel %.1f MB/s (the same bytes), %.1f MB/s (one hot buffer),"
                        + " %.1f MB/s (copy + CRC32C on one thread, writes on another)%n", run, plain, hot, pipelined);
                if (run > 0) {
                    bestFileMb = Math.max(bestFileMb, plain);
                    bestHotMb = Math.max(bestHotMb, hot);
                    bestPipelinedMb = Math.max(bestPipelinedMb, pipelined);
                }
            }
            double fileMb = bestFileMb;
            System.out.printf("best plain FileChannel sequential writes of the same %d bytes: %.1f MB/s (from one hot"
                    + " %d-byte buffer: %.1f MB/s)%n", bytesOnDisk, fileMb, batchBytes, bestHotMb);
            new Results("log-append").put("records", records).put("value_size", valueSize)
                    .put("records_per_s", Math.round(bestRate)).put("mb_per_s", bestMb)
                    .put("filechannel_mb_per_s", fileMb).put("ratio_to_filechannel", bestMb / fileMb)
                    .put("hot_buffer_filechannel_mb_per_s", bestHotMb).put("ratio_to_hot_buffer", bestMb / bestHotMb)
                    .put("pipelined_reference_mb_per_s", bestPipelinedMb)
                    .put("ratio_to_pipelined_reference", bestMb / bestPipelinedMb)
                    .print();
        }
        return 0;
    }

    /** One buffer for every run's copy of the batches: allocating 500 MB of direct memory per run starved later runs. */
    private ByteBuffer batchesCopy;

    /** @return the contents of the topic's segment files (batches, after each file's header), in offset order */
    private ByteBuffer readBatches(Path logDir) throws IOException {
        List<Path> segments;
        try (var files = java.nio.file.Files.walk(logDir)) {
            segments = files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
        long total = 0;
        for (Path f : segments) {
            total += java.nio.file.Files.size(f);
        }
        if (batchesCopy == null || batchesCopy.capacity() < total) {
            batchesCopy = ByteBuffer.allocateDirect((int) total);
        }
        ByteBuffer all = batchesCopy.clear();
        for (Path f : segments) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                long pos = 0;
                while (pos < ch.size()) {
                    pos += ch.read(all, pos);
                }
            }
        }
        return all.flip();
    }

    /** Writes {@code source} to a new file with sequential {@code batchBytes} writes. */
    private double plainFileChannelMbPerSec(Path file, ByteBuffer source) throws IOException {
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long written = 0;
            for (int at = 0; at < source.limit(); at += batchBytes) {
                ByteBuffer slice = source.slice(at, Math.min(batchBytes, source.limit() - at));
                while (slice.hasRemaining()) {
                    written += ch.write(slice, written);
                }
            }
        }
        double mb = source.limit() / ((System.nanoTime() - t0) / 1e9) / (1 << 20);
        java.nio.file.Files.delete(file);
        return mb;
    }

    /** Writes {@code totalBytes} from one {@code batchBytes} buffer, which stays in the CPU cache. */
    private double plainFileChannelMbPerSec(Path file, long totalBytes) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(batchBytes);
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long written = 0;
            while (written < totalBytes) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), totalBytes - written));
                while (buf.hasRemaining()) {
                    written += ch.write(buf, written);
                }
            }
        }
        double mb = totalBytes / ((System.nanoTime() - t0) / 1e9) / (1 << 20);
        java.nio.file.Files.delete(file);
        return mb;
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!java.nio.file.Files.exists(p)) {
            return;
        }
        try (var walk = java.nio.file.Files.walk(p)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}

package io.eddy.benchmarks;

import io.eddy.log.ConsumerConfig;
import io.eddy.log.LogConsumer;
import io.eddy.log.LogProducer;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Appends N records, then reads them all back through a {@link LogConsumer} from the page cache on one thread
 * (checksums verified, records decoded), several times; prints the best rate.
 */
@Command(name = "log-read", mixinStandardHelpOptions = true, description = "Consumer read throughput from page cache.")
final class LogReadBench implements Callable<Integer> {
    @Option(names = "--records", defaultValue = "5000000", description = "records to append and read")
    long records;

    @Option(names = "--value-size", defaultValue = "100", description = "value bytes per record")
    int valueSize;

    @Option(names = "--runs", defaultValue = "3", description = "measured read passes (after one warm-up)")
    int runs;

    @Option(names = "--dir", description = "scratch directory (default: a temp dir, deleted afterwards)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        byte[] value = new byte[valueSize];
        new Random(42).nextBytes(value);
        try (BenchDirectory scratch = new BenchDirectory(dir);
             LogStore log = LogStore.open(scratch.path().resolve("log"))) {
            log.createTopic("bench", 1, TopicConfig.builder().segmentBytes(512 * 1024 * 1024).build());
            try (LogProducer p = log.producer()) {
                ProducerRecord r = new ProducerRecord("bench", 0, null, value, 1L, null);
                for (long i = 0; i < records; i++) {
                    p.send(r);
                }
            }
            long bytes = log.describeTopic("bench").partitions().get(0).sizeInBytes();
            double best = 0;
            double bestMb = 0;
            for (int run = 0; run <= runs; run++) {
                long t0 = System.nanoTime();
                long n = 0;
                long checksum = 0;
                try (LogConsumer c = log.consumer(ConsumerConfig.of(null))) {
                    c.subscribe(List.of("bench"));
                    while (n < records) {
                        List<LogRecord> batch = c.poll(Duration.ofSeconds(1));
                        if (batch.isEmpty()) {
                            throw new IllegalStateException("log ended after " + n + " of " + records + " records");
                        }
                        for (LogRecord rec : batch) {
                            checksum += rec.value().length;
                        }
                        n += batch.size();
                    }
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                if (checksum != records * valueSize) {
                    throw new IllegalStateException("read " + checksum + " value bytes, expected " + records * valueSize);
                }
                double rate = n / secs;
                double mb = bytes / secs / (1 << 20);
                System.out.printf("pass %d%s: %.0f records/s, %.1f MB/s%n", run, run == 0 ? " (warm-up)" : "", rate, mb);
                if (run > 0 && rate > best) {
                    best = rate;
                    bestMb = mb;
                }
            }
            new Results("log-read").put("records", records).put("value_size", valueSize)
                    .put("records_per_s", Math.round(best)).put("mb_per_s", bestMb).print();
        }
        return 0;
    }
}

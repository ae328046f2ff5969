package io.eddy.benchmarks;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValueStore;
import io.eddy.state.RocksDBMemoryBudget;
import io.eddy.state.Stores;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Puts (or gets) N random keys with 100-byte values through Eddy's RocksDB key-value store (typed facade with byte
 * serdes, no cache, no changelog) and through raw RocksDB with the same options, in the same run, and prints both and
 * the ratio. The target: the facade within 15% of raw RocksDB.
 */
@Command(name = "store", mixinStandardHelpOptions = true, description = "RocksDB store facade vs raw RocksDB.")
final class StoreBench implements Callable<Integer> {
    @Parameters(index = "0", description = "put or get")
    String mode;

    @Option(names = "--records", defaultValue = "2000000")
    int records;

    @Option(names = "--value-size", defaultValue = "100")
    int valueSize;

    @Option(names = "--runs", defaultValue = "3")
    int runs;

    @Option(names = "--dir")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (!mode.equals("put") && !mode.equals("get")) {
            System.err.println("mode must be put or get, was " + mode);
            return 2;
        }
        RocksDB.loadLibrary();
        byte[][] keys = new byte[records][];
        Random rnd = new Random(1);
        for (int i = 0; i < records; i++) {
            keys[i] = new byte[16];
            rnd.nextBytes(keys[i]);
        }
        byte[] value = new byte[valueSize];
        rnd.nextBytes(value);
        double bestRaw = 0;
        double bestEddy = 0;
        try (BenchDirectory scratch = new BenchDirectory(dir)) {
            for (int run = 0; run <= runs; run++) {
                double raw = raw(scratch.path().resolve("raw-" + run), keys, value);
                double eddy = eddy(scratch.path().resolve("eddy-" + run), keys, value);
                System.out.printf("run %d%s: raw RocksDB %.0f ops/s, Eddy store %.0f ops/s (%.2f)%n", run,
                        run == 0 ? " (warm-up)" : "", raw, eddy, eddy / raw);
                if (run > 0) {
                    bestRaw = Math.max(bestRaw, raw);
                    bestEddy = Math.max(bestEddy, eddy);
                }
                LogAppendBench.deleteRecursively(scratch.path().resolve("raw-" + run));
                LogAppendBench.deleteRecursively(scratch.path().resolve("eddy-" + run));
            }
        }
        new Results("store-" + mode).put("records", records).put("ops_per_s", Math.round(bestEddy))
                .put("raw_rocksdb_ops_per_s", Math.round(bestRaw)).put("ratio_to_raw", bestEddy / bestRaw).print();
        return 0;
    }

    private double raw(Path path, byte[][] keys, byte[] value) throws Exception {
        try (RocksDBMemoryBudget budget = RocksDBMemoryBudget.create(RocksDBMemoryBudget.DEFAULT_TOTAL_BYTES,
                RocksDBMemoryBudget.DEFAULT_WRITE_BUFFER_RATIO);
             BloomFilter bloom = new BloomFilter(10);
             Options options = new Options();
             WriteOptions write = new WriteOptions()) {
            BlockBasedTableConfig table = new BlockBasedTableConfig();
            table.setBlockCache(budget.blockCache());
            table.setCacheIndexAndFilterBlocks(true);
            table.setCacheIndexAndFilterBlocksWithHighPriority(true);
            table.setPinTopLevelIndexAndFilter(true);
            table.setBlockSize(4096L);
            table.setFilterPolicy(bloom);
            options.setCreateIfMissing(true).setTableFormatConfig(table)
                    .setWriteBufferManager(budget.writeBufferManager()).setWriteBufferSize(16L * 1024 * 1024)
                    .setMaxWriteBufferNumber(3).setCompactionStyle(CompactionStyle.UNIVERSAL)
                    .setCompressionType(CompressionType.NO_COMPRESSION).setMaxBackgroundJobs(2).setMaxOpenFiles(-1);
            write.setSync(false);
            java.nio.file.Files.createDirectories(path);
            try (RocksDB db = RocksDB.open(options, path.toString())) {
                for (byte[] k : keys) {
                    db.put(write, k, value);
                }
                if (mode.equals("put")) {
                    return timed(() -> {
                        for (byte[] k : keys) {
                            db.put(write, k, value);
                        }
                    });
                }
                long[] found = {0};
                double rate = timed(() -> {
                    for (byte[] k : keys) {
                        if (db.get(k) != null) {
                            found[0]++;
                        }
                    }
                });
                check(found[0]);
                return rate;
            }
        }
    }

    private double eddy(Path path, byte[][] keys, byte[] value) throws Exception {
        try (RocksDBMemoryBudget budget = RocksDBMemoryBudget.create(RocksDBMemoryBudget.DEFAULT_TOTAL_BYTES,
                RocksDBMemoryBudget.DEFAULT_WRITE_BUFFER_RATIO)) {
            KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("bench"),
                    Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled().withLoggingDisabled().build();
            store.init(new BenchStoreContext(path.toFile(), budget, null, null, 0), store);
            try {
                Bytes[] wrapped = new Bytes[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    wrapped[i] = Bytes.wrap(keys[i]);
                    store.put(wrapped[i], value);
                }
                if (mode.equals("put")) {
                    return timed(() -> {
                        for (Bytes k : wrapped) {
                            store.put(k, value);
                        }
                    });
                }
                long[] found = {0};
                double rate = timed(() -> {
                    for (Bytes k : wrapped) {
                        if (store.get(k) != null) {
                            found[0]++;
                        }
                    }
                });
                check(found[0]);
                return rate;
            } finally {
                store.close();
            }
        }
    }

    private void check(long found) {
        if (found != records) {
            throw new IllegalStateException("found " + found + " of " + records + " keys");
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private double timed(Body body) throws Exception {
        long t0 = System.nanoTime();
        body.run();
        return records / ((System.nanoTime() - t0) / 1e9);
    }
}

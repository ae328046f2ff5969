package io.eddy.benchmarks;

import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Bytes;
import io.eddy.serialization.Serdes;
import io.eddy.state.ChangelogPartition;
import io.eddy.state.ChangelogRecord;
import io.eddy.state.ChangelogSource;
import io.eddy.state.KeyValueStore;
import io.eddy.state.RocksDBMemoryBudget;
import io.eddy.state.StateRestoreListener;
import io.eddy.state.Stores;
import io.eddy.state.TaskStateManager;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a changelog of N records (16-byte keys, 100-byte values) to the embedded log, then restores a RocksDB store
 * from it with state-store's {@link TaskStateManager}, and prints records/s and MB/s of changelog replayed.
 */
@Command(name = "restore", mixinStandardHelpOptions = true, description = "Restore a RocksDB store from a changelog.")
final class RestoreBench implements Callable<Integer> {
    @Option(names = "--records", defaultValue = "2000000")
    int records;

    @Option(names = "--value-size", defaultValue = "100")
    int valueSize;

    @Option(names = "--keys", defaultValue = "1000000", description = "distinct keys")
    int keys;

    @Option(names = "--dir")
    Path dir;

    @Override
    public Integer call() throws Exception {
        String topic = "bench-store-changelog";
        TopicPartition tp = new TopicPartition(topic, 0);
        try (BenchDirectory scratch = new BenchDirectory(dir);
             LogStore log = LogStore.open(scratch.path().resolve("log"),
                     LogStoreOptions.defaults().withBackgroundMaintenance(false));
             RocksDBMemoryBudget budget = RocksDBMemoryBudget.create(RocksDBMemoryBudget.DEFAULT_TOTAL_BYTES,
                     RocksDBMemoryBudget.DEFAULT_WRITE_BUFFER_RATIO)) {
            log.createTopic(topic, 1, TopicConfig.builder().segmentBytes(512 * 1024 * 1024).build());
            Random rnd = new Random(3);
            byte[] value = new byte[valueSize];
            rnd.nextBytes(value);
            List<ProducerRecord> batch = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                byte[] k = ByteBuffer.allocate(16).putLong(i % keys).putLong(0x5eed).array();
                batch.add(new ProducerRecord(topic, 0, k, value, i, null));
                if (batch.size() == 5000) {
                    log.append(tp, batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                log.append(tp, batch);
            }
            long bytes = log.describeTopic(topic).partitions().get(0).sizeInBytes();
            ChangelogSource source = new ChangelogSource() {
                @Override
                public long startOffset(ChangelogPartition p) {
                    return log.startOffset(tp);
                }

                @Override
                public long endOffset(ChangelogPartition p) {
                    return log.endOffset(tp);
                }

                @Override
                public List<ChangelogRecord> read(ChangelogPartition p, long from, int max) {
                    List<LogRecord> rs = log.read(tp, from, max);
                    List<ChangelogRecord> out = new ArrayList<>(rs.size());
                    for (LogRecord r : rs) {
                        out.add(new ChangelogRecord(r.offset(), r.timestamp(), r.key(), r.value()));
                    }
                    return out;
                }
            };
            Path taskDir = scratch.path().resolve("state");
            TaskStateManager manager = new TaskStateManager("0_0", taskDir.toFile(), false);
            KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("bench"),
                    Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled()
                    .withLoggingEnabled(java.util.Map.of()).build();
            store.init(new BenchStoreContext(taskDir.toFile(), budget, (t, p, k, v, ts) -> { }, manager, 0), store);
            long t0 = System.nanoTime();
            manager.restore(source, StateRestoreListener.NO_OP, 10_000);
            double secs = (System.nanoTime() - t0) / 1e9;
            long restored = store.approximateNumEntries();
            manager.close();
            System.out.printf("restored %d changelog records (%d bytes, ~%d keys) in %.2f s%n", records, bytes,
                    restored, secs);
            new Results("restore").put("records", records).put("records_per_s", Math.round(records / secs))
                    .put("mb_per_s", bytes / secs / (1 << 20)).print();
        }
        return 0;
    }
}

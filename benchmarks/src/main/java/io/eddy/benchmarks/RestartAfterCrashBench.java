package io.eddy.benchmarks;

import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Serdes;
import io.eddy.state.ChangelogPartition;
import io.eddy.state.KeyValueStore;
import io.eddy.state.StateRestoreListener;
import io.eddy.state.Stores;
import io.eddy.streams.EddyStreams;
import io.eddy.streams.StreamsConfig;
import io.eddy.streams.Topology;
import io.eddy.streams.processor.api.ContextualProcessor;
import io.eddy.streams.processor.api.ProcessorContext;
import io.eddy.streams.processor.api.ProcessorSupplier;
import io.eddy.streams.processor.api.Record;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Builds N keys of state in an exactly-once app (RocksDB store with a changelog), kills the app's JVM with SIGKILL
 * while it runs, then restarts it and measures the time until it is RUNNING again (state restored). Also measures a
 * restart after deleting the local state (a full restore from the changelog), for comparison. With exactly-once,
 * stores are at a commit boundary after the kill, so the restart replays only the changelog tail since the last
 * commit: its time must not grow with N.
 */
@Command(name = "restart-after-crash", mixinStandardHelpOptions = true,
        description = "Restart time of an exactly-once app after SIGKILL, by state size.")
final class RestartAfterCrashBench implements Callable<Integer> {
    static final String APP = "restart-bench";
    static final String INPUT = "state-input";
    static final String STORE = "state";

    @Option(names = "--keys", defaultValue = "1000000", description = "distinct keys of state")
    long keys;

    @Option(names = "--dir")
    Path dir;

    @Override
    public Integer call() throws Exception {
        try (BenchDirectory scratch = new BenchDirectory(dir)) {
            Path data = scratch.path();
            writeInput(data, keys);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx2g", "-cp", System.getProperty("java.class.path"), RestartAfterCrashBench.class.getName(),
                    data.toString(), Long.toString(keys)).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null && !line.equals("READY")) {
                    if (line.startsWith("ERROR")) {
                        throw new IllegalStateException(line);
                    }
                }
                if (line == null) {
                    throw new IllegalStateException("the loading child exited before its state was built");
                }
            }
            Thread.sleep(300); // let it run (and commit) a little before the kill
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            long[] restored = new long[1];
            double restartMs = restart(data, restored);
            long tailRestored = restored[0];
            deleteRecursively(data.resolve("state"));
            double fullMs = restart(data, restored);
            System.out.printf("%d keys: restart after SIGKILL %.0f ms (%d changelog records replayed); after deleting"
                    + " local state %.0f ms (%d replayed)%n", keys, restartMs, tailRestored, fullMs, restored[0]);
            new Results("restart-after-crash").put("keys", keys).put("restart_ms", Math.round(restartMs))
                    .put("replayed_after_crash", tailRestored).put("full_restore_ms", Math.round(fullMs))
                    .put("replayed_full", restored[0]).print();
        }
        return 0;
    }

    private static void deleteRecursively(Path p) throws Exception {
        LogAppendBench.deleteRecursively(p);
    }

    private static double restart(Path data, long[] restored) throws Exception {
        AtomicLong count = new AtomicLong();
        long t0 = System.nanoTime();
        try (EddyStreams app = new EddyStreams(topology(), new StreamsConfig(props(data)))) {
            app.setGlobalStateRestoreListener(new StateRestoreListener() {
                @Override
                public void onRestoreStart(ChangelogPartition p, String s, long start, long end) {
                }

                @Override
                public void onBatchRestored(ChangelogPartition p, String s, long end, long n) {
                }

                @Override
                public void onRestoreEnd(ChangelogPartition p, String s, long total) {
                    count.addAndGet(total);
                }
            });
            app.start();
            while (app.state() != EddyStreams.State.RUNNING) {
                if (app.state() == EddyStreams.State.ERROR) {
                    throw new IllegalStateException("app failed while restoring");
                }
                Thread.sleep(1);
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            restored[0] = count.get();
            return ms;
        }
    }

    static void writeInput(Path data, long keys) {
        try (LogStore log = LogStore.open(data.resolve("log"))) {
            log.createTopicIfAbsent(INPUT, 2, TopicConfig.defaults());
            for (int p = 0; p < 2; p++) {
                List<ProducerRecord> batch = new ArrayList<>();
                for (long i = p; i < keys; i += 2) {
                    batch.add(new ProducerRecord(INPUT, p, ("key-" + i).getBytes(StandardCharsets.UTF_8),
                            ("value-" + i).getBytes(StandardCharsets.UTF_8), i, null));
                    if (batch.size() == 10_000) {
                        log.append(new TopicPartition(INPUT, p), batch);
                        batch.clear();
                    }
                }
                if (!batch.isEmpty()) {
                    log.append(new TopicPartition(INPUT, p), batch);
                }
            }
        }
    }

    static Properties props(Path data) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, APP);
        p.put(StreamsConfig.DATA_DIR_CONFIG, data.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        return p;
    }

    static Topology topology() {
        Topology t = new Topology();
        t.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), INPUT);
        ProcessorSupplier<String, String, Void, Void> put = () -> new ContextualProcessor<>() {
            private KeyValueStore<String, String> store;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                super.init(context);
                store = context.getStateStore(STORE);
            }

            @Override
            public void process(Record<String, String> r) {
                store.put(r.key(), r.value());
            }
        };
        t.addProcessor("put", put, "in");
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.String()), "put");
        return t;
    }

    /** The child: builds the state, says READY once every input record is committed, and runs until killed. */
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        try (EddyStreams app = new EddyStreams(topology(), new StreamsConfig(props(data)))) {
            app.start();
            long keys = Long.parseLong(args[1]);
            for (int p = 0; p < 2; p++) {
                app.awaitCommittedOffset(new TopicPartition(INPUT, p), (keys + 1 - p) / 2, Duration.ofHours(1));
            }
            System.out.println("READY");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        } catch (RuntimeException e) {
            System.out.println("ERROR " + e);
            throw e;
        }
    }

}

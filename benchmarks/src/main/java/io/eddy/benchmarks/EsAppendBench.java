package io.eddy.benchmarks;

import io.eddy.eventsourcing.EventData;
import io.eddy.eventsourcing.EventStore;
import io.eddy.eventsourcing.EventStoreConfig;
import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TransactionalProducer;
import io.eddy.serialization.KryoRegistrations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Appends events with an expected version to many streams through {@link EventStore#append}: first from one
 * writer thread, then from several (each owning a disjoint share of the streams, so no append conflicts and the
 * store can group concurrent appends into one log transaction). As the physical reference it measures, in the same
 * run, bare one-record log transactions (begin, send, commit — each commit fsyncs), which is what an ungrouped
 * append costs at least.
 */
@Command(name = "es-append", mixinStandardHelpOptions = true,
        description = "Event-store appends with expected version: single and concurrent writers vs bare log transactions.")
final class EsAppendBench implements Callable<Integer> {
    /** A small bench event. */
    record Deposited(long accountNo, long cents) {
    }

    static final KryoRegistrations REGISTRATIONS = KryoRegistrations.builder().register(Deposited.class, 900).build();

    @Option(names = "--streams", defaultValue = "1000", description = "streams appended to")
    int streams;

    @Option(names = "--appends", defaultValue = "5000", description = "appends per measured mode")
    int appends;

    @Option(names = "--events-per-append", defaultValue = "1", description = "events in each append")
    int eventsPerAppend;

    @Option(names = "--threads", defaultValue = "4", description = "writer threads of the concurrent mode")
    int threads;

    @Option(names = "--dir", description = "scratch directory (default: a temp dir, deleted afterwards)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        try (BenchDirectory scratch = new BenchDirectory(dir)) {
            double bare = bareTransactions(scratch.path().resolve("bare"));
            System.out.printf("bare log transactions (1 record each): %.0f commits/s%n", bare);
            Histogram single = new Histogram(3);
            double singleRate = run(scratch.path().resolve("single"), 1, single);
            System.out.printf("1 writer: %.0f appends/s, p50 %.2f ms, p99 %.2f ms%n", singleRate,
                    single.getValueAtPercentile(50) / 1e3, single.getValueAtPercentile(99) / 1e3);
            Histogram concurrent = new Histogram(3);
            double concurrentRate = run(scratch.path().resolve("concurrent"), threads, concurrent);
            System.out.printf("%d writers: %.0f appends/s, p50 %.2f ms, p99 %.2f ms%n", threads, concurrentRate,
                    concurrent.getValueAtPercentile(50) / 1e3, concurrent.getValueAtPercentile(99) / 1e3);
            new Results("es-append").put("streams", streams).put("appends", appends)
                    .put("events_per_append", eventsPerAppend).put("threads", threads)
                    .put("single_appends_per_s", Math.round(singleRate))
                    .put("single_p99_ms", single.getValueAtPercentile(99) / 1e3)
                    .put("concurrent_appends_per_s", Math.round(concurrentRate))
                    .put("concurrent_p99_ms", concurrent.getValueAtPercentile(99) / 1e3)
                    .put("bare_txn_commits_per_s", Math.round(bare))
                    .put("single_ratio_to_bare", singleRate / bare).print();
        }
        return 0;
    }

    /** Appends {@link #appends} appends from {@code writers} threads; returns appends per second. */
    private double run(Path dataDir, int writers, Histogram latencies) throws InterruptedException {
        try (EventStore store = EventStore.open(dataDir, EventStoreConfig.of(REGISTRATIONS))) {
            List<Thread> ts = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                ts.add(new Thread(() -> {
                    long[] versions = new long[streams];
                    java.util.Arrays.fill(versions, -1);
                    Histogram local = new Histogram(3);
                    List<EventData> events = new ArrayList<>(eventsPerAppend);
                    for (int i = writer; i < appends; i += writers) {
                        int stream = (i * 7919) % streams;
                        stream -= stream % writers;
                        stream += writer; // streams ≡ writer (mod writers): each writer owns its streams
                        if (stream >= streams) {
                            stream = writer;
                        }
                        events.clear();
                        for (int e = 0; e < eventsPerAppend; e++) {
                            events.add(EventData.of(new Deposited(stream, i)));
                        }
                        long s = System.nanoTime();
                        versions[stream] = store.append("account-" + stream, versions[stream], events).lastVersion();
                        local.recordValue(Math.max(1, (System.nanoTime() - s) / 1000));
                    }
                    synchronized (latencies) {
                        latencies.add(local);
                    }
                }));
            }
            ts.forEach(Thread::start);
            for (Thread t : ts) {
                t.join();
            }
            return appends / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private double bareTransactions(Path logDir) {
        int commits = Math.min(appends, 2000);
        try (LogStore log = LogStore.open(logDir)) {
            log.createTopic("bare", 1, TopicConfig.defaults());
            byte[] value = new byte[40];
            try (TransactionalProducer p = log.transactionalProducer("bare-writer")) {
                long t0 = System.nanoTime();
                for (int i = 0; i < commits; i++) {
                    p.beginTransaction();
                    p.send(new ProducerRecord("bare", 0, "account-1".getBytes(), value, -1L, null));
                    p.commitTransaction();
                }
                return commits / ((System.nanoTime() - t0) / 1e9);
            }
        }
    }
}

package io.eddy.log;

import io.eddy.log.internal.DefaultLogStore;
import io.eddy.log.internal.TransactionCoordinator;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child-JVM main for {@link TransactionCrashTest}: opens the log in {@code args[0]}, creates topic {@code x} (3
 * partitions) and {@code in}, then commits {@code args[2]} transactions, each writing {@code "<round>:<partition>:<i>"}
 * (i &lt; 3) to every partition of {@code x} and offset {@code round + 1} of {@code in-0} for group {@code g}, printing
 * {@code COMMITTED <round>} after each. Then, by {@code args[1]}:
 * {@code open} — appends {@code "open:<partition>"} to every partition in a new transaction, prints {@code OPEN} and
 * waits to be killed; {@code between-markers} — commits a transaction writing {@code "decided:<partition>"} and
 * offset {@code rounds + 1}, printing {@code MARKER} and waiting to be killed once the first commit marker is written.
 */
public final class TransactionalWriterMain {
    private TransactionalWriterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String mode = args[1];
        int rounds = Integer.parseInt(args[2]);
        LogStore log = LogStore.open(Path.of(args[0]), LogStoreOptions.defaults().withBackgroundMaintenance(false));
        log.createTopicIfAbsent("x", 3, TopicConfig.builder().segmentBytes(4096).build());
        log.createTopicIfAbsent("in", 1, TopicConfig.defaults());
        TransactionalProducer tx = log.transactionalProducer("writer");
        for (int round = 0; round < rounds; round++) {
            tx.beginTransaction();
            for (int p = 0; p < 3; p++) {
                for (int i = 0; i < 3; i++) {
                    tx.send(new ProducerRecord("x", p, null, TestRecords.bytes(round + ":" + p + ":" + i), -1, null));
                }
            }
            tx.sendOffsetsToTransaction(Map.of(new TopicPartition("in", 0), OffsetAndMetadata.of(round + 1)), "g");
            tx.commitTransaction();
            System.out.println("COMMITTED " + round);
        }
        String prefix = mode.equals("open") ? "open" : "decided";
        if (mode.equals("between-markers")) {
            ((DefaultLogStore) log).transactionCoordinator().setStepListener((step, tp) -> {
                if (step == TransactionCoordinator.Step.MARKER_WRITTEN) {
                    System.out.println("MARKER " + tp);
                    System.out.flush();
                    sleepForever();
                }
            });
        }
        tx.beginTransaction();
        for (int p = 0; p < 3; p++) {
            tx.send(new ProducerRecord("x", p, null, TestRecords.bytes(prefix + ":" + p), -1, null));
        }
        tx.sendOffsetsToTransaction(Map.of(new TopicPartition("in", 0), OffsetAndMetadata.of(rounds + 1)), "g");
        tx.flush();
        if (mode.equals("open")) {
            System.out.println("OPEN");
            System.out.flush();
            sleepForever();
        }
        tx.commitTransaction();
        System.out.println("UNREACHABLE");
    }

    private static void sleepForever() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

package io.eddy.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child-JVM main for {@link ReadOnlyReaderTest}: opens the log in {@code args[0]} for writing, creates topic
 * {@code feed} (2 partitions, small segments), prints {@code READY}, then appends {@code args[1]} rounds; each round
 * appends to both partitions one batch of {@code args[2]} records valued {@code "<round>:<index>"}, then pauses
 * {@code args[3]} ms. Prints {@code DONE} and closes the log.
 */
public final class SteadyAppenderMain {
    private SteadyAppenderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rounds = Integer.parseInt(args[1]);
        int batchSize = Integer.parseInt(args[2]);
        long pauseMillis = Long.parseLong(args[3]);
        try (LogStore log = LogStore.open(Path.of(args[0]),
                LogStoreOptions.defaults().withBackgroundMaintenance(false))) {
            log.createTopicIfAbsent("feed", 2, TopicConfig.builder().segmentBytes(4096).indexIntervalBytes(256).build());
            System.out.println("READY");
            System.out.flush();
            for (int round = 0; round < rounds; round++) {
                for (int p = 0; p < 2; p++) {
                    List<ProducerRecord> batch = new ArrayList<>();
                    for (int i = 0; i < batchSize; i++) {
                        batch.add(TestRecords.record("feed", "k" + i, round + ":" + i + ":" + "x".repeat(30), round));
                    }
                    log.append(new TopicPartition("feed", p), batch);
                }
                Thread.sleep(pauseMillis);
            }
            System.out.println("DONE");
            System.out.flush();
        }
    }
}

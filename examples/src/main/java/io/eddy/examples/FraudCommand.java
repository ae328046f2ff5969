package io.eddy.examples;

import io.eddy.examples.FraudTopology.Alert;
import io.eddy.examples.FraudTopology.Decision;
import io.eddy.examples.FraudTopology.FraudRules;
import io.eddy.examples.FraudTopology.Status;
import io.eddy.examples.FraudTopology.Transaction;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.Deserializer;
import io.eddy.serialization.KryoSerde;
import io.eddy.streams.EddyStreams;
import io.eddy.streams.StreamsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs {@link FraudTopology} over the transactions in the log — optionally generating a deterministic sample with a
 * few fraudulent bursts first — and, once every transaction is scored, prints a summary of the decisions and the
 * alerts, as read back from topics {@value FraudTopology#DECISIONS} and {@value FraudTopology#ALERTS}.
 */
@Command(name = "fraud", mixinStandardHelpOptions = true,
        description = "Score card transactions over a sliding window: approve or deny each, alert on fraud bursts.")
final class FraudCommand implements Callable<Integer> {
    /** How late (out of order) a transaction may arrive and still be scored. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    @Option(names = "--generate", description = "first append a deterministic sample to the (empty) input topic")
    boolean generate;

    @Option(names = "--cards", defaultValue = "200", description = "cards in the sample (default: ${DEFAULT-VALUE})")
    int cards;

    @Option(names = "--transactions", defaultValue = "3000",
            description = "normal transactions in the sample, over two hours (default: ${DEFAULT-VALUE})")
    int transactions;

    @Option(names = "--bursts", defaultValue = "4", description = "fraudulent bursts in the sample"
            + " (default: ${DEFAULT-VALUE})")
    int bursts;

    @Option(names = "--seed", defaultValue = "7", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--window-minutes", defaultValue = "5",
            description = "how far back a card's activity counts (default: ${DEFAULT-VALUE})")
    int windowMinutes;

    @Option(names = "--max-count", defaultValue = "5",
            description = "most transactions per card in the window (default: ${DEFAULT-VALUE})")
    long maxCount;

    @Option(names = "--max-amount", defaultValue = "2000",
            description = "largest total per card in the window, in dollars (default: ${DEFAULT-VALUE})")
    long maxAmountDollars;

    @Option(names = "--data-dir", defaultValue = "eddy-data", description = "data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        FraudRules rules = new FraudRules(Duration.ofMinutes(windowMinutes), maxCount, maxAmountDollars * 100, GRACE);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fraud");
        props.put(StreamsConfig.DATA_DIR_CONFIG, dataDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        StreamsConfig config = new StreamsConfig(props);

        long t0 = System.nanoTime();
        TopicPartition input = new TopicPartition(FraudTopology.TRANSACTIONS, 0);
        long end = prepareInput(input);
        try (EddyStreams app = new EddyStreams(FraudTopology.build(rules), config)) {
            app.start();
            app.awaitCommittedOffset(input, end, Duration.ofMinutes(10));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        printSummary(seconds);
        return 0;
    }

    /** Creates the topics, appends the sample when asked to, and returns the end offset of the input. */
    private long prepareInput(TopicPartition input) {
        try (LogStore log = LogStore.open(dataDir.resolve("log"))) {
            for (String topic : List.of(FraudTopology.TRANSACTIONS, FraudTopology.DECISIONS, FraudTopology.ALERTS)) {
                log.createTopicIfAbsent(topic, 1, TopicConfig.defaults());
            }
            if (generate && log.endOffset(input) == 0) {
                FraudSampleData data = FraudSampleData.generate(cards, transactions, bursts, seed);
                data.appendTo(log);
                System.out.printf("generated %d transactions on %d cards (%d fraudulent bursts, seed %d)%n",
                        data.transactions().size(), cards, bursts, seed);
            } else if (generate) {
                System.out.println("topic " + FraudTopology.TRANSACTIONS + " already holds data; not generating again");
            }
            return log.endOffset(input);
        }
    }

    private void printSummary(double seconds) {
        Path logDir = dataDir.resolve("log");
        Deserializer<Decision> decisions = KryoSerde.of(Decision.class, FraudTopology.REGISTRATIONS).deserializer();
        long approved = 0;
        long denied = 0;
        for (LogRecord r : TopicReader.readAll(logDir, FraudTopology.DECISIONS)) {
            if (decisions.deserialize(FraudTopology.DECISIONS, r.value()).status() == Status.APPROVED) {
                approved++;
            } else {
                denied++;
            }
        }
        Deserializer<Alert> alertReader = KryoSerde.of(Alert.class, FraudTopology.REGISTRATIONS).deserializer();
        List<Alert> alerts = new ArrayList<>();
        for (LogRecord r : TopicReader.readAll(logDir, FraudTopology.ALERTS)) {
            alerts.add(alertReader.deserialize(FraudTopology.ALERTS, r.value()));
        }
        alerts.sort(Comparator.comparingLong(a -> a.transaction().timestamp()));
        System.out.printf("scored %d transactions in %.1f s: %d approved, %d denied, %d alerts%n",
                approved + denied, seconds, approved, denied, alerts.size());
        System.out.printf("limits per card in any %d min: %d transactions, %s%n", windowMinutes, maxCount,
                FraudTopology.dollars(maxAmountDollars * 100));
        if (!alerts.isEmpty()) {
            System.out.println("alerts:");
        }
        for (Alert a : alerts) {
            Transaction tx = a.transaction();
            System.out.printf("  %s  %s  %s  %10s at %-14s  %s%n",
                    Instant.ofEpochMilli(tx.timestamp()).truncatedTo(ChronoUnit.SECONDS), tx.id(),
                    tx.cardId(), FraudTopology.dollars(tx.amountCents()), tx.merchant(), a.reason());
        }
    }
}

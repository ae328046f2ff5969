package io.eddy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.examples.FraudTopology.Decision;
import io.eddy.examples.FraudTopology.Status;
import io.eddy.examples.FraudTopology.Transaction;
import io.eddy.log.LogRecord;
import io.eddy.serialization.Deserializer;
import io.eddy.serialization.KryoSerde;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FraudCommandTest {
    private static final long WINDOW_MS = 5 * 60_000;
    private static final long MAX_COUNT = 5;
    private static final long MAX_CENTS = 2000_00;

    @TempDir
    Path dir;

    private static boolean over(long count, long cents) {
        return count > MAX_COUNT || cents > MAX_CENTS;
    }

    /** txId → "APPROVED" | "DENIED" | "DENIED+ALERT", by brute force over each card's last 5 minutes. */
    private static Map<String, String> expectedDecisions(List<Transaction> txs) {
        Map<String, String> expected = new TreeMap<>();
        for (Transaction tx : txs) {
            long count = 0;
            long cents = 0;
            for (Transaction other : txs) {
                if (other.cardId().equals(tx.cardId()) && other.timestamp() <= tx.timestamp()
                        && other.timestamp() >= tx.timestamp() - WINDOW_MS) {
                    count++;
                    cents += other.amountCents();
                }
            }
            String decision = !over(count, cents) ? "APPROVED"
                    : over(count - 1, cents - tx.amountCents()) ? "DENIED" : "DENIED+ALERT";
            expected.put(tx.id(), decision);
        }
        return expected;
    }

    @Test
    void decidesEveryTransactionAndAlertsOnExactlyTheTransactionsThatCrossALimit() {
        FraudSampleData data = FraudSampleData.generate(150, 2500, 6, 11);
        Map<String, String> expected = expectedDecisions(data.transactions());
        List<String> expectedAlerts = expected.entrySet().stream().filter(e -> e.getValue().endsWith("ALERT"))
                .map(Map.Entry::getKey).toList();
        long denied = expected.values().stream().filter(v -> v.startsWith("DENIED")).count();
        Path dataDir = dir.resolve("data");

        String printed = ExampleRunner.run("fraud", "--generate", "--cards", "150", "--transactions", "2500",
                "--bursts", "6", "--seed", "11", "--data-dir", dataDir.toString());

        // every burst crosses a limit once; denials follow card testing until it slows down
        assertThat(expectedAlerts).hasSizeGreaterThanOrEqualTo(6);
        assertThat(printed).contains(String.format("scored %d transactions", data.transactions().size()))
                .contains(String.format("%d approved, %d denied, %d alerts", data.transactions().size() - denied,
                        denied, expectedAlerts.size()));
        List<String> printedAlerts = new ArrayList<>();
        Matcher m = Pattern.compile("^\\s+\\S+Z\\s+(tx-\\d{5})\\s", Pattern.MULTILINE).matcher(printed);
        while (m.find()) {
            printedAlerts.add(m.group(1));
        }
        assertThat(printedAlerts).isEqualTo(expectedAlerts);

        Deserializer<Decision> reader = KryoSerde.of(Decision.class, FraudTopology.REGISTRATIONS).deserializer();
        Map<String, String> decided = new TreeMap<>();
        for (LogRecord r : TopicReader.readAll(dataDir.resolve("log"), FraudTopology.DECISIONS)) {
            Decision d = reader.deserialize(FraudTopology.DECISIONS, r.value());
            String previous = decided.put(d.transaction().id(),
                    d.status() == Status.APPROVED ? "APPROVED" : d.alert() ? "DENIED+ALERT" : "DENIED");
            assertThat(previous).as("second decision for %s", d.transaction().id()).isNull();
            assertThat(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(d.transaction().cardId());
        }
        assertThat(decided).isEqualTo(expected);
    }
}

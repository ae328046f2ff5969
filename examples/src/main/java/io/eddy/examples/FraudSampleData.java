package io.eddy.examples;

import io.eddy.examples.FraudTopology.Transaction;
import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicPartition;
import io.eddy.serialization.KryoSerde;
import io.eddy.serialization.Serializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Deterministic card transactions for the fraud example: the same (cards, transactions, bursts, seed) always gives
 * the same transactions at the same times.
 *
 * <p>Normal traffic is {@code transactions} payments of $1–$400 spread uniformly over two hours from {@link #START}
 * across {@code cards} cards. On top come {@code bursts} fraudulent bursts on random cards, alternating between
 * <em>card testing</em> (eight payments of $1–$5 twenty seconds apart) and a <em>spending spree</em> (three
 * payments of $900–$1,500 a minute apart). Transactions are appended in time order with distinct timestamps and
 * numbered {@code tx-00001 ...} in that order.
 *
 * @param transactions the transactions in time order
 */
record FraudSampleData(List<Transaction> transactions) {
    /** Time of the earliest possible transaction. */
    static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration SPAN = Duration.ofHours(2);
    private static final List<String> MERCHANTS = List.of("Corner Cafe", "FreshMart", "Shell", "Amazing Books",
            "CityRail", "Pizza Roma", "Hardware Hub", "StreamFlix", "Pharma+", "Gadget World", "Taxi Now", "Bakery 21");

    /**
     * @param cards number of cards
     * @param transactions number of normal transactions
     * @param bursts number of fraudulent bursts
     * @param seed the random seed
     * @return the sample data
     */
    static FraudSampleData generate(int cards, int transactions, int bursts, long seed) {
        if (cards < 1 || transactions < 0 || bursts < 0) {
            throw new IllegalArgumentException("need cards >= 1, transactions >= 0, bursts >= 0; cards=" + cards
                    + ", transactions=" + transactions + ", bursts=" + bursts);
        }
        Random random = new Random(seed);
        long start = START.toEpochMilli();
        long span = SPAN.toMillis();
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < transactions; i++) {
            txs.add(tx(card(random, cards), 100 + (long) (random.nextDouble() * random.nextDouble() * 39_900),
                    merchant(random), start + (long) (random.nextDouble() * span)));
        }
        for (int b = 0; b < bursts; b++) {
            String card = card(random, cards);
            long t = start + (long) (random.nextDouble() * (span - Duration.ofMinutes(5).toMillis()));
            boolean cardTesting = b % 2 == 0;
            int n = cardTesting ? 8 : 3;
            for (int i = 0; i < n; i++) {
                long amount = cardTesting ? 100 + random.nextInt(400) : 90_000 + random.nextInt(60_000);
                txs.add(tx(card, amount, merchant(random), t + i * (cardTesting ? 20_000L : 60_000L)));
            }
        }
        txs.sort(Comparator.comparingLong(Transaction::timestamp));
        List<Transaction> numbered = new ArrayList<>(txs.size());
        long previous = Long.MIN_VALUE;
        for (Transaction tx : txs) {
            long t = Math.max(tx.timestamp(), previous + 1); // distinct timestamps keep every window distinct
            numbered.add(new Transaction(String.format("tx-%05d", numbered.size() + 1), tx.cardId(),
                    tx.amountCents(), tx.merchant(), t));
            previous = t;
        }
        return new FraudSampleData(numbered);
    }

    private static String card(Random random, int cards) {
        return String.format("card-%04d", 1 + random.nextInt(cards));
    }

    private static String merchant(Random random) {
        return MERCHANTS.get(random.nextInt(MERCHANTS.size()));
    }

    private static Transaction tx(String card, long amountCents, String merchant, long timestamp) {
        return new Transaction(null, card, amountCents, merchant, timestamp);
    }

    /** Appends the transactions, keyed by card id, each stamped with its time. */
    void appendTo(LogStore log) {
        Serializer<Transaction> serializer = KryoSerde.of(Transaction.class, FraudTopology.REGISTRATIONS).serializer();
        List<ProducerRecord> records = new ArrayList<>(transactions.size());
        for (Transaction tx : transactions) {
            records.add(new ProducerRecord(FraudTopology.TRANSACTIONS, 0, tx.cardId().getBytes(StandardCharsets.UTF_8),
                    serializer.serialize(FraudTopology.TRANSACTIONS, tx), tx.timestamp(), null));
        }
        log.append(new TopicPartition(FraudTopology.TRANSACTIONS, 0), records);
    }
}

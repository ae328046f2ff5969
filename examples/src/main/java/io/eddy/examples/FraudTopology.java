package io.eddy.examples;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.KryoRegistrations;
import io.eddy.state.KeyValue;
import io.eddy.state.WindowStore;
import io.eddy.streams.Topology;
import io.eddy.streams.kstream.Consumed;
import io.eddy.streams.kstream.Grouped;
import io.eddy.streams.kstream.KStream;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.kstream.Produced;
import io.eddy.streams.kstream.SlidingWindows;
import io.eddy.streams.kstream.StreamsBuilder;
import java.time.Duration;

/**
 * Real-time card fraud scoring, as in the classic payment-approval flow: every card transaction gets a decision,
 * APPROVED or DENIED, on topic {@value #DECISIONS}; a transaction that pushes its card over a limit also raises an
 * alert on topic {@value #ALERTS}.
 *
 * <pre>
 *  transactions ─ groupByKey ─► windowedBy(sliding, 5 min) ─► aggregate(count, total, last) ─┐
 *                                                                                          │
 *        ┌─ the window ending at each transaction: "its card's last 5 minutes" ◄───────────┘
 *        ├─► decide ─► decisions
 *        └─► first over the limits ─► alerts
 * </pre>
 *
 * <p>The limits apply to a card's activity in the {@link FraudRules#window() window} up to and including a
 * transaction: more than {@link FraudRules#maxCount() maxCount} transactions or more than
 * {@link FraudRules#maxAmountCents() maxAmountCents} in total denies it. Declined attempts count too: a burst of
 * card testing keeps being declined until it slows down.
 *
 * <p>Why sliding windows: a sliding-window aggregation gives every transaction at time {@code t} exactly one window
 * {@code [t - window, t]} of its own, emitted when the transaction is processed, so "the last 5 minutes before this
 * payment" is read straight off the aggregate (hopping windows would only approximate it and would emit one result
 * per overlapping window). Other windows the transaction updates end later than it does and are ignored here.
 */
public final class FraudTopology {
    /** Input: card id → {@link Transaction}, stamped with the transaction's time. */
    public static final String TRANSACTIONS = "transactions";
    /** Output: card id → {@link Decision}, one per transaction. */
    public static final String DECISIONS = "decisions";
    /** Output: card id → {@link Alert}, one per transaction that takes its card over a limit. */
    public static final String ALERTS = "alerts";
    /** The sliding-window store of per-card activity. */
    public static final String ACTIVITY_STORE = "card-activity";

    /** The classes Kryo writes for this app, with ids that must never change. */
    public static final KryoRegistrations REGISTRATIONS = KryoRegistrations.builder()
            .register(Transaction.class, 1101)
            .register(CardActivity.class, 1102)
            .register(Decision.class, 1103)
            .register(Status.class, 1104)
            .register(Alert.class, 1105)
            .build();

    /**
     * A card payment.
     *
     * @param id the transaction id
     * @param cardId the card
     * @param amountCents the amount in cents
     * @param merchant where
     * @param timestamp when, epoch ms (also the record's timestamp)
     */
    public record Transaction(String id, String cardId, long amountCents, String merchant, long timestamp) {
    }

    /**
     * A card's activity in one window.
     *
     * @param count transactions in the window
     * @param totalCents their total amount
     * @param last the transaction added last
     */
    public record CardActivity(long count, long totalCents, Transaction last) {
        static CardActivity empty() {
            return new CardActivity(0, 0, null);
        }

        CardActivity add(Transaction tx) {
            return new CardActivity(count + 1, totalCents + tx.amountCents(), tx);
        }

        /** @return the activity in the window without its last transaction */
        CardActivity beforeLast() {
            return new CardActivity(count - 1, totalCents - last.amountCents(), null);
        }
    }

    /** The outcome of a transaction. */
    public enum Status { APPROVED, DENIED }

    /**
     * The decision on one transaction.
     *
     * @param transaction the transaction
     * @param status approved or denied
     * @param reason why it was denied, or empty
     * @param windowCount transactions of the card in the window up to this one
     * @param windowTotalCents their total amount
     * @param alert whether this transaction took the card over a limit
     */
    public record Decision(Transaction transaction, Status status, String reason, long windowCount,
                           long windowTotalCents, boolean alert) {
    }

    /**
     * A suspected fraud.
     *
     * @param transaction the transaction that took the card over a limit
     * @param reason which limit
     * @param windowCount transactions of the card in the window
     * @param windowTotalCents their total amount
     */
    public record Alert(Transaction transaction, String reason, long windowCount, long windowTotalCents) {
    }

    /**
     * The fraud limits.
     *
     * @param window how far back a card's activity counts
     * @param maxCount most transactions allowed in the window
     * @param maxAmountCents largest total amount allowed in the window
     * @param grace how late (out of order) a transaction may arrive and still be scored
     */
    public record FraudRules(Duration window, long maxCount, long maxAmountCents, Duration grace) {
        /** @return why {@code activity} breaks a limit, or null when it does not */
        String violation(CardActivity activity) {
            if (activity.count() > maxCount) {
                return activity.count() + " transactions in " + window.toMinutes() + " min (limit " + maxCount + ")";
            }
            if (activity.totalCents() > maxAmountCents) {
                return String.format("%s in %d min (limit %s)", dollars(activity.totalCents()), window.toMinutes(),
                        dollars(maxAmountCents));
            }
            return null;
        }
    }

    private FraudTopology() {
    }

    /** @return {@code cents} as dollars, e.g. {@code $1,234.50} */
    static String dollars(long cents) {
        return String.format("$%,d.%02d", cents / 100, cents % 100);
    }

    /** @param rules the limits @return the fraud-scoring topology */
    public static Topology build(FraudRules rules) {
        StreamsBuilder builder = new StreamsBuilder(REGISTRATIONS);
        KStream<String, Transaction> transactions =
                builder.stream(TRANSACTIONS, Consumed.with(String.class, Transaction.class));

        KStream<String, Decision> decisions = transactions
                .groupByKey(Grouped.as("transactions-by-card"))
                .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(rules.window(), rules.grace()))
                // no cache: it could merge a transaction's own window update with a later out-of-order one
                .aggregate(CardActivity::empty, (cardId, tx, activity) -> activity.add(tx), Named.as("card-activity"),
                        Materialized.<String, CardActivity, WindowStore<Bytes, byte[]>>as(ACTIVITY_STORE)
                                .withCachingDisabled())
                .toStream()
                // keep each transaction's own window: the one that ends at it
                .filter((cardWindow, activity) -> cardWindow.window().end() == activity.last().timestamp(),
                        Named.as("window-ending-at-transaction"))
                .map((cardWindow, activity) -> KeyValue.pair(cardWindow.key(), decide(rules, activity)),
                        Named.as("decide"));

        decisions.to(DECISIONS, Produced.with(String.class, Decision.class));
        decisions.filter((cardId, decision) -> decision.alert(), Named.as("over-the-limits"))
                .mapValues(d -> new Alert(d.transaction(), d.reason(), d.windowCount(), d.windowTotalCents()),
                        Named.as("to-alert"))
                .to(ALERTS, Produced.with(String.class, Alert.class));
        return builder.build();
    }

    /**
     * Denies a transaction whose window breaks a limit; alerts when the window without it did not, i.e. this
     * transaction is the one that took the card over.
     */
    static Decision decide(FraudRules rules, CardActivity activity) {
        String violation = rules.violation(activity);
        if (violation == null) {
            return new Decision(activity.last(), Status.APPROVED, "", activity.count(), activity.totalCents(), false);
        }
        boolean alert = rules.violation(activity.beforeLast()) == null;
        return new Decision(activity.last(), Status.DENIED, violation, activity.count(), activity.totalCents(), alert);
    }
}

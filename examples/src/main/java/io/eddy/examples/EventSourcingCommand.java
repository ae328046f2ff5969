package io.eddy.examples;

import io.eddy.eventsourcing.AppendResult;
import io.eddy.eventsourcing.EventStore;
import io.eddy.eventsourcing.EventStoreConfig;
import io.eddy.eventsourcing.Position;
import io.eddy.eventsourcing.Projection;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import io.eddy.state.ReadOnlyKeyValueStore;
import io.eddy.state.ReadOnlyWindowStore;
import io.eddy.state.Windowed;
import io.eddy.streams.QueryableStoreTypes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The event-sourcing example: bank accounts kept as event streams in an {@link EventStore}, changed by commands
 * (open, deposit, withdraw, transfer) and read through two projections run by Eddy. A scripted three-day demo runs
 * the commands, then prints the balances and the per-day volume as the projections see them (read-your-writes at
 * the position of the last append), and checks each balance against the account loaded by folding its events.
 * Running it again on the same data directory appends nothing (every command is idempotent) and prints the same.
 */
@Command(name = "event-sourcing", mixinStandardHelpOptions = true,
        description = "Bank accounts on the event store: commands, aggregates, balance and daily-volume projections.")
final class EventSourcingCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "eddy-data", description = "data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    /** A clock the script moves forward, so the demo's events fall on fixed days. */
    static final class ScriptedClock extends Clock {
        private volatile Instant now;

        ScriptedClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            this.now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the scripted clock is UTC only");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Override
    public Integer call() {
        long t0 = System.nanoTime();
        ScriptedClock clock = new ScriptedClock(Instant.parse("2026-03-02T09:00:00Z"));
        EventStoreConfig config = EventStoreConfig.of(BankAccounts.REGISTRATIONS).withTopic("bank-events")
                .withClock(clock);
        try (EventStore store = EventStore.open(dataDir, config);
             Projection balances = Projection.builder(store, "balances", BankAccounts::balancesProjection)
                     .stateDir(dataDir.resolve("state")).build();
             Projection volume = Projection.builder(store, "daily-volume", BankAccounts::dailyVolumeProjection)
                     .stateDir(dataDir.resolve("state")).build()) {
            balances.start();
            volume.start();
            BankAccounts bank = new BankAccounts(store);
            Position before = endPosition(store);
            AppendResult last = script(bank, clock);
            Position end = endPosition(store);
            System.out.printf("ran 11 commands in %.1f s: %d events appended (%s), %d accounts%n",
                    (System.nanoTime() - t0) / 1e9, countEvents(store, before), end.offset() == before.offset()
                            ? "all commands were already applied" : "event topic offsets " + before.offset() + " to " + end.offset(),
                    store.streamCount());
            Position readAt = last.lastPosition();
            ReadOnlyKeyValueStore<String, Long> balanceView = balances.query(BankAccounts.BALANCES_STORE,
                    QueryableStoreTypes.keyValueStore(), readAt, Duration.ofSeconds(30));
            System.out.println("balances (projection 'balances'):");
            Map<String, Long> printed = new TreeMap<>();
            try (KeyValueIterator<String, Long> it = balanceView.all()) {
                while (it.hasNext()) {
                    KeyValue<String, Long> kv = it.next();
                    printed.put(kv.key, kv.value);
                }
            }
            printed.forEach((account, cents) -> System.out.printf("  %-8s %10s%n", account, money(cents)));
            ReadOnlyWindowStore<String, Long> volumeView = volume.query(BankAccounts.DAILY_VOLUME_STORE,
                    QueryableStoreTypes.windowStore(), readAt, Duration.ofSeconds(30));
            System.out.println("daily volume (projection 'daily-volume'):");
            try (KeyValueIterator<Windowed<String>, Long> it = volumeView.all()) {
                while (it.hasNext()) {
                    KeyValue<Windowed<String>, Long> kv = it.next();
                    LocalDate day = LocalDate.ofInstant(kv.key.window().startTime(), ZoneOffset.UTC);
                    System.out.printf("  %s %10s%n", day, money(kv.value));
                }
            }
            boolean consistent = printed.entrySet().stream().allMatch(e ->
                    bank.accounts().load(e.getKey()).state().balanceCents() == e.getValue());
            System.out.println(consistent ? "aggregates agree: every balance equals its account's folded events"
                    : "MISMATCH between the balances projection and the aggregates");
            return consistent ? 0 : 1;
        }
    }

    /** Three days of banking; returns the last append. */
    private static AppendResult script(BankAccounts bank, ScriptedClock clock) {
        bank.open("open-alice", "alice", "Alice");
        bank.open("open-bob", "bob", "Bob");
        bank.open("open-carol", "carol", "Carol");
        bank.deposit("d-1", "alice", 1000_00);
        bank.deposit("d-2", "bob", 500_00);
        bank.withdraw("w-1", "bob", 120_50);
        clock.set(Instant.parse("2026-03-03T10:00:00Z"));
        bank.transfer("t-1", "alice", "bob", 250_00);
        bank.deposit("d-3", "carol", 75_00);
        bank.withdraw("w-2", "carol", 100_00); // overdraft: carol goes to -25.00 for a day
        clock.set(Instant.parse("2026-03-04T11:00:00Z"));
        bank.transfer("t-2", "bob", "carol", 300_00);
        return bank.withdraw("w-3", "alice", 50_00);
    }

    private static Position endPosition(EventStore store) {
        return Position.of(store.log().endOffset(new io.eddy.log.TopicPartition(store.config().topic(), 0)));
    }

    private static int countEvents(EventStore store, Position from) {
        return store.readAll(from, Integer.MAX_VALUE).size();
    }

    static String money(long cents) {
        return String.format(Locale.ROOT, "%s%d.%02d", cents < 0 ? "-" : "", Math.abs(cents) / 100,
                Math.abs(cents) % 100);
    }
}

package io.eddy.examples;

import io.eddy.eventsourcing.AggregateRepository;
import io.eddy.eventsourcing.AppendResult;
import io.eddy.eventsourcing.CommandResult;
import io.eddy.eventsourcing.EventData;
import io.eddy.eventsourcing.EventStore;
import io.eddy.serialization.KryoRegistrations;
import io.eddy.streams.kstream.Grouped;
import io.eddy.streams.kstream.KStream;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.TimeWindows;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The bank-account domain of the event-sourcing example: events, the account state they fold into, the command
 * handlers, and the two projections (balances, per-day transaction volume). Amounts are in cents.
 *
 * <p>Every command carries an id; its events get ids derived from it, so running a command again (a retry, or the
 * demo run twice on the same data) appends nothing. Withdrawals do not check the balance: this bank allows
 * overdrafts, and the balances projection shows them as negative balances.
 */
final class BankAccounts {
    record Opened(String owner) {
    }

    record Deposited(long cents) {
    }

    record Withdrawn(long cents) {
    }

    record TransferredOut(String toAccount, long cents, String transferId) {
    }

    record TransferredIn(String fromAccount, long cents, String transferId) {
    }

    /** An account's state: the fold of its events. */
    record Account(boolean open, String owner, long balanceCents) {
        static final Account NONE = new Account(false, null, 0);

        Account apply(Object event) {
            if (event instanceof Opened o) {
                return new Account(true, o.owner(), balanceCents);
            }
            return new Account(open, owner, balanceCents + balanceDelta(event));
        }
    }

    static final KryoRegistrations REGISTRATIONS = KryoRegistrations.builder()
            .register(Opened.class, 310)
            .register(Deposited.class, 311)
            .register(Withdrawn.class, 312)
            .register(TransferredOut.class, 313)
            .register(TransferredIn.class, 314)
            .register(Account.class, 315)
            .build();

    /** Name of the balances projection's store: account id → balance in cents. */
    static final String BALANCES_STORE = "balances";
    /** Name of the volume projection's store: one-day windows of key {@code "bank"} → cents moved. */
    static final String DAILY_VOLUME_STORE = "daily-volume";

    private final AggregateRepository<Account> accounts;

    BankAccounts(EventStore store) {
        this.accounts = AggregateRepository.builder(store, "account", Account.NONE, Account::apply)
                .snapshotEvery(100).build();
    }

    AggregateRepository<Account> accounts() {
        return accounts;
    }

    /** How an event changes its account's balance. */
    static long balanceDelta(Object event) {
        if (event instanceof Deposited d) {
            return d.cents();
        }
        if (event instanceof Withdrawn w) {
            return -w.cents();
        }
        if (event instanceof TransferredOut t) {
            return -t.cents();
        }
        if (event instanceof TransferredIn t) {
            return t.cents();
        }
        return 0;
    }

    /** How much money an event moves, counting a transfer once (on its sending side). */
    static long volume(Object event) {
        return event instanceof TransferredIn ? 0 : Math.abs(balanceDelta(event));
    }

    /** The balances projection: per account, the sum of its balance changes. */
    static void balancesProjection(KStream<String, Object> events) {
        events.groupByKey()
                .aggregate(() -> 0L, (account, event, balance) -> balance + balanceDelta(event),
                        Materialized.as(BALANCES_STORE));
    }

    /** The volume projection: money moved per UTC day, by the events' timestamps. */
    static void dailyVolumeProjection(KStream<String, Object> events) {
        events.filter((account, event) -> volume(event) > 0)
                .groupBy((account, event) -> "bank", Grouped.as("volume-by-bank"))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofDays(1), Duration.ofDays(30)))
                .aggregate(() -> 0L, (bank, event, total) -> total + volume(event),
                        Materialized.<String, Long, io.eddy.state.WindowStore<io.eddy.serialization.Bytes, byte[]>>as(
                                DAILY_VOLUME_STORE).withRetention(Duration.ofDays(3650)));
    }

    AppendResult open(String commandId, String account, String owner) {
        return run(commandId, account, false, a -> a.open() ? List.of() : List.of(new Opened(owner)));
    }

    AppendResult deposit(String commandId, String account, long cents) {
        return run(commandId, account, true, a -> List.of(new Deposited(positive(cents))));
    }

    /** No overdraft check: the balance may go negative. */
    AppendResult withdraw(String commandId, String account, long cents) {
        return run(commandId, account, true, a -> List.of(new Withdrawn(positive(cents))));
    }

    /**
     * Moves money between two accounts: first the sending side, then the receiving side, each an idempotent
     * append, so re-running the command after a crash between the two completes the transfer without doubling it.
     *
     * @return the append of the receiving side
     */
    AppendResult transfer(String transferId, String from, String to, long cents) {
        run(transferId + "/out", from, true, a -> {
            requireOpen(to);
            return List.of(new TransferredOut(to, positive(cents), transferId));
        });
        return run(transferId + "/in", to, true, a -> List.of(new TransferredIn(from, cents, transferId)));
    }

    private void requireOpen(String account) {
        if (!accounts.load(account).state().open()) {
            throw new IllegalStateException("account " + account + " is not open");
        }
    }

    private AppendResult run(String commandId, String account, boolean mustBeOpen,
                             Function<Account, List<?>> decide) {
        CommandResult<Account> r = accounts.execute(account, a -> {
            if (mustBeOpen && !a.open()) {
                throw new IllegalStateException("account " + account + " is not open");
            }
            List<?> events = decide.apply(a);
            List<EventData> withIds = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                withIds.add(EventData.of(eventId(commandId, i), events.get(i)));
            }
            return withIds;
        }, 5);
        return r.append();
    }

    private static UUID eventId(String commandId, int index) {
        return UUID.nameUUIDFromBytes((commandId + "#" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static long positive(long cents) {
        if (cents <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + cents + " cents");
        }
        return cents;
    }
}

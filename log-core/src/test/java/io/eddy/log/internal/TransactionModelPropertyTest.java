package io.eddy.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.log.IsolationLevel;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.LogStoreOptions;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicConfig;
import io.eddy.log.TopicPartition;
import io.eddy.log.TransactionalProducer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * Transactions against a model: per partition, the values in append order, each plain or owned by a transaction
 * that is open, committed or aborted. Random chains of plain appends, transactional sends (appended at once) from
 * three transactional ids, commits, aborts, fencing, clean reopens and simulated crashes (files copied while open);
 * after every step, read-uncommitted returns every value in order, and read-committed exactly the plain and committed
 * values in order up to the first value of a still-open transaction. jqwik prints the seed and the shrunk chain.
 */
class TransactionModelPropertyTest {
    private static final String TOPIC = "t";
    private static final int PARTITIONS = 2;
    private static final int PRODUCERS = 3;

    private final List<Model> opened = new ArrayList<>();

    @AfterTry
    void dispose() {
        opened.forEach(Model::dispose);
        opened.clear();
    }

    @Property(tries = 25)
    void readCommittedServesExactlyTheCommittedPrefixInOrder(@ForAll("chains") ActionChain<Model> chain) {
        chain.withInvariant("reads match the model", Model::check).run();
    }

    @Tag("slow")
    @Property(tries = 1_000)
    void soakTransactionsAgainstTheModel(@ForAll("chains") ActionChain<Model> chain) {
        chain.withInvariant("reads match the model", Model::check).run();
    }

    @Provide
    Arbitrary<ActionChain<Model>> chains() {
        Arbitrary<Integer> partitions = Arbitraries.integers().between(0, PARTITIONS - 1);
        Arbitrary<Integer> producers = Arbitraries.integers().between(0, PRODUCERS - 1);
        return ActionChain.<Model>startWith(() -> {
                    Model m = new Model();
                    opened.add(m);
                    return m;
                })
                .withAction(3, (Action.Independent<Model>) () -> partitions.map(p ->
                        Transformer.mutate("plain append to p" + p, m -> m.plain(p))))
                .withAction(6, (Action.Independent<Model>) () -> Combinators.combine(producers, partitions).as((t, p) ->
                        Transformer.mutate("tx" + t + " sends to p" + p, m -> m.send(t, p))))
                .withAction(2, (Action.Independent<Model>) () -> producers.map(t ->
                        Transformer.mutate("tx" + t + " commits", m -> m.commit(t))))
                .withAction(1, (Action.Independent<Model>) () -> producers.map(t ->
                        Transformer.mutate("tx" + t + " aborts", m -> m.abort(t))))
                .withAction(1, (Action.Independent<Model>) () -> producers.map(t ->
                        Transformer.mutate("tx" + t + " is fenced by a new producer", m -> m.fence(t))))
                .withAction(1, Action.just(Transformer.mutate("close and reopen", m -> m.reopen(false))))
                .withAction(1, Action.just(Transformer.mutate("crash and reopen", m -> m.reopen(true))))
                .withMaxTransformations(40);
    }

    /** A value in a partition: plain ({@code txn == null}) or of a transaction. */
    private static final class Entry {
        final String value;
        final Txn txn;

        Entry(String value, Txn txn) {
            this.value = value;
            this.txn = txn;
        }
    }

    private enum Status { OPEN, COMMITTED, ABORTED }

    private static final class Txn {
        Status status = Status.OPEN;
    }

    static final class Model {
        private final Path root;
        private Path dir;
        private int generation;
        private DefaultLogStore log;
        private final TransactionalProducer[] producers = new TransactionalProducer[PRODUCERS];
        private final Txn[] current = new Txn[PRODUCERS];
        private final List<List<Entry>> partitions = new ArrayList<>();
        private int counter;

        Model() {
            try {
                root = Files.createTempDirectory("eddy-txn-model");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dir = root.resolve("g0");
            log = open();
            log.createTopic(TOPIC, PARTITIONS, TopicConfig.builder().segmentBytes(TopicConfig.MIN_SEGMENT_BYTES)
                    .indexIntervalBytes(100).build());
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new ArrayList<>());
            }
        }

        private DefaultLogStore open() {
            return (DefaultLogStore) LogStore.open(dir, LogStoreOptions.defaults().withBackgroundMaintenance(false));
        }

        private ProducerRecord record(int p, String value) {
            return new ProducerRecord(TOPIC, p, null, value.getBytes(StandardCharsets.UTF_8), -1, null);
        }

        private String next() {
            return "v" + counter++ + "-" + "x".repeat(counter % 7 * 20);
        }

        void plain(int p) {
            String v = next();
            log.append(new TopicPartition(TOPIC, p), List.of(record(p, v)));
            partitions.get(p).add(new Entry(v, null));
        }

        private TransactionalProducer producer(int t) {
            if (producers[t] == null) {
                producers[t] = log.transactionalProducer("tx" + t);
            }
            return producers[t];
        }

        void send(int t, int p) {
            TransactionalProducer tx = producer(t);
            if (current[t] == null) {
                tx.beginTransaction();
                current[t] = new Txn();
            }
            String v = next();
            tx.send(record(p, v));
            tx.flush();
            partitions.get(p).add(new Entry(v, current[t]));
        }

        void commit(int t) {
            if (current[t] != null) {
                producers[t].commitTransaction();
                current[t].status = Status.COMMITTED;
                current[t] = null;
            }
        }

        void abort(int t) {
            if (current[t] != null) {
                producers[t].abortTransaction();
                current[t].status = Status.ABORTED;
                current[t] = null;
            }
        }

        void fence(int t) {
            TransactionalProducer old = producers[t];
            producers[t] = log.transactionalProducer("tx" + t);
            if (current[t] != null) {
                current[t].status = Status.ABORTED;
                current[t] = null;
            }
            if (old != null) {
                old.close();
            }
        }

        void reopen(boolean crash) {
            if (crash) {
                Path copy = root.resolve("g" + ++generation);
                SegmentFiles.copyTree(dir, copy);
                log.close();
                dir = copy;
            } else {
                log.close();
            }
            for (int t = 0; t < PRODUCERS; t++) {
                producers[t] = null;
                if (current[t] != null) {
                    current[t].status = Status.ABORTED;
                    current[t] = null;
                }
            }
            log = open();
        }

        void check() {
            for (int p = 0; p < PARTITIONS; p++) {
                TopicPartition tp = new TopicPartition(TOPIC, p);
                List<String> all = new ArrayList<>();
                List<String> committed = new ArrayList<>();
                boolean blocked = false;
                for (Entry e : partitions.get(p)) {
                    all.add(e.value);
                    blocked |= e.txn != null && e.txn.status == Status.OPEN;
                    if (!blocked && (e.txn == null || e.txn.status == Status.COMMITTED)) {
                        committed.add(e.value);
                    }
                }
                assertThat(read(tp, IsolationLevel.READ_UNCOMMITTED)).as("read uncommitted " + tp).isEqualTo(all);
                assertThat(read(tp, IsolationLevel.READ_COMMITTED)).as("read committed " + tp).isEqualTo(committed);
                assertThat(log.lastStableOffset(tp)).isLessThanOrEqualTo(log.endOffset(tp));
                if (!blocked) {
                    assertThat(log.lastStableOffset(tp)).as("LSO of " + tp + " with nothing open")
                            .isEqualTo(log.endOffset(tp));
                }
            }
        }

        private List<String> read(TopicPartition tp, IsolationLevel isolation) {
            List<String> out = new ArrayList<>();
            long offset = log.startOffset(tp);
            while (true) {
                List<LogRecord> got = log.read(tp, offset, 7, isolation);
                if (got.isEmpty()) {
                    return out;
                }
                got.forEach(r -> out.add(new String(r.value(), StandardCharsets.UTF_8)));
                offset = got.get(got.size() - 1).offset() + 1;
            }
        }

        void dispose() {
            try {
                log.close();
            } catch (RuntimeException e) {
                // already closed
            }
            SegmentFiles.deleteTree(root);
        }
    }
}

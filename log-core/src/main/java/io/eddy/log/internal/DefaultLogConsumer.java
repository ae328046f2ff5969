package io.eddy.log.internal;

import io.eddy.log.ConsumerConfig;
import io.eddy.log.LogClosedException;
import io.eddy.log.LogConsumer;
import io.eddy.log.LogException;
import io.eddy.log.LogRecord;
import io.eddy.log.OffsetAndMetadata;
import io.eddy.log.OffsetOutOfRangeException;
import io.eddy.log.TopicPartition;
import io.eddy.log.WakeupException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Polls assigned partitions round-robin from per-partition positions; see {@link LogConsumer}. */
final class DefaultLogConsumer implements LogConsumer {
    /** How often a read-only consumer looks at file sizes for data another process appended. */
    static final long READ_ONLY_POLL_MILLIS = 50;

    private final DefaultLogStore store;
    private final ConsumerConfig config;
    private final ScanBuffer scratch;
    private final boolean readCommitted;
    private boolean progressed;
    private final Map<TopicPartition, Long> positions = new LinkedHashMap<>();
    private final java.util.Set<TopicPartition> paused = new java.util.HashSet<>();
    private List<TopicPartition> order = List.of();
    private int nextPartition;
    private volatile boolean wakeup;
    private boolean closed;

    DefaultLogConsumer(DefaultLogStore store, ConsumerConfig config) {
        this.store = store;
        this.config = config;
        this.scratch = new ScanBuffer(config.fetchMaxBytes());
        this.readCommitted = config.isolationLevel() == io.eddy.log.IsolationLevel.READ_COMMITTED;
    }

    /** @return where reading stops: the last stable offset when reading committed, else the log end */
    private long readLimit(PartitionLog p) {
        return readCommitted ? p.lastStableOffset() : p.endOffset();
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        ensureOpen();
        Map<TopicPartition, Long> next = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            store.partition(tp);
            next.put(tp, positions.containsKey(tp) ? positions.get(tp) : initialPosition(tp));
        }
        positions.clear();
        positions.putAll(next);
        paused.retainAll(next.keySet());
        order = new ArrayList<>(positions.keySet());
        nextPartition = 0;
    }

    private long initialPosition(TopicPartition tp) {
        if (config.groupId() != null) {
            Optional<OffsetAndMetadata> committed = store.committedOffset(config.groupId(), tp);
            if (committed.isPresent()) {
                return committed.get().offset();
            }
        }
        return reset(tp);
    }

    private long reset(TopicPartition tp) {
        PartitionLog p = store.partition(tp);
        return switch (config.autoOffsetReset()) {
            case EARLIEST -> p.startOffset();
            case LATEST -> readLimit(p);
            case NONE -> throw new OffsetOutOfRangeException("no committed offset for " + tp + " in group "
                    + config.groupId() + " and auto.offset.reset is none");
        };
    }

    @Override
    public void subscribe(Collection<String> topics) {
        List<TopicPartition> all = new ArrayList<>();
        for (String t : topics) {
            int n = store.partitionCount(t);
            for (int i = 0; i < n; i++) {
                all.add(new TopicPartition(t, i));
            }
        }
        assign(all);
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.copyOf(positions.keySet());
    }

    @Override
    public List<LogRecord> poll(Duration timeout) {
        ensureOpen();
        long deadline = System.nanoTime() + timeout.toNanos();
        AppendSignal signal = store.signal();
        while (true) {
            checkWakeup();
            long seen = signal.version();
            List<LogRecord> out = fetch();
            if (!out.isEmpty()) {
                return out;
            }
            if (progressed) {
                continue; // only markers or aborted records were passed: more may follow without a new append
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return out;
            }
            try {
                if (store.isReadOnly()) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(READ_ONLY_POLL_MILLIS)));
                } else {
                    signal.await(seen, left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LogException("poll was interrupted", e);
            }
        }
    }

    private List<LogRecord> fetch() {
        List<LogRecord> out = new ArrayList<>();
        progressed = false;
        int n = order.size();
        for (int i = 0; i < n && out.size() < config.maxPollRecords(); i++) {
            TopicPartition tp = order.get((nextPartition + i) % n);
            if (paused.contains(tp)) {
                continue;
            }
            PartitionLog p = store.partition(tp);
            long pos = positions.get(tp);
            if (pos < p.startOffset()) {
                if (config.autoOffsetReset() == ConsumerConfig.OffsetReset.NONE) {
                    throw new OffsetOutOfRangeException("position " + pos + " of " + tp + " is below the log start "
                            + p.startOffset() + " (deleted by retention)");
                }
                pos = reset(tp);
            }
            long limit = readLimit(p);
            if (pos >= limit) {
                continue;
            }
            long next = p.read(pos, config.fetchMaxBytes(), config.maxPollRecords() - out.size(),
                    readCommitted ? limit : Long.MAX_VALUE, readCommitted, scratch, out);
            progressed |= next > pos;
            positions.put(tp, next);
        }
        nextPartition = n == 0 ? 0 : (nextPartition + 1) % n;
        return out;
    }

    private void checkWakeup() {
        if (wakeup) {
            wakeup = false;
            throw new WakeupException("consumer poll woken up");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new LogClosedException("consumer is closed");
        }
    }

    private void ensureAssigned(TopicPartition tp) {
        if (!positions.containsKey(tp)) {
            throw new IllegalStateException("partition " + tp + " is not assigned to this consumer");
        }
    }

    @Override
    public void seek(TopicPartition tp, long offset) {
        ensureAssigned(tp);
        if (offset < 0) {
            throw new IllegalArgumentException("seek offset must not be negative, was " + offset);
        }
        positions.put(tp, offset);
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            ensureAssigned(tp);
            positions.put(tp, store.partition(tp).startOffset());
        }
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            ensureAssigned(tp);
            positions.put(tp, readLimit(store.partition(tp)));
        }
    }

    @Override
    public long position(TopicPartition tp) {
        ensureAssigned(tp);
        return positions.get(tp);
    }

    @Override
    public OptionalLong offsetForTimestamp(TopicPartition tp, long timestamp) {
        return store.offsetForTimestamp(tp, timestamp);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            out.put(tp, readLimit(store.partition(tp)));
        }
        return out;
    }

    @Override
    public void commitSync() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        positions.forEach((tp, pos) -> offsets.put(tp, OffsetAndMetadata.of(pos)));
        commitSync(offsets);
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        ensureOpen();
        if (config.groupId() == null) {
            throw new IllegalStateException("this consumer has no group id; it cannot commit offsets");
        }
        store.commitOffsets(config.groupId(), offsets);
    }

    @Override
    public OptionalLong committed(TopicPartition tp) {
        if (config.groupId() == null) {
            return OptionalLong.empty();
        }
        return store.committedOffset(config.groupId(), tp).map(o -> OptionalLong.of(o.offset()))
                .orElse(OptionalLong.empty());
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            ensureAssigned(tp);
            paused.add(tp);
        }
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        paused.removeAll(partitions);
    }

    @Override
    public Set<TopicPartition> paused() {
        return Set.copyOf(paused);
    }

    @Override
    public void wakeup() {
        wakeup = true;
        store.signal().signal();
    }

    @Override
    public void close() {
        closed = true;
    }
}

package io.eddy.streams.internal;

import io.eddy.log.ConsumerConfig;
import io.eddy.log.IsolationLevel;
import io.eddy.log.LogConsumer;
import io.eddy.log.LogRecord;
import io.eddy.log.TopicPartition;
import io.eddy.log.WakeupException;
import io.eddy.state.StateRestoreListener;
import io.eddy.state.ThreadCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a set of tasks on one thread: restore their state, then loop — poll a batch of input for all of them, process
 * up to a batch per task, fire wall-clock punctuations, and join the app-wide commit when it is due. Input of a
 * partition whose buffer is full is paused until the task catches up.
 */
final class StreamThread extends Thread {
    private static final Logger LOG = LoggerFactory.getLogger(StreamThread.class);
    private static final int PROCESS_BATCH = 1000;
    private static final int EXCHANGE_BATCH = 50_000;

    private final StreamRuntime runtime;
    private final List<StreamTask> tasks;
    private final Map<TopicPartition, StreamTask> taskByPartition = new HashMap<>();
    private final RecordCollector collector;
    private final ThreadCache cache;
    private final Clock clock;
    private final long pollMs;
    private final int bufferedPerPartition;
    private final CountDownLatch allRestored;
    private final long idleAdvanceMs;
    private LogConsumer consumer;
    private volatile boolean running = true;
    private volatile boolean polling;
    private volatile Throwable failure;
    private long idleSinceMs = -1;

    StreamThread(String name, StreamRuntime runtime, List<StreamTask> tasks, RecordCollector collector,
                 ThreadCache cache, Clock clock, long pollMs, int bufferedPerPartition, CountDownLatch allRestored,
                 long idleAdvanceMs) {
        super(name);
        this.runtime = runtime;
        this.tasks = tasks;
        this.collector = collector;
        this.cache = cache;
        this.clock = clock;
        this.pollMs = pollMs;
        this.bufferedPerPartition = bufferedPerPartition;
        this.allRestored = allRestored;
        this.idleAdvanceMs = idleAdvanceMs;
        for (StreamTask t : tasks) {
            for (TopicPartition tp : t.logPartitions()) {
                taskByPartition.put(tp, t);
            }
        }
    }

    List<StreamTask> tasks() {
        return tasks;
    }

    RecordCollector collector() {
        return collector;
    }

    ThreadCache cache() {
        return cache;
    }

    Throwable failure() {
        return failure;
    }

    /** Asks the thread to finish: it joins a final commit and exits. */
    void shutdown() {
        running = false;
        wake();
    }

    /** Wakes the thread if it is blocked waiting for input. */
    void wake() {
        LogConsumer c = consumer;
        if (polling && c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        boolean registered = true;
        try {
            restore(runtime.restoreListener());
            allRestored.countDown();
            allRestored.await();
            runtime.onThreadRunning(this);
            loop();
            runtime.coordinator().participate(this);
        } catch (Throwable t) {
            failure = t;
            allRestored.countDown();
            LOG.error("stream thread {} failed", getName(), t);
        } finally {
            if (registered) {
                runtime.coordinator().deregister();
            }
            if (consumer != null) {
                consumer.close();
            }
            runtime.onThreadExit(this, failure);
        }
    }

    private void restore(StateRestoreListener listener) {
        long restored = 0;
        long t0 = System.nanoTime();
        for (StreamTask t : tasks) {
            restored += t.initialize(listener);
        }
        if (restored > 0) {
            double secs = (System.nanoTime() - t0) / 1e9;
            LOG.info("{} restored {} records into {} task(s) in {} s ({} records/s)", getName(), restored,
                    tasks.size(), String.format("%.2f", secs), Math.round(restored / Math.max(secs, 1e-9)));
        }
        consumer = runtime.backend().consumer(ConsumerConfig.of(runtime.applicationId())
                .withIsolationLevel(runtime.readCommitted() ? IsolationLevel.READ_COMMITTED
                        : IsolationLevel.READ_UNCOMMITTED));
        consumer.assign(taskByPartition.keySet());
        runtime.applyOffsetResets(consumer, taskByPartition.keySet());
        for (StreamTask t : tasks) {
            for (TopicPartition tp : t.logPartitions()) {
                t.setCaughtUp(tp, consumer.position(tp) >= runtime.inputEnd(tp));
            }
        }
    }

    private void loop() {
        while (running) {
            if (runtime.coordinator().requested()) {
                runtime.coordinator().participate(this);
                continue;
            }
            pollOnce();
            int processed = 0;
            for (StreamTask t : tasks) {
                processed += t.process(PROCESS_BATCH);
            }
            for (StreamTask t : tasks) {
                // keep up with what upstream tasks handed over, so exchange queues do not grow without bound
                processed += t.processExchangeOnly(EXCHANGE_BATCH);
            }
            long now = clock.millis();
            for (StreamTask t : tasks) {
                t.punctuateWallClock(now);
            }
            maybeAdvanceIdleStreamTime(processed, now);
            runtime.maybeRequestCommit(now, tasks);
        }
    }

    private void pollOnce() {
        boolean hasWork = false;
        List<TopicPartition> toPause = new ArrayList<>();
        List<TopicPartition> toResume = new ArrayList<>();
        for (Map.Entry<TopicPartition, StreamTask> e : taskByPartition.entrySet()) {
            int buffered = e.getValue().buffered(e.getKey());
            if (buffered >= bufferedPerPartition) {
                toPause.add(e.getKey());
            } else {
                toResume.add(e.getKey());
            }
        }
        for (StreamTask t : tasks) {
            if (t.hasBufferedRecords()) {
                hasWork = true;
                break;
            }
        }
        consumer.pause(toPause);
        consumer.resume(toResume);
        List<LogRecord> records;
        try {
            polling = !hasWork;
            if (!hasWork && (runtime.coordinator().requested() || !running)) {
                return;
            }
            records = consumer.poll(hasWork ? Duration.ZERO : Duration.ofMillis(pollMs));
        } catch (WakeupException e) {
            return;
        } finally {
            polling = false;
        }
        dispatch(records);
        for (Map.Entry<TopicPartition, StreamTask> e : taskByPartition.entrySet()) {
            TopicPartition tp = e.getKey();
            e.getValue().setCaughtUp(tp, consumer.position(tp) >= runtime.inputEnd(tp));
        }
    }

    private void dispatch(List<LogRecord> records) {
        int i = 0;
        int n = records.size();
        while (i < n) {
            LogRecord first = records.get(i);
            int j = i + 1;
            while (j < n && records.get(j).partition() == first.partition()
                    && records.get(j).topic().equals(first.topic())) {
                j++;
            }
            TopicPartition tp = new TopicPartition(first.topic(), first.partition());
            taskByPartition.get(tp).addRecords(tp, records.subList(i, j), false);
            i = j;
        }
    }

    private void maybeAdvanceIdleStreamTime(int processed, long now) {
        if (idleAdvanceMs < 0) {
            return;
        }
        if (processed > 0) {
            idleSinceMs = -1;
            return;
        }
        if (idleSinceMs < 0) {
            idleSinceMs = now;
        } else if (now - idleSinceMs >= idleAdvanceMs) {
            // opt-in: let windows close when input stops, trading event-time accuracy for timely final results
            for (StreamTask t : tasks) {
                t.advanceStreamTime(t.streamTimeMs() + (now - idleSinceMs));
            }
            idleSinceMs = now;
        }
    }

    // ---- inline use by the test driver: the same task code, driven synchronously on the caller's thread ----

    void restoreInline() {
        restore(runtime.restoreListener());
    }

    /** Polls what is available without blocking and processes until no task makes progress. */
    int runInline() {
        int total = 0;
        while (true) {
            List<LogRecord> records = consumer.poll(Duration.ZERO);
            dispatch(records);
            for (Map.Entry<TopicPartition, StreamTask> e : taskByPartition.entrySet()) {
                TopicPartition tp = e.getKey();
                e.getValue().setCaughtUp(tp, consumer.position(tp) >= runtime.inputEnd(tp));
            }
            int processed = 0;
            for (StreamTask t : tasks) {
                processed += t.process(Integer.MAX_VALUE);
            }
            total += processed;
            if (processed == 0 && records.isEmpty()) {
                return total;
            }
        }
    }

    /** @return true when an assigned partition has records not yet fetched or a task has records buffered */
    boolean hasPendingInline() {
        for (Map.Entry<TopicPartition, StreamTask> e : taskByPartition.entrySet()) {
            if (consumer.position(e.getKey()) < runtime.inputEnd(e.getKey())) {
                return true;
            }
        }
        for (StreamTask t : tasks) {
            if (t.hasBufferedRecords()) {
                return true;
            }
        }
        return false;
    }

    void closeInline() {
        if (consumer != null) {
            consumer.close();
        }
    }
}

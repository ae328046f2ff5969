package io.eddy.streams.internal;

import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes a commit a consistent cut of the whole app. When a commit is due, every stream thread stops at a barrier,
 * then, in rounds separated by barriers:
 * <ol>
 *   <li>each thread processes what the in-memory exchange handed to its own tasks and flushes their stores (stores
 *       and caches belong to their task's thread, so no thread touches another's), until, with every thread waiting,
 *       no record is in flight;</li>
 *   <li>one thread appends every collector and commits all input offsets — one fsynced offsets write, or one log
 *       transaction with the outputs and changelogs under exactly-once;</li>
 *   <li>each thread commits (exactly-once) or checkpoints its own tasks' stores;</li>
 *   <li>the same one thread publishes the positions and begins the next transaction.</li>
 * </ol>
 * A failure in any step is rethrown in every participating thread after the last barrier, so none is left waiting.
 * A thread that dies deregisters, so the others never wait for it.
 */
final class CommitCoordinator {
    private final Phaser phaser;
    private final AtomicInteger ledPhase = new AtomicInteger(-1);
    private final StreamRuntime runtime;
    private final Runnable wakeAll;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean requested;
    private volatile boolean drained;

    CommitCoordinator(int threads, StreamRuntime runtime, Runnable wakeAll) {
        this.phaser = new Phaser(threads);
        this.runtime = runtime;
        this.wakeAll = wakeAll;
    }

    void request() {
        if (!requested) {
            requested = true;
            wakeAll.run();
        }
    }

    boolean requested() {
        return requested;
    }

    private void step(Runnable r) {
        if (failure.get() != null) {
            return;
        }
        try {
            r.run();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /**
     * Joins the current cut with this thread's tasks; returns when the whole commit is done.
     *
     * @throws RuntimeException the cut's failure, in every participating thread
     */
    void participate(StreamThread self) {
        int phase = phaser.arriveAndAwaitAdvance();
        boolean leader = phase >= 0 && ledPhase.getAndSet(phase) != phase;
        long t0 = System.nanoTime();
        if (leader) {
            failure.set(null);
        }
        phaser.arriveAndAwaitAdvance(); // the leader has reset the failure before anyone works
        for (int round = 0; ; round++) {
            step(() -> runtime.drainAndFlush(self.tasks()));
            phaser.arriveAndAwaitAdvance();
            if (leader) {
                drained = failure.get() != null || runtime.exchangeIdle();
                if (!drained && round > 10_000) {
                    failure.compareAndSet(null, new io.eddy.streams.errors.StreamsException(
                            "commit could not drain the repartition exchange"));
                    drained = true;
                }
            }
            phaser.arriveAndAwaitAdvance();
            if (drained) {
                break;
            }
        }
        if (leader) {
            step(runtime::commitLog);
        }
        phaser.arriveAndAwaitAdvance();
        step(() -> runtime.commitState(self.tasks()));
        phaser.arriveAndAwaitAdvance();
        if (leader) {
            step(() -> runtime.finishCommit(System.nanoTime() - t0));
            requested = false;
        }
        phaser.arriveAndAwaitAdvance();
        RuntimeException f = failure.get();
        if (f != null) {
            throw f;
        }
    }

    /** A thread leaves for good (it stopped or died). */
    void deregister() {
        phaser.arriveAndDeregister();
    }
}

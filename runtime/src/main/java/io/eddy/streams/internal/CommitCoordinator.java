package io.eddy.streams.internal;

import java.util.concurrent.Phaser;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a commit a consistent cut of the whole app: when a commit is due, every stream thread stops at a barrier;
 * one of them (the first to arrive after the barrier) performs the cut over all tasks — drain the in-memory
 * repartition exchange, flush caches, append outputs and changelogs, commit every input offset in one atomic,
 * fsynced write, checkpoint — while the others wait; then all resume. A thread that dies deregisters so the others
 * never wait for it.
 */
final class CommitCoordinator {
    private final Phaser phaser;
    private final AtomicInteger ledPhase = new AtomicInteger(-1);
    private final Runnable cut;
    private final Runnable wakeAll;
    private volatile boolean requested;
    private volatile RuntimeException failure;

    CommitCoordinator(int threads, Runnable cut, Runnable wakeAll) {
        this.phaser = new Phaser(threads);
        this.cut = cut;
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

    /**
     * Joins the current cut: blocks until every live thread arrives, lets exactly one run it, and returns when it is
     * done.
     *
     * @throws RuntimeException the cut's failure, in every participating thread
     */
    void participate() {
        int phase = phaser.arriveAndAwaitAdvance();
        if (phase >= 0 && ledPhase.getAndSet(phase) != phase) {
            try {
                failure = null;
                cut.run();
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                requested = false;
            }
        }
        phaser.arriveAndAwaitAdvance();
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
    }

    /** A thread leaves for good (it stopped or died). */
    void deregister() {
        phaser.arriveAndDeregister();
    }
}

package io.eddy.eventsourcing;

/** Wakes subscriptions when the writer commits; a sequence number keeps a wake-up between check and wait. */
final class CommitSignal {
    private long sequence;

    synchronized long sequence() {
        return sequence;
    }

    synchronized void signal() {
        sequence++;
        notifyAll();
    }

    /** Waits until the sequence moves past {@code seen} or {@code millis} pass. */
    synchronized void await(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (sequence == seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}

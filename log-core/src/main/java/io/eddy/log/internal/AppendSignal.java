package io.eddy.log.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wakes consumers blocked in poll when any partition of the store grows. Appenders pay one atomic increment and a
 * volatile read unless someone is waiting.
 */
public final class AppendSignal {
    private final Object monitor = new Object();
    private final AtomicLong version = new AtomicLong();
    private volatile int waiters;

    public long version() {
        return version.get();
    }

    public void signal() {
        version.incrementAndGet();
        if (waiters > 0) {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    /**
     * Blocks until the version differs from {@code seen}, the timeout passes, or the thread is interrupted.
     *
     * @return true if the version changed
     */
    public boolean await(long seen, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (monitor) {
            waiters++;
            try {
                while (version.get() == seen) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                }
                return true;
            } finally {
                waiters--;
            }
        }
    }
}

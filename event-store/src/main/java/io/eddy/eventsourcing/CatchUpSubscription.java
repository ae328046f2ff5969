package io.eddy.eventsourcing;

import io.eddy.log.IsolationLevel;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.TopicPartition;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one partition of the event topic at {@code READ_COMMITTED} from a position on its own thread and hands each
 * event to the handler. History and live events come through the same loop — the next offset is always the one
 * after the last delivered record — so the switch from catching up to following can neither skip nor repeat an
 * event. When it reaches the last stable offset it waits for the writer's commit signal (or polls every 50 ms, for
 * writers in other stores sharing the log).
 */
final class CatchUpSubscription implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(CatchUpSubscription.class);

    private final LogStore log;
    private final TopicPartition tp;
    private final EventDecoder decoder;
    private final CommitSignal signal;
    private final EventHandler handler;
    private final Thread thread;
    private volatile long next;
    private volatile boolean running = true;

    CatchUpSubscription(LogStore log, TopicPartition tp, long from, EventDecoder decoder, CommitSignal signal,
                        EventHandler handler) {
        this.log = log;
        this.tp = tp;
        this.next = from;
        this.decoder = decoder;
        this.signal = signal;
        this.handler = handler;
        this.thread = new Thread(this::run, "eddy-event-subscription-" + tp + "@" + from);
        this.thread.setDaemon(true);
    }

    CatchUpSubscription start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                long seen = signal.sequence();
                List<LogRecord> records = log.read(tp, Math.max(next, log.startOffset(tp)), 1000,
                        IsolationLevel.READ_COMMITTED);
                if (records.isEmpty()) {
                    signal.await(seen, 50);
                    continue;
                }
                for (LogRecord r : records) {
                    if (!running) {
                        return;
                    }
                    if (r.offset() < next) {
                        continue;
                    }
                    handler.onEvent(decoder.decode(r));
                    next = r.offset() + 1;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("subscription to {} stopped at offset {}", tp, next, e);
            }
        } finally {
            running = false;
        }
    }

    @Override
    public Position position() {
        return new Position(tp.partition(), next);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        running = false;
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.eddy.streams.kstream;

import io.eddy.streams.kstream.internal.EmitStrategies;

/**
 * When a windowed aggregation forwards its results, as Kafka Streams' {@code EmitStrategy}; set it with
 * {@link TimeWindowedKStream#emitStrategy(EmitStrategy)} or {@link SessionWindowedKStream#emitStrategy(EmitStrategy)}
 * before {@code count}, {@code reduce} or {@code aggregate}. Instances are immutable and thread-safe.
 */
public interface EmitStrategy {

    /** The kinds of emit strategy. */
    enum StrategyType {
        /** A result for every update of a window (subject to the record cache): the default. */
        ON_WINDOW_UPDATE,
        /** Only each window's final result, once, when the window closes. */
        ON_WINDOW_CLOSE
    }

    /**
     * The default: the aggregation forwards the new aggregate of a window every time a record updates it, as a
     * windowed aggregation without an emit strategy does. With the record cache enabled, updates of one window are
     * deduplicated until the next commit.
     *
     * @return the "on window update" strategy
     */
    static EmitStrategy onWindowUpdate() {
        return EmitStrategies.ON_WINDOW_UPDATE;
    }

    /**
     * The aggregation forwards no intermediate results: each window's final aggregate is forwarded exactly once, when
     * the window closes in stream time (the task's, including the record being processed), and never for a window
     * whose records were all dropped as late. Closing rules: time windows close when
     * {@code streamTime >= windowEnd + grace}; sliding windows (both ends inclusive) when
     * {@code streamTime > windowEnd + grace}; sessions when {@code streamTime > sessionEnd + gap + grace}. Windows that
     * close at the same time are forwarded in window-end order, then key order (serialized key bytes), each with its
     * window's timestamp (the largest record timestamp in it) and no old value. Results are forwarded when a record
     * reaches the aggregation, so a window closed by stream time alone is forwarded with the next record. The record
     * cache is not used for the aggregation's store. How far the aggregation has forwarded is kept in a small state
     * store ({@code <aggregation store>-emit-tracker}, with a changelog when the aggregation's store has one) committed
     * together with the results, so a restart neither forwards a window again nor loses one (after a crash, as for any
     * output, only exactly-once processing also rules out results forwarded again since the last commit).
     *
     * @return the "on window close" strategy
     */
    static EmitStrategy onWindowClose() {
        return EmitStrategies.ON_WINDOW_CLOSE;
    }

    /** @return the kind of this strategy, never null */
    StrategyType type();
}

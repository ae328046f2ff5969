package io.eddy.streams.kstream;

import io.eddy.state.Window;
import java.util.Map;

/**
 * The windows a windowed aggregation or join assigns records to, as Kafka Streams' {@code Windows}. Implementations
 * are immutable.
 *
 * @param <W> the window type
 */
public abstract class Windows<W extends Window> {

    /** For subclasses. */
    protected Windows() {
    }

    /**
     * @param timestamp a record timestamp in milliseconds, not negative
     * @return every window containing {@code timestamp}, keyed by window start, in ascending start order
     */
    public abstract Map<Long, W> windowsFor(long timestamp);

    /** @return the size of the windows in milliseconds */
    public abstract long size();

    /**
     * @return how long after a window's end (in stream time) records for it are still accepted; a record whose window
     *     ends at or before {@code streamTime - gracePeriodMs()} is late and dropped
     */
    public abstract long gracePeriodMs();
}

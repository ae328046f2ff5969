package io.eddy.streams.kstream.internal;

import io.eddy.streams.kstream.Joined;

/**
 * Read access to a {@link Joined} for the DSL.
 *
 * @param <K> key type
 * @param <VLeft> stream value type
 * @param <VRight> table value type
 */
public final class JoinedInternal<K, VLeft, VRight> extends Joined<K, VLeft, VRight> {

    /** @param joined the user's Joined */
    public JoinedInternal(Joined<K, VLeft, VRight> joined) {
        super(joined);
    }

    /** @return the processor name, or null */
    public String name() {
        return name;
    }
}

package io.eddy.streams.processor;

import io.eddy.state.StoreBuilder;
import java.util.Set;

/** Lets a processor supplier declare the stores it uses, so the topology adds and connects them automatically. */
public interface ConnectedStoreProvider {
    /** @return builders of the stores to add and connect, or null for none */
    default Set<StoreBuilder<?>> stores() {
        return null;
    }
}

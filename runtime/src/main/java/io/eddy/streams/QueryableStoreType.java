package io.eddy.streams;

import io.eddy.state.StateStore;
import java.util.List;

/**
 * A kind of read-only store view that interactive queries can return: it says which stores it accepts and how it
 * combines the same store of several tasks into one view.
 *
 * @param <T> the view type
 */
public interface QueryableStoreType<T> {
    /**
     * @param store a store
     * @return true when this view can read it
     */
    boolean accepts(StateStore store);

    /**
     * @param storeName the store name
     * @param stores the store of every local task (accepted by {@link #accepts})
     * @return one read-only view over all of them
     */
    T create(String storeName, List<StateStore> stores);
}

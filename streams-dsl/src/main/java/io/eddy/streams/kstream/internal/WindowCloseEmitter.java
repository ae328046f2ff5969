package io.eddy.streams.kstream.internal;

import io.eddy.state.StoreBuilder;
import java.util.Map;

/**
 * A windowed aggregation that may emit on window close ({@code EmitStrategy.onWindowClose()}): it then needs an
 * {@link EmittedWindowTracker} store connected beside its own, which the DSL adds from here.
 */
interface WindowCloseEmitter {

    /** @return the store tracking what was emitted with {@code onWindowClose}, or null with {@code onWindowUpdate} */
    String emitTrackerStoreName();

    /**
     * @param loggingEnabled whether the tracker store has a changelog (as the aggregation's store)
     * @param logConfig its changelog's topic configs
     * @return a builder of the store {@link #emitTrackerStoreName()}
     * @throws IllegalStateException with {@code onWindowUpdate}, which needs none
     */
    default StoreBuilder<?> emitTrackerStoreBuilder(boolean loggingEnabled, Map<String, String> logConfig) {
        String name = emitTrackerStoreName();
        if (name == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " emits on window update and has no emit"
                    + " tracker store");
        }
        return EmittedWindowTracker.storeBuilder(name, loggingEnabled, logConfig);
    }
}

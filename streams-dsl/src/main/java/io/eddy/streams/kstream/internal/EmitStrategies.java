package io.eddy.streams.kstream.internal;

import io.eddy.streams.kstream.EmitStrategy;

/** The two {@link EmitStrategy} instances behind {@link EmitStrategy#onWindowUpdate()} and {@code onWindowClose()}. */
public enum EmitStrategies implements EmitStrategy {
    /** Forward every update. */
    ON_WINDOW_UPDATE(StrategyType.ON_WINDOW_UPDATE),
    /** Forward each window's final result when it closes. */
    ON_WINDOW_CLOSE(StrategyType.ON_WINDOW_CLOSE);

    private final StrategyType type;

    EmitStrategies(StrategyType type) {
        this.type = type;
    }

    @Override
    public StrategyType type() {
        return type;
    }

    /**
     * @param strategy a strategy, not null
     * @return whether it emits on window close only
     * @throws NullPointerException if the strategy or its type is null
     */
    static boolean emitsOnClose(EmitStrategy strategy) {
        return java.util.Objects.requireNonNull(java.util.Objects.requireNonNull(strategy, "emitStrategy").type(),
                "emitStrategy.type()") == StrategyType.ON_WINDOW_CLOSE;
    }
}

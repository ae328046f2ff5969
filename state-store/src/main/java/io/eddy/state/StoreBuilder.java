package io.eddy.state;

import java.util.Map;

/**
 * Builds a fully layered store, mirroring Kafka Streams' {@code org.apache.kafka.streams.state.StoreBuilder}: the
 * byte-level store from a supplier, then (if enabled) changelogging, then (if enabled) the record cache, then the
 * typed facade. The runtime's {@code addStateStore} and the DSL's {@code Materialized} both build stores through it.
 * Defaults: logging enabled with no extra topic config, caching disabled.
 *
 * <p>Not thread-safe while being configured; {@link #build()} may be called once per task.
 *
 * @param <T> the store type built
 */
public interface StoreBuilder<T extends StateStore> {

    /**
     * Puts a record cache in front of the store. The cache keeps the typed objects it is given: values passed to
     * {@code put} and returned by {@code get} must not be modified afterwards.
     *
     * @return this builder
     */
    StoreBuilder<T> withCachingEnabled();

    /** @return this builder, without a record cache */
    StoreBuilder<T> withCachingDisabled();

    /**
     * @param config extra changelog topic configs (e.g. {@code min.insync.replicas}), merged over the defaults of
     *     {@link #changelogTopicConfig()}; copied
     * @return this builder, with changelogging
     * @throws NullPointerException if {@code config} is null
     */
    StoreBuilder<T> withLoggingEnabled(Map<String, String> config);

    /** @return this builder, without a changelog (the store is then not restored after local state is lost) */
    StoreBuilder<T> withLoggingDisabled();

    /** @return a new store, unopened */
    T build();

    /** @return the user's extra changelog topic configs (read-only) */
    Map<String, String> logConfig();

    /** @return whether the built store writes a changelog */
    boolean loggingEnabled();

    /**
     * @return the full config the runtime should create the changelog topic with: {@code cleanup.policy=compact} for
     *     key-value and session stores, {@code compact,delete} plus {@code retention.ms} for window stores, overridden
     *     by {@link #logConfig()} (see {@link ChangelogTopicConfigs})
     */
    Map<String, String> changelogTopicConfig();

    /** @return the store name */
    String name();
}

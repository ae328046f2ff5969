package io.eddy.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topic configs changelog topics are created with, as in Kafka Streams: key-value and session changelogs are
 * compacted; window changelogs are compacted and deleted after the store's retention plus
 * {@value #WINDOW_ADDITIONAL_RETENTION_MS} ms, so that a restore never misses a window the store still holds. The
 * user's configs (from {@link StoreBuilder#withLoggingEnabled}) override these defaults. Returned maps are immutable.
 */
public final class ChangelogTopicConfigs {

    /** The topic config key of the cleanup policy. */
    public static final String CLEANUP_POLICY_CONFIG = "cleanup.policy";
    /** The topic config key of time-based retention. */
    public static final String RETENTION_MS_CONFIG = "retention.ms";
    /** Cleanup policy: keep the last record per key. */
    public static final String CLEANUP_POLICY_COMPACT = "compact";
    /** Cleanup policy: compact and also delete by time. */
    public static final String CLEANUP_POLICY_COMPACT_DELETE = "compact,delete";
    /** Extra retention of window changelogs beyond the store retention: one day, as in Kafka Streams. */
    public static final long WINDOW_ADDITIONAL_RETENTION_MS = 24L * 60 * 60 * 1000;

    private ChangelogTopicConfigs() {
    }

    /**
     * @param userConfig the user's overrides
     * @return the config of a key-value store's changelog
     */
    public static Map<String, String> forKeyValueStore(Map<String, String> userConfig) {
        return merge(Map.of(CLEANUP_POLICY_CONFIG, CLEANUP_POLICY_COMPACT), userConfig);
    }

    /**
     * @param userConfig the user's overrides
     * @return the config of a session store's changelog
     */
    public static Map<String, String> forSessionStore(Map<String, String> userConfig) {
        return merge(Map.of(CLEANUP_POLICY_CONFIG, CLEANUP_POLICY_COMPACT), userConfig);
    }

    /**
     * @param userConfig the user's overrides
     * @param storeRetentionMs the window store's retention period in milliseconds
     * @return the config of a window store's changelog
     * @throws IllegalArgumentException if {@code storeRetentionMs} is negative
     */
    public static Map<String, String> forWindowStore(Map<String, String> userConfig, long storeRetentionMs) {
        if (storeRetentionMs < 0) {
            throw new IllegalArgumentException("storeRetentionMs must not be negative, storeRetentionMs="
                    + storeRetentionMs);
        }
        long retention = storeRetentionMs > Long.MAX_VALUE - WINDOW_ADDITIONAL_RETENTION_MS
                ? Long.MAX_VALUE : storeRetentionMs + WINDOW_ADDITIONAL_RETENTION_MS;
        return merge(Map.of(CLEANUP_POLICY_CONFIG, CLEANUP_POLICY_COMPACT_DELETE,
                RETENTION_MS_CONFIG, Long.toString(retention)), userConfig);
    }

    private static Map<String, String> merge(Map<String, String> defaults, Map<String, String> userConfig) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        merged.putAll(userConfig);
        return Collections.unmodifiableMap(merged);
    }
}

package io.eddy.log;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Per-topic settings, persisted with the topic. Immutable; build with {@link #builder()} or {@link #fromMap(Map)},
 * which accepts Kafka's topic-config key names. Defaults: 128 MiB segments rolled at most every 7 days, unlimited
 * retention, cleanup policy {@code delete}, 1 day of tombstone retention under compaction, 8 MiB max record,
 * fsync left to the OS.
 */
public final class TopicConfig {
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String RETENTION_MS = "retention.ms";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String DELETE_RETENTION_MS = "delete.retention.ms";
    public static final String MIN_CLEANABLE_DIRTY_RATIO = "min.cleanable.dirty.ratio";
    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";

    /** Smallest segment size accepted; lets tests roll often. */
    public static final int MIN_SEGMENT_BYTES = 1024;

    private static final TopicConfig DEFAULTS = builder().build();

    private final int segmentBytes;
    private final long segmentMs;
    private final long retentionMs;
    private final long retentionBytes;
    private final Set<CleanupPolicy> cleanupPolicy;
    private final long deleteRetentionMs;
    private final double minCleanableDirtyRatio;
    private final int maxMessageBytes;
    private final int indexIntervalBytes;
    private final FsyncPolicy fsyncPolicy;

    private TopicConfig(Builder b) {
        this.segmentBytes = b.segmentBytes;
        this.segmentMs = b.segmentMs;
        this.retentionMs = b.retentionMs;
        this.retentionBytes = b.retentionBytes;
        this.cleanupPolicy = Set.copyOf(b.cleanupPolicy);
        this.deleteRetentionMs = b.deleteRetentionMs;
        this.minCleanableDirtyRatio = b.minCleanableDirtyRatio;
        this.maxMessageBytes = b.maxMessageBytes;
        this.indexIntervalBytes = b.indexIntervalBytes;
        this.fsyncPolicy = b.fsyncPolicy;
    }

    /** @return the default configuration */
    public static TopicConfig defaults() {
        return DEFAULTS;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.segmentBytes = segmentBytes;
        b.segmentMs = segmentMs;
        b.retentionMs = retentionMs;
        b.retentionBytes = retentionBytes;
        b.cleanupPolicy = EnumSet.copyOf(cleanupPolicy);
        b.deleteRetentionMs = deleteRetentionMs;
        b.minCleanableDirtyRatio = minCleanableDirtyRatio;
        b.maxMessageBytes = maxMessageBytes;
        b.indexIntervalBytes = indexIntervalBytes;
        b.fsyncPolicy = fsyncPolicy;
        return b;
    }

    /**
     * Parses Kafka-style topic config entries over the defaults.
     *
     * @param entries keys from the constants of this class; {@code retention.ms}/{@code retention.bytes} of -1 mean
     *     unlimited; {@code cleanup.policy} is {@code delete}, {@code compact} or {@code compact,delete}
     * @return the configuration
     * @throws InvalidConfigException naming the key for an unknown key or invalid value
     */
    public static TopicConfig fromMap(Map<String, String> entries) {
        return defaults().with(entries);
    }

    /**
     * @param entries Kafka-style entries overriding this configuration
     * @return a new configuration
     * @throws InvalidConfigException naming the key for an unknown key or invalid value
     */
    public TopicConfig with(Map<String, String> entries) {
        Builder b = toBuilder();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String key = e.getKey();
            if (key == null) {
                throw new InvalidConfigException("topic config key must not be null (value '" + e.getValue() + "')");
            }
            String v = e.getValue() == null ? "" : e.getValue().trim();
            switch (key) {
                case SEGMENT_BYTES -> b.segmentBytes(parseInt(key, v));
                case SEGMENT_MS -> b.segmentRoll(Duration.ofMillis(parseLong(key, v)));
                case RETENTION_MS -> b.retentionMs(parseLong(key, v));
                case RETENTION_BYTES -> b.retentionBytes(parseLong(key, v));
                case CLEANUP_POLICY -> b.cleanupPolicy(parsePolicy(v));
                case DELETE_RETENTION_MS -> b.deleteRetention(Duration.ofMillis(parseLong(key, v)));
                case MIN_CLEANABLE_DIRTY_RATIO -> b.minCleanableDirtyRatio(parseDouble(key, v));
                case MAX_MESSAGE_BYTES -> b.maxMessageBytes(parseInt(key, v));
                case INDEX_INTERVAL_BYTES -> b.indexIntervalBytes(parseInt(key, v));
                case FLUSH_MESSAGES -> {
                    long n = parseLong(key, v);
                    b.fsyncPolicy(n == Long.MAX_VALUE ? FsyncPolicy.os() : FsyncPolicy.everyRecords(n));
                }
                case FLUSH_MS -> {
                    long ms = parseLong(key, v);
                    b.fsyncPolicy(ms == Long.MAX_VALUE ? FsyncPolicy.os() : FsyncPolicy.every(Duration.ofMillis(ms)));
                }
                default -> throw new InvalidConfigException("unknown topic config key '" + key + "'");
            }
        }
        return b.build();
    }

    /** @return this configuration as Kafka-style entries, which {@link #fromMap(Map)} reads back to an equal config */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(SEGMENT_BYTES, Integer.toString(segmentBytes));
        m.put(SEGMENT_MS, Long.toString(segmentMs));
        m.put(RETENTION_MS, Long.toString(retentionMs));
        m.put(RETENTION_BYTES, Long.toString(retentionBytes));
        m.put(CLEANUP_POLICY, policyString(cleanupPolicy));
        m.put(DELETE_RETENTION_MS, Long.toString(deleteRetentionMs));
        m.put(MIN_CLEANABLE_DIRTY_RATIO, Double.toString(minCleanableDirtyRatio));
        m.put(MAX_MESSAGE_BYTES, Integer.toString(maxMessageBytes));
        m.put(INDEX_INTERVAL_BYTES, Integer.toString(indexIntervalBytes));
        m.put(FLUSH_MESSAGES, Long.toString(fsyncPolicy.everyRecords()));
        m.put(FLUSH_MS, Long.toString(fsyncPolicy.everyMillis()));
        return m;
    }

    private static String policyString(Set<CleanupPolicy> p) {
        if (p.size() == 2) {
            return "compact,delete";
        }
        return p.iterator().next().configName();
    }

    private static Set<CleanupPolicy> parsePolicy(String v) {
        EnumSet<CleanupPolicy> set = EnumSet.noneOf(CleanupPolicy.class);
        for (String part : v.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            switch (p) {
                case "delete" -> set.add(CleanupPolicy.DELETE);
                case "compact" -> set.add(CleanupPolicy.COMPACT);
                default -> throw new InvalidConfigException(CLEANUP_POLICY + " must be delete, compact or "
                        + "compact,delete; was '" + v + "'");
            }
        }
        return set;
    }

    private static int parseInt(String key, String v) {
        long l = parseLong(key, v);
        if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
            throw new InvalidConfigException(key + " must fit in an int, was " + v);
        }
        return (int) l;
    }

    private static long parseLong(String key, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key + " must be an integer, was '" + v + "'");
        }
    }

    private static double parseDouble(String key, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key + " must be a number, was '" + v + "'");
        }
    }

    /** @return the size at which the active segment rolls */
    public int segmentBytes() {
        return segmentBytes;
    }

    /** @return the age (since its creation) at which a non-empty active segment rolls, in ms */
    public long segmentMs() {
        return segmentMs;
    }

    /** @return how long records are kept under the delete policy, in ms; -1 for unlimited */
    public long retentionMs() {
        return retentionMs;
    }

    /** @return the partition size beyond which old segments are deleted; -1 for unlimited */
    public long retentionBytes() {
        return retentionBytes;
    }

    /** @return the cleanup policies, never empty */
    public Set<CleanupPolicy> cleanupPolicy() {
        return cleanupPolicy;
    }

    /** @return true when the topic is compacted */
    public boolean compacted() {
        return cleanupPolicy.contains(CleanupPolicy.COMPACT);
    }

    /** @return true when retention deletes old segments */
    public boolean deletesOldSegments() {
        return cleanupPolicy.contains(CleanupPolicy.DELETE);
    }

    /** @return how long compaction keeps a tombstone after it was written, in ms */
    public long deleteRetentionMs() {
        return deleteRetentionMs;
    }

    /** @return the share of a partition's sealed bytes that must be uncompacted before compaction runs */
    public double minCleanableDirtyRatio() {
        return minCleanableDirtyRatio;
    }

    /** @return the largest record (key + value + headers + overhead) accepted */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** @return bytes between sparse index entries */
    public int indexIntervalBytes() {
        return indexIntervalBytes;
    }

    /** @return when appended bytes are fsynced */
    public FsyncPolicy fsyncPolicy() {
        return fsyncPolicy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicConfig c && c.toMap().equals(toMap());
    }

    @Override
    public int hashCode() {
        return toMap().hashCode();
    }

    @Override
    public String toString() {
        return "TopicConfig" + toMap();
    }

    /** Mutable builder of {@link TopicConfig}; each setter validates its value. Not thread-safe. */
    public static final class Builder {
        private int segmentBytes = 128 * 1024 * 1024;
        private long segmentMs = Duration.ofDays(7).toMillis();
        private long retentionMs = -1;
        private long retentionBytes = -1;
        private EnumSet<CleanupPolicy> cleanupPolicy = EnumSet.of(CleanupPolicy.DELETE);
        private long deleteRetentionMs = Duration.ofDays(1).toMillis();
        private double minCleanableDirtyRatio = 0.5;
        private int maxMessageBytes = 8 * 1024 * 1024;
        private int indexIntervalBytes = 4096;
        private FsyncPolicy fsyncPolicy = FsyncPolicy.os();

        private Builder() {
        }

        /**
         * @param bytes segment size, at least {@value #MIN_SEGMENT_BYTES}
         * @return this
         */
        public Builder segmentBytes(int bytes) {
            if (bytes < MIN_SEGMENT_BYTES) {
                throw new InvalidConfigException(SEGMENT_BYTES + " must be at least " + MIN_SEGMENT_BYTES
                        + ", was " + bytes);
            }
            this.segmentBytes = bytes;
            return this;
        }

        /**
         * @param roll the segment age at which it rolls, at least 1 ms
         * @return this
         */
        public Builder segmentRoll(Duration roll) {
            if (roll.toMillis() < 1) {
                throw new InvalidConfigException(SEGMENT_MS + " must be at least 1, was " + roll.toMillis());
            }
            this.segmentMs = roll.toMillis();
            return this;
        }

        /**
         * @param retention how long to keep records, or null for unlimited
         * @return this
         */
        public Builder retention(Duration retention) {
            return retentionMs(retention == null ? -1 : retention.toMillis());
        }

        private Builder retentionMs(long ms) {
            if (ms < -1) {
                throw new InvalidConfigException(RETENTION_MS + " must be -1 (unlimited) or >= 0, was " + ms);
            }
            this.retentionMs = ms;
            return this;
        }

        /**
         * @param bytes the partition size to keep, or -1 for unlimited
         * @return this
         */
        public Builder retentionBytes(long bytes) {
            if (bytes < -1) {
                throw new InvalidConfigException(RETENTION_BYTES + " must be -1 (unlimited) or >= 0, was " + bytes);
            }
            this.retentionBytes = bytes;
            return this;
        }

        /**
         * @param policies one or both policies
         * @return this
         */
        public Builder cleanupPolicy(CleanupPolicy... policies) {
            return cleanupPolicy(Set.of(policies));
        }

        /**
         * @param policies one or both policies, not empty
         * @return this
         */
        public Builder cleanupPolicy(Set<CleanupPolicy> policies) {
            if (policies.isEmpty()) {
                throw new InvalidConfigException(CLEANUP_POLICY + " must name delete, compact or both");
            }
            this.cleanupPolicy = EnumSet.copyOf(policies);
            return this;
        }

        /**
         * @param retention how long compaction keeps tombstones, not negative
         * @return this
         */
        public Builder deleteRetention(Duration retention) {
            if (retention.isNegative()) {
                throw new InvalidConfigException(DELETE_RETENTION_MS + " must not be negative, was " + retention);
            }
            this.deleteRetentionMs = retention.toMillis();
            return this;
        }

        /**
         * @param ratio between 0 and 1
         * @return this
         */
        public Builder minCleanableDirtyRatio(double ratio) {
            if (!(ratio >= 0 && ratio <= 1)) {
                throw new InvalidConfigException(MIN_CLEANABLE_DIRTY_RATIO + " must be in [0, 1], was " + ratio);
            }
            this.minCleanableDirtyRatio = ratio;
            return this;
        }

        /**
         * @param bytes largest accepted record, at least 64
         * @return this
         */
        public Builder maxMessageBytes(int bytes) {
            if (bytes < 64) {
                throw new InvalidConfigException(MAX_MESSAGE_BYTES + " must be at least 64, was " + bytes);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /**
         * @param bytes bytes between index entries, at least 1
         * @return this
         */
        public Builder indexIntervalBytes(int bytes) {
            if (bytes < 1) {
                throw new InvalidConfigException(INDEX_INTERVAL_BYTES + " must be at least 1, was " + bytes);
            }
            this.indexIntervalBytes = bytes;
            return this;
        }

        /**
         * @param policy when to fsync
         * @return this
         */
        public Builder fsyncPolicy(FsyncPolicy policy) {
            this.fsyncPolicy = Objects.requireNonNull(policy, "fsync policy");
            return this;
        }

        /** @return the configuration; a record larger than a segment gets a segment of its own */
        public TopicConfig build() {
            return new TopicConfig(this);
        }
    }
}

package io.eddy.log;

import io.eddy.log.internal.FileChannelFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link LogStore} is opened: its clock, the cadence of background maintenance (time-based fsync, retention,
 * compaction), the compaction memory bound and the topic defaults. Immutable; start from {@link #defaults()}.
 */
public final class LogStoreOptions {
    private static final LogStoreOptions DEFAULTS = new LogStoreOptions(Clock.systemUTC(), Duration.ofSeconds(1),
            Duration.ofSeconds(30), 1 << 20, TopicConfig.defaults(), FileChannelFactory.DEFAULT, true);

    private final Clock clock;
    private final Duration flushCheckInterval;
    private final Duration cleanupInterval;
    private final int compactionMapEntries;
    private final TopicConfig defaultTopicConfig;
    private final FileChannelFactory channels;
    private final boolean backgroundMaintenance;

    private LogStoreOptions(Clock clock, Duration flushCheckInterval, Duration cleanupInterval, int compactionMapEntries,
                            TopicConfig defaultTopicConfig, FileChannelFactory channels, boolean backgroundMaintenance) {
        this.clock = clock;
        this.flushCheckInterval = flushCheckInterval;
        this.cleanupInterval = cleanupInterval;
        this.compactionMapEntries = compactionMapEntries;
        this.defaultTopicConfig = defaultTopicConfig;
        this.channels = channels;
        this.backgroundMaintenance = backgroundMaintenance;
    }

    /** @return system UTC clock, 1 s fsync checks, 30 s retention/compaction checks, 1M-key compaction map */
    public static LogStoreOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param clock the clock stamping records without a timestamp and driving retention and segment rolls
     * @return a copy using {@code clock}
     */
    public LogStoreOptions withClock(Clock clock) {
        return new LogStoreOptions(Objects.requireNonNull(clock), flushCheckInterval, cleanupInterval,
                compactionMapEntries, defaultTopicConfig, channels, backgroundMaintenance);
    }

    /**
     * @param interval how often retention and compaction run in the background
     * @return a copy with that interval
     */
    public LogStoreOptions withCleanupInterval(Duration interval) {
        if (interval.toMillis() < 1) {
            throw new InvalidConfigException("cleanup interval must be at least 1 ms, was " + interval);
        }
        return new LogStoreOptions(clock, flushCheckInterval, interval, compactionMapEntries, defaultTopicConfig,
                channels, backgroundMaintenance);
    }

    /**
     * @param interval how often time-based fsync policies are checked
     * @return a copy with that interval
     */
    public LogStoreOptions withFlushCheckInterval(Duration interval) {
        if (interval.toMillis() < 1) {
            throw new InvalidConfigException("flush check interval must be at least 1 ms, was " + interval);
        }
        return new LogStoreOptions(clock, interval, cleanupInterval, compactionMapEntries, defaultTopicConfig,
                channels, backgroundMaintenance);
    }

    /**
     * @param entries how many distinct keys one compaction pass may track (24 bytes each, doubled for load); a pass
     *     over more keys cleans a prefix of the log and continues next time
     * @return a copy with that bound
     */
    public LogStoreOptions withCompactionMapEntries(int entries) {
        if (entries < 16) {
            throw new InvalidConfigException("compaction map entries must be at least 16, was " + entries);
        }
        return new LogStoreOptions(clock, flushCheckInterval, cleanupInterval, entries, defaultTopicConfig, channels,
                backgroundMaintenance);
    }

    /**
     * @param config the configuration given to topics created without one (for example auto-created input topics)
     * @return a copy with those defaults
     */
    public LogStoreOptions withDefaultTopicConfig(TopicConfig config) {
        return new LogStoreOptions(clock, flushCheckInterval, cleanupInterval, compactionMapEntries,
                Objects.requireNonNull(config), channels, backgroundMaintenance);
    }

    /**
     * @param enabled false to run no background thread: retention, compaction and time-based fsync then happen only
     *     through {@link LogStore#runMaintenance()} (deterministic tests and test drivers)
     * @return a copy with that setting
     */
    public LogStoreOptions withBackgroundMaintenance(boolean enabled) {
        return new LogStoreOptions(clock, flushCheckInterval, cleanupInterval, compactionMapEntries, defaultTopicConfig,
                channels, enabled);
    }

    /**
     * Turns fsync off for every segment and index file: for logs whose durability does not matter (test drivers,
     * temporary data). A crash of the process still loses nothing; an OS crash may lose anything.
     *
     * @return a copy whose channels never fsync
     */
    public LogStoreOptions withFsyncDisabled() {
        return new LogStoreOptions(clock, flushCheckInterval, cleanupInterval, compactionMapEntries, defaultTopicConfig,
                io.eddy.log.internal.FileChannelFactories.noSync(channels), backgroundMaintenance);
    }

    /**
     * For fault-injection tests: the factory opening every segment and index channel.
     *
     * @param channels the factory
     * @return a copy using it
     */
    public LogStoreOptions withFileChannelFactory(FileChannelFactory channels) {
        return new LogStoreOptions(clock, flushCheckInterval, cleanupInterval, compactionMapEntries, defaultTopicConfig,
                Objects.requireNonNull(channels), backgroundMaintenance);
    }

    public Clock clock() {
        return clock;
    }

    public Duration flushCheckInterval() {
        return flushCheckInterval;
    }

    public Duration cleanupInterval() {
        return cleanupInterval;
    }

    public int compactionMapEntries() {
        return compactionMapEntries;
    }

    public TopicConfig defaultTopicConfig() {
        return defaultTopicConfig;
    }

    public FileChannelFactory channels() {
        return channels;
    }

    public boolean backgroundMaintenance() {
        return backgroundMaintenance;
    }
}

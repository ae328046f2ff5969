package io.eddy.examples;

import io.eddy.log.LogRecord;
import io.eddy.serialization.KryoRegistrations;
import io.eddy.serialization.Serdes;
import io.eddy.state.KeyValue;
import io.eddy.state.Windowed;
import io.eddy.streams.Topology;
import io.eddy.streams.kstream.Consumed;
import io.eddy.streams.kstream.Grouped;
import io.eddy.streams.kstream.KTable;
import io.eddy.streams.kstream.Materialized;
import io.eddy.streams.kstream.Named;
import io.eddy.streams.kstream.Produced;
import io.eddy.streams.kstream.StreamsBuilder;
import io.eddy.streams.kstream.TimeWindows;
import io.eddy.streams.processor.TimestampExtractor;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Log metrics: lines of log files (topic {@value #LINES}, keyed by file) are counted per level in one-minute
 * tumbling windows of the lines' own timestamps, and the per-level counts are rolled up per minute into the
 * queryable table {@value #STATS_STORE}: counts by level, total and error rate of every minute.
 *
 * <pre>
 *  log-lines ─ level ─ groupBy(level) ─► windowedBy(1 min) ─► count ─► level-counts-per-minute
 *                                                                        │
 *                       minute-stats ◄─ aggregate(+ new, − old) ◄─ groupBy(minute)
 * </pre>
 *
 * <p>A line reads {@code <ISO-8601 instant> <LEVEL> <message>}, e.g. {@code 2026-11-23T10:00:01Z ERROR disk full};
 * its event time comes from the instant ({@link #EVENT_TIME}). Lines that do not parse are skipped.
 *
 * <p>The roll-up is a table aggregation: when a level's count for a minute changes from 4 to 5, the old row (4) is
 * subtracted from that minute's stats and the new one (5) added, so the stats always equal the sum of the current
 * counts.
 */
public final class LogMetricsTopology {
    /** Input: file → one line of a log file. */
    public static final String LINES = "log-lines";
    /** Output: minute start (epoch ms) → {@link MinuteStats}, every update. */
    public static final String STATS = "log-minute-stats";
    /** The window store of per-level counts. */
    public static final String LEVEL_COUNTS_STORE = "level-counts-per-minute";
    /** The key-value store of per-minute stats, queried for the printed table. */
    public static final String STATS_STORE = "minute-stats";
    /** The level whose share of all lines is the error rate. */
    public static final String ERROR = "ERROR";
    /** Size of the tumbling windows. */
    public static final Duration WINDOW = Duration.ofMinutes(1);

    /** The classes Kryo writes for this app, with ids that must never change. */
    public static final KryoRegistrations REGISTRATIONS = KryoRegistrations.builder()
            .register(LevelCount.class, 1201)
            .register(MinuteStats.class, 1202)
            .register(ParsedLine.class, 1203)
            .build();

    /**
     * Event time of a line: the instant it starts with. A line without one keeps the partition's time (it cannot move
     * stream time) and is dropped by the parse step.
     */
    static final TimestampExtractor EVENT_TIME = (LogRecord record, Object key, Object value, long partitionTime) -> {
        ParsedLine line = ParsedLine.parse((String) value);
        return line == null ? Math.max(0, partitionTime) : line.timestamp();
    };

    /** One level's count in one minute. @param level the level @param count lines */
    public record LevelCount(String level, long count) {
    }

    /**
     * The lines of one minute, by level.
     *
     * @param countsByLevel level → lines, sorted by level
     */
    public record MinuteStats(Map<String, Long> countsByLevel) {
        static MinuteStats empty() {
            return new MinuteStats(new TreeMap<>());
        }

        MinuteStats plus(LevelCount c) {
            return adjust(c.level(), c.count());
        }

        MinuteStats minus(LevelCount c) {
            return adjust(c.level(), -c.count());
        }

        private MinuteStats adjust(String level, long delta) {
            TreeMap<String, Long> counts = new TreeMap<>(countsByLevel);
            long n = counts.getOrDefault(level, 0L) + delta;
            if (n == 0) {
                counts.remove(level);
            } else {
                counts.put(level, n);
            }
            return new MinuteStats(counts);
        }

        /** @return all lines of the minute */
        public long total() {
            return countsByLevel.values().stream().mapToLong(Long::longValue).sum();
        }

        /** @return {@value #ERROR} lines over all lines, 0 for an empty minute */
        public double errorRate() {
            long total = total();
            return total == 0 ? 0 : (double) countsByLevel.getOrDefault(ERROR, 0L) / total;
        }
    }

    /** A parsed log line. @param timestamp epoch ms @param level upper-case level */
    public record ParsedLine(long timestamp, String level) {
        /** @return the line's instant and level, or null if it does not start with both */
        static ParsedLine parse(String line) {
            if (line == null) {
                return null;
            }
            int s1 = line.indexOf(' ');
            if (s1 <= 0) {
                return null;
            }
            int s2 = line.indexOf(' ', s1 + 1);
            String level = s2 < 0 ? line.substring(s1 + 1) : line.substring(s1 + 1, s2);
            if (level.isEmpty() || !level.chars().allMatch(Character::isLetter)) {
                return null;
            }
            try {
                return new ParsedLine(Instant.parse(line.substring(0, s1)).toEpochMilli(), level.toUpperCase());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    private LogMetricsTopology() {
    }

    /**
     * @param grace how far behind the newest line already processed a line may be and still count; files ingested
     *     one after another replay overlapping stretches of time, so this must cover the time span of a file
     * @return the log-metrics topology
     */
    public static Topology build(Duration grace) {
        StreamsBuilder builder = new StreamsBuilder(REGISTRATIONS);
        KTable<Windowed<String>, Long> levelCounts = builder
                .stream(LINES, Consumed.with(Serdes.String(), Serdes.String()).withTimestampExtractor(EVENT_TIME))
                .mapValues(ParsedLine::parse, Named.as("parse-line"))
                .filter((file, line) -> line != null, Named.as("parsed-lines"))
                .groupBy((file, line) -> line.level(), Grouped.as("lines-by-level"))
                .windowedBy(TimeWindows.ofSizeAndGrace(WINDOW, grace))
                .count(Named.as("count-lines-per-level"), Materialized.as(LEVEL_COUNTS_STORE));

        levelCounts
                .groupBy((levelAndMinute, count) -> KeyValue.pair(levelAndMinute.window().start(),
                                new LevelCount(levelAndMinute.key(), count)),
                        Grouped.as("level-counts-by-minute"))
                .aggregate(MinuteStats::empty, (minute, count, stats) -> stats.plus(count),
                        (minute, count, stats) -> stats.minus(count),
                        Named.as("roll-up-minute"), Materialized.as(STATS_STORE))
                .toStream()
                .to(STATS, Produced.with(Long.class, MinuteStats.class));
        return builder.build();
    }
}

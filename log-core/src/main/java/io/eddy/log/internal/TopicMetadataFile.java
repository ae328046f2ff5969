package io.eddy.log.internal;

import io.eddy.log.LogException;
import io.eddy.log.TopicConfig;
import io.eddy.log.UnsupportedFormatVersionException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A topic's persisted description, {@code topic.properties}: {@code format.version=1}, {@code partitions=N} and each
 * config entry as {@code config.<key>=<value>}. Written atomically (temp file, fsync, rename).
 */
final class TopicMetadataFile {
    static final String FILE_NAME = "topic.properties";
    private static final String VERSION_KEY = "format.version";
    private static final String PARTITIONS_KEY = "partitions";
    private static final String CONFIG_PREFIX = "config.";

    record Contents(int partitions, TopicConfig config) {
    }

    private TopicMetadataFile() {
    }

    static void write(Path topicDir, int partitions, TopicConfig config) throws IOException {
        StringWriter w = new StringWriter();
        w.write(VERSION_KEY + "=" + LogFileFormat.VERSION + "\n");
        w.write(PARTITIONS_KEY + "=" + partitions + "\n");
        for (Map.Entry<String, String> e : config.toMap().entrySet()) {
            w.write(CONFIG_PREFIX + e.getKey() + "=" + e.getValue() + "\n");
        }
        Path target = topicDir.resolve(FILE_NAME);
        Path tmp = topicDir.resolve(FILE_NAME + ".tmp");
        Files.writeString(tmp, w.toString(), StandardCharsets.UTF_8);
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SegmentSwap.fsyncDirectory(topicDir);
    }

    static Contents read(Path topicDir) {
        Path file = topicDir.resolve(FILE_NAME);
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new LogException("cannot read topic metadata " + file, e);
        }
        String version = p.getProperty(VERSION_KEY);
        if (version == null) {
            throw new LogException("topic metadata " + file + " has no " + VERSION_KEY + "; the file is damaged");
        }
        if (!version.trim().equals(Integer.toString(LogFileFormat.VERSION))) {
            throw new UnsupportedFormatVersionException("topic metadata " + file + " has format version " + version
                    + "; this Eddy reads version " + LogFileFormat.VERSION);
        }
        int partitions;
        try {
            partitions = Integer.parseInt(p.getProperty(PARTITIONS_KEY, "").trim());
        } catch (NumberFormatException e) {
            throw new LogException("topic metadata " + file + " has an invalid partitions value '"
                    + p.getProperty(PARTITIONS_KEY) + "'");
        }
        if (partitions < 1) {
            throw new LogException("topic metadata " + file + " has partitions=" + partitions);
        }
        Map<String, String> config = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(CONFIG_PREFIX)) {
                config.put(key.substring(CONFIG_PREFIX.length()), p.getProperty(key));
            } else if (!key.equals(VERSION_KEY) && !key.equals(PARTITIONS_KEY)) {
                throw new LogException("topic metadata " + file + " has an unknown entry '" + key + "'");
            }
        }
        return new Contents(partitions, TopicConfig.fromMap(config));
    }
}

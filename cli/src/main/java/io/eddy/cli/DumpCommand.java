package io.eddy.cli;

import io.eddy.log.InvalidTopicException;
import io.eddy.log.internal.LogFileFormat;
import io.eddy.log.internal.TopicNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code eddy dump}: lists a topic's segment files and their batches, verifying every checksum by reading the files
 * directly (so it works when the log cannot be opened, and never changes a byte).
 */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Show a topic's segments (file, base offset, size) and their batches (position, base and last"
                + " offset, record count, max timestamp, CRC ok/BAD), verifying every CRC from the files themselves."
                + " Read-only.",
                "Exits with 2 when a batch is corrupt or a segment ends in a torn (partly written) batch, naming the"
                        + " file and position. Beside a running app, the last batch may be caught mid-write."})
final class DumpCommand extends LogCommand {
    /** The directory of the log holding one directory per topic (see docs/log-format.md). */
    private static final String TOPICS_DIR = "topics";

    @Option(names = "--topic", paramLabel = "TOPIC", required = true, description = "The topic.")
    String topic;

    @Option(names = "--partition", paramLabel = "P", description = "Dump partition P only (default: all).")
    Integer partition;

    private final List<String> problems = new ArrayList<>();
    private int segments;
    private long batches;
    private long records;

    @Override
    public Integer call() throws IOException {
        try {
            TopicNames.validate(topic);
        } catch (InvalidTopicException e) {
            throw new ParameterException(spec.commandLine(), "--topic: " + e.getMessage(), e);
        }
        Path topicDir = common.logDir().resolve(TOPICS_DIR).resolve(topic);
        if (!Files.isDirectory(topicDir)) {
            throw new CommandFailedException("topic " + topic + " does not exist in " + common.logDir()
                    + " (no directory " + topicDir + ")");
        }
        TreeMap<Integer, Path> partitions = partitionDirs(topicDir);
        PrintWriter out = out();
        SegmentVerifier verifier = new SegmentVerifier();
        for (var p : partitions.entrySet()) {
            out.println("partition " + p.getKey());
            for (var segment : segmentFiles(p.getValue()).entrySet()) {
                dumpSegment(out, verifier, segment.getValue(), segment.getKey());
            }
        }
        out.println(topic + ": " + count(partitions.size(), "partition", "partitions") + ", "
                + count(segments, "segment", "segments") + ", " + count(batches, "batch", "batches") + ", "
                + count(records, "record", "records") + ": "
                + (problems.isEmpty() ? "every CRC ok" : count(problems.size(), "problem", "problems")));
        if (problems.isEmpty()) {
            return ExitCode.OK;
        }
        problems.forEach(p -> out.println("BAD " + p));
        out.flush();
        err().println(spec.qualifiedName() + ": " + count(problems.size(), "corrupt batch or torn tail",
                "corrupt batches or torn tails") + "; first: " + problems.get(0));
        return ExitCode.CORRUPT;
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private void dumpSegment(PrintWriter out, SegmentVerifier verifier, Path file, long baseOffset)
            throws IOException {
        segments++;
        out.println("  segment " + file + "  base offset " + baseOffset + "  " + Files.size(file) + " bytes");
        out.println(String.format("    %-12s %-14s %-14s %-8s %-26s %s", "POSITION", "BASE OFFSET", "LAST OFFSET",
                "COUNT", "MAX TIMESTAMP", "CRC"));
        SegmentVerifier.Stop stop = verifier.scan(file, baseOffset, b -> {
            batches++;
            records += Math.max(0, b.count());
            String status = b.crcOk() ? "ok" : "BAD";
            if (b.problem() != null) {
                status += " (" + b.problem() + ")";
                problems.add(file + " position " + b.position() + ": " + b.problem());
            }
            out.println(String.format("    %-12d %-14d %-14d %-8d %-26s %s", b.position(), b.baseOffset(),
                    b.lastOffset(), b.count(), Instant.ofEpochMilli(b.maxTimestamp()), status));
        });
        if (stop != null) {
            out.println("    " + stop.position() + ": " + stop.problem());
            problems.add(file + " position " + stop.position() + ": " + stop.problem());
        }
    }

    private TreeMap<Integer, Path> partitionDirs(Path topicDir) throws IOException {
        TreeMap<Integer, Path> dirs = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(topicDir, Files::isDirectory)) {
            for (Path d : ds) {
                String name = d.getFileName().toString();
                if (name.matches("\\d{1,9}")) {
                    dirs.put(Integer.parseInt(name), d);
                }
            }
        }
        if (partition == null) {
            return dirs;
        }
        Path only = dirs.get(partition);
        if (only == null) {
            throw new CommandFailedException("topic " + topic + " has no partition " + partition + " in "
                    + common.logDir() + " (partitions: " + dirs.keySet() + ")");
        }
        TreeMap<Integer, Path> one = new TreeMap<>();
        one.put(partition, only);
        return one;
    }

    private static TreeMap<Long, Path> segmentFiles(Path partitionDir) throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(partitionDir, "*" + LogFileFormat.LOG_SUFFIX)) {
            for (Path f : ds) {
                long base = LogFileFormat.parseBaseOffset(f.getFileName().toString(), LogFileFormat.LOG_SUFFIX);
                if (base >= 0) {
                    files.put(base, f);
                }
            }
        }
        return files;
    }
}

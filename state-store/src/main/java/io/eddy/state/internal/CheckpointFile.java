package io.eddy.state.internal;

import io.eddy.state.ChangelogPartition;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Owns the layout of a task's checkpoint file, which records for each persistent logged store the offset of the last
 * changelog record its local state reflects. UTF-8 text, one item per line:
 *
 * <pre>
 *  eddy-checkpoint 1                      magic and format version
 *  2                                      number of store lines
 *  counts my-app-counts-changelog 3 41    store name, changelog topic, partition, offset
 *  totals my-app-totals-changelog 3 -1    (-1: reflects an empty changelog)
 *  crc32c 1a2b3c4d                        CRC32C (hex) of every byte above this line
 * </pre>
 *
 * Store names and topics never contain spaces (store names are validated; topic names are derived from them). Writes
 * are atomic: a temporary file in the same directory is written, optionally fsynced, and renamed over the old file,
 * then the directory is fsynced. A file that is truncated, fails its checksum, has an unknown version or does not
 * parse is reported as {@link CorruptCheckpointException}.
 */
public final class CheckpointFile {

    /** The file name inside the task directory. */
    public static final String FILE_NAME = ".checkpoint";
    /** The first token of the first line. */
    public static final String MAGIC = "eddy-checkpoint";
    /** The only format version written and read. */
    public static final int VERSION = 1;
    private static final String CRC_PREFIX = "crc32c ";

    private final Path path;
    private final boolean fsync;

    /**
     * @param taskDirectory the task's state directory
     * @param fsync whether writes are fsynced (disable only for test drivers)
     */
    public CheckpointFile(File taskDirectory, boolean fsync) {
        this.path = new File(taskDirectory, FILE_NAME).toPath();
        this.fsync = fsync;
    }

    /** @return the file's path */
    public Path path() {
        return path;
    }

    /** One store's checkpointed position. */
    public record Entry(String storeName, ChangelogPartition changelog, long offset) {
    }

    /**
     * @return the entries by store name; empty when the file does not exist
     * @throws CorruptCheckpointException if the file exists but is not a valid checkpoint
     * @throws IOException if the file cannot be read
     */
    public Map<String, Entry> read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        int firstNewline = text.indexOf('\n');
        String headerLine = firstNewline < 0 ? text : text.substring(0, firstNewline);
        String[] header = headerLine.split(" ");
        if (header.length != 2 || !MAGIC.equals(header[0])) {
            throw new CorruptCheckpointException(path, "bad header line '" + headerLine + "'");
        }
        int version = parseInt(header[1], "version");
        if (version != VERSION) {
            throw new CorruptCheckpointException(path, "unknown version " + version + " (this build reads "
                    + VERSION + ")");
        }
        int crcLine = text.lastIndexOf(CRC_PREFIX);
        if (crcLine < 0 || (crcLine > 0 && text.charAt(crcLine - 1) != '\n')) {
            throw new CorruptCheckpointException(path, "no checksum line (truncated file?)");
        }
        String body = text.substring(0, crcLine);
        String crcText = text.substring(crcLine + CRC_PREFIX.length()).trim();
        String expected = crcOf(body);
        if (!expected.equals(crcText)) {
            throw new CorruptCheckpointException(path, "checksum mismatch, stored=" + crcText + ", computed="
                    + expected);
        }
        String[] lines = body.split("\n");
        if (lines.length < 2) {
            throw new CorruptCheckpointException(path, "missing entry count");
        }
        int count = parseInt(lines[1], "entry count");
        if (count != lines.length - 2) {
            throw new CorruptCheckpointException(path, "entry count " + count + " but " + (lines.length - 2)
                    + " entry lines");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 2; i < lines.length; i++) {
            String[] parts = lines[i].split(" ");
            if (parts.length != 4) {
                throw new CorruptCheckpointException(path, "bad entry line '" + lines[i] + "'");
            }
            int partition = parseInt(parts[2], "partition");
            if (partition < 0) {
                throw new CorruptCheckpointException(path, "negative partition in line '" + lines[i] + "'");
            }
            long offset;
            try {
                offset = Long.parseLong(parts[3]);
            } catch (NumberFormatException e) {
                throw new CorruptCheckpointException(path, "bad offset in line '" + lines[i] + "'");
            }
            entries.put(parts[0], new Entry(parts[0], new ChangelogPartition(parts[1], partition), offset));
        }
        return entries;
    }

    private int parseInt(String s, String what) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new CorruptCheckpointException(path, "bad " + what + " '" + s + "'");
        }
    }

    /**
     * Replaces the file atomically with {@code entries}.
     *
     * @param entries the entries to record
     * @throws IOException if the file cannot be written
     */
    public void write(Iterable<Entry> entries) throws IOException {
        StringBuilder body = new StringBuilder(128);
        body.append(MAGIC).append(' ').append(VERSION).append('\n');
        int count = 0;
        StringBuilder lines = new StringBuilder();
        for (Entry e : entries) {
            lines.append(e.storeName()).append(' ').append(e.changelog().topic()).append(' ')
                    .append(e.changelog().partition()).append(' ').append(e.offset()).append('\n');
            count++;
        }
        body.append(count).append('\n').append(lines);
        String text = body + CRC_PREFIX + crcOf(body.toString()) + "\n";
        Path tmp = path.resolveSibling(FILE_NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (fsync) {
                channel.force(true);
            }
        }
        try {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
        if (fsync) {
            try (FileChannel dir = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException e) {
                // some platforms cannot open directories; the rename itself is still atomic
            }
        }
    }

    /**
     * Deletes the file if present.
     *
     * @throws IOException if it cannot be deleted
     */
    public void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    private static String crcOf(String body) {
        CRC32C crc = new CRC32C();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    /** The checkpoint file exists but cannot be used; the message names the file and the problem. */
    public static final class CorruptCheckpointException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CorruptCheckpointException(Path path, String problem) {
            super("Checkpoint file " + path + " is not usable: " + problem);
        }
    }
}

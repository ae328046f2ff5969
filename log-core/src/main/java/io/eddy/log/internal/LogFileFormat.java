package io.eddy.log.internal;

import io.eddy.log.UnsupportedFormatVersionException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The 16-byte header every binary file of the log starts with, and the file names of a partition directory.
 *
 * <pre>
 *  0                8           12          16
 *  +----------------+-----------+-----------+
 *  | magic (ASCII)  | version   | reserved  |
 *  | 8 bytes        | int32     | int32 (0) |
 *  +----------------+-----------+-----------+
 * </pre>
 *
 * Magics: {@code EDDYSEG\0} segment, {@code EDDYOIX\0} offset index, {@code EDDYTIX\0} time index. Version 1 is the
 * only version. A file whose magic matches but whose version is unknown raises
 * {@link UnsupportedFormatVersionException} naming the file; it is never read as something else.
 */
public final class LogFileFormat {
    public static final int HEADER_SIZE = 16;
    public static final int VERSION = 1;
    public static final byte[] SEGMENT_MAGIC = "EDDYSEG\0".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] OFFSET_INDEX_MAGIC = "EDDYOIX\0".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] TIME_INDEX_MAGIC = "EDDYTIX\0".getBytes(StandardCharsets.US_ASCII);

    public static final String LOG_SUFFIX = ".log";
    public static final String OFFSET_INDEX_SUFFIX = ".index";
    public static final String TIME_INDEX_SUFFIX = ".timeindex";
    /** A compacted replacement being written; deleted on open. */
    public static final String CLEANED_SUFFIX = ".cleaned";
    /** A compacted replacement complete and synced; swapped in on open. */
    public static final String SWAP_SUFFIX = ".swap";
    /** A file being written, renamed into place when complete. */
    public static final String TMP_SUFFIX = ".tmp";

    private LogFileFormat() {
    }

    public static ByteBuffer header(byte[] magic) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
        b.put(magic).putInt(VERSION).putInt(0).flip();
        return b;
    }

    /** Outcome of reading a header: the file is of this kind and version, or it is not of this kind at all. */
    public enum HeaderCheck { OK, NOT_THIS_KIND }

    /**
     * @throws UnsupportedFormatVersionException when the magic matches but the version is unknown
     */
    public static HeaderCheck check(byte[] bytes, int pos, int available, byte[] magic, Path file) {
        if (available < HEADER_SIZE) {
            return HeaderCheck.NOT_THIS_KIND;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[pos + i] != magic[i]) {
                return HeaderCheck.NOT_THIS_KIND;
            }
        }
        int version = ByteArrays.getInt(bytes, pos + 8);
        if (version != VERSION) {
            throw new UnsupportedFormatVersionException("file " + file + " has format version " + version
                    + "; this Eddy reads version " + VERSION);
        }
        return HeaderCheck.OK;
    }

    public static String fileName(long baseOffset, String suffix) {
        return String.format("%020d", baseOffset) + suffix;
    }

    /**
     * @return true when {@code name} is one the log itself leaves behind when interrupted: an index being written
     *     ({@code <offset>.index.tmp}, {@code <offset>.timeindex.tmp}) or a compaction output
     *     ({@code <first>.<end>.cleaned}, {@code <first>.<end>.swap}); any other name is not the log's to delete
     */
    public static boolean isLeftover(String name) {
        if (name.endsWith(TMP_SUFFIX)) {
            String target = name.substring(0, name.length() - TMP_SUFFIX.length());
            return parseBaseOffset(target, OFFSET_INDEX_SUFFIX) >= 0 || parseBaseOffset(target, TIME_INDEX_SUFFIX) >= 0;
        }
        for (String suffix : new String[] {CLEANED_SUFFIX, SWAP_SUFFIX}) {
            if (name.endsWith(suffix) && name.length() == 41 + suffix.length() && name.charAt(20) == '.') {
                return parseBaseOffset(name.substring(0, 20) + suffix, suffix) >= 0
                        && parseBaseOffset(name.substring(21), suffix) >= 0;
            }
        }
        return false;
    }

    /** @return the base offset a segment file name encodes, or -1 when the name is not one */
    public static long parseBaseOffset(String name, String suffix) {
        if (!name.endsWith(suffix) || name.length() != 20 + suffix.length()) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < 20; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}

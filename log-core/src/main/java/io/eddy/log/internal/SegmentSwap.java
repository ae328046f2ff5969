package io.eddy.log.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash-safe protocol by which compaction replaces segments {@code [first, end)} (by base offset) with one
 * cleaned segment:
 * <ol>
 *   <li>write {@code <first>.<end>.cleaned} and fsync it — a crash here leaves the old segments untouched and the
 *       {@code .cleaned} file is deleted on open;</li>
 *   <li>rename it to {@code <first>.<end>.swap} — the commit point: from here on recovery finishes the swap;</li>
 *   <li>delete the old segments whose base lies in {@code [first, end)} with their indexes;</li>
 *   <li>rename the swap file to {@code <first>.log}.</li>
 * </ol>
 * Readers that still hold an old segment open keep reading its (unlinked) file, which holds a superset of the cleaned
 * records, so no reader ever sees a half-swapped log.
 */
final class SegmentSwap {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentSwap.class);

    private SegmentSwap() {
    }

    static Path cleanedFile(Path dir, long first, long end) {
        return dir.resolve(String.format("%020d.%020d", first, end) + LogFileFormat.CLEANED_SUFFIX);
    }

    static Path swapFile(Path dir, long first, long end) {
        return dir.resolve(String.format("%020d.%020d", first, end) + LogFileFormat.SWAP_SUFFIX);
    }

    /** Step 2: the commit point. */
    static Path commit(Path cleaned) throws IOException {
        String name = cleaned.getFileName().toString();
        Path swap = cleaned.resolveSibling(name.substring(0, name.length() - LogFileFormat.CLEANED_SUFFIX.length())
                + LogFileFormat.SWAP_SUFFIX);
        Files.move(cleaned, swap, StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(cleaned.getParent());
        return swap;
    }

    /** Steps 3 and 4; the segments being replaced must already be closed. */
    static Path complete(Path dir, Path swap) throws IOException {
        String name = swap.getFileName().toString();
        long first = Long.parseLong(name.substring(0, 20));
        long end = Long.parseLong(name.substring(21, 41));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + LogFileFormat.LOG_SUFFIX)) {
            for (Path f : files) {
                long base = LogFileFormat.parseBaseOffset(f.getFileName().toString(), LogFileFormat.LOG_SUFFIX);
                if (base >= first && base < end) {
                    Files.delete(f);
                    SegmentIndexFiles.delete(dir, base);
                }
            }
        }
        Path target = dir.resolve(LogFileFormat.fileName(first, LogFileFormat.LOG_SUFFIX));
        Files.move(swap, target, StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(dir);
        return target;
    }

    /** On open of a writable partition: drop unfinished {@code .cleaned} files, finish committed swaps. */
    static void completeInterruptedSwaps(Path dir) throws IOException {
        List<Path> swaps = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!LogFileFormat.isLeftover(name)) {
                    continue; // not ours: the partition's listing refuses it, naming it
                }
                if (name.endsWith(LogFileFormat.SWAP_SUFFIX)) {
                    swaps.add(f);
                } else {
                    LOG.info("removing unfinished file {} left by an interrupted compaction or index write", f);
                    Files.delete(f);
                }
            }
        }
        for (Path swap : swaps) {
            LOG.info("completing compaction swap {} interrupted by a crash", swap);
            complete(dir, swap);
        }
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems refuse to open directories; the renames are still atomic there
            LOG.debug("cannot fsync directory {}: {}", dir, e.toString());
        }
    }
}

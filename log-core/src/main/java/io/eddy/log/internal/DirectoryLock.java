package io.eddy.log.internal;

import io.eddy.log.LogException;
import io.eddy.log.LogLockedException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-writer lock of a log directory: an OS file lock on {@code .lock}, released on close or process death.
 *
 * <p>OS (POSIX) file locks belong to the process, and closing any channel on the file drops them, so a second open in
 * the same process must be refused before it opens a channel of its own: {@link #HELD} tracks this process's locks.
 */
final class DirectoryLock implements AutoCloseable {
    static final String FILE_NAME = ".lock";
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path dir) {
        Path key;
        try {
            key = dir.toRealPath();
        } catch (IOException e) {
            throw new LogException("cannot lock log directory " + dir, e);
        }
        if (!HELD.add(key)) {
            throw new LogLockedException("log directory " + dir + " is already open for writing in this process");
        }
        Path file = dir.resolve(FILE_NAME);
        FileChannel ch = null;
        FileLock lock = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            throw new LogLockedException("log directory " + dir + " is already open for writing in this process");
        } catch (IOException e) {
            throw new LogException("cannot lock log directory " + dir, e);
        } finally {
            if (lock == null) {
                closeQuietly(ch);
                HELD.remove(key);
            }
        }
        if (lock == null) {
            throw new LogLockedException("log directory " + dir + " is locked by another process; only one writer"
                    + " may open it (open it read-only to read beside the writer)");
        }
        return new DirectoryLock(key, ch, lock);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new LogException("cannot release the directory lock", e);
        } finally {
            HELD.remove(key); // only once our channel is closed, which would drop a successor's lock
        }
    }
}

package io.eddy.log.internal;

import io.eddy.log.LogException;
import io.eddy.log.LogLockedException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The single-writer lock of a log directory: an OS file lock on {@code .lock}, released on close or process death. */
final class DirectoryLock implements AutoCloseable {
    static final String FILE_NAME = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
                throw new LogLockedException("log directory " + dir + " is locked by another process; only one writer"
                        + " may open it (open it read-only to read beside the writer)");
            }
            return new DirectoryLock(ch, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            throw new LogLockedException("log directory " + dir + " is already open for writing in this process");
        } catch (IOException e) {
            closeQuietly(ch);
            throw new LogException("cannot lock log directory " + dir, e);
        }
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
        }
    }
}

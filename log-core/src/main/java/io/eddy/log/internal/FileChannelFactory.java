package io.eddy.log.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens the file channels the log reads and writes, so tests can inject I/O faults beneath it. */
@FunctionalInterface
public interface FileChannelFactory {
    FileChannelFactory DEFAULT = FileChannel::open;

    FileChannel open(Path path, OpenOption... options) throws IOException;

    default FileChannel openForWrite(Path path) throws IOException {
        return open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    default FileChannel openForRead(Path path) throws IOException {
        return open(path, StandardOpenOption.READ);
    }
}

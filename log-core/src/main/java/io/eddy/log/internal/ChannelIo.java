package io.eddy.log.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Positional reads and writes that loop until done, since a single call may transfer fewer bytes. */
final class ChannelIo {
    private ChannelIo() {
    }

    static void writeFully(FileChannel ch, ByteBuffer src, long position) throws IOException {
        long p = position;
        while (src.hasRemaining()) {
            p += ch.write(src, p);
        }
    }

    /** Reads until {@code dst} is full or end of file; returns the bytes read. */
    static int readUpTo(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    static void readFully(FileChannel ch, ByteBuffer dst, long position) throws IOException {
        int want = dst.remaining();
        int got = readUpTo(ch, dst, position);
        if (got < want) {
            throw new EOFException("expected " + want + " bytes at position " + position + ", file ended after " + got);
        }
    }
}

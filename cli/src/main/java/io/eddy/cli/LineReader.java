package io.eddy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code '\n'} only, keeping every other byte (a {@code '\r'} stays in its line),
 * so that writing each line back followed by {@code '\n'} restores the input exactly when it ends with a newline.
 * Not thread-safe.
 */
final class LineReader {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private byte[] line = new byte[256];

    LineReader(InputStream in) {
        this.in = in;
    }

    /**
     * @return the next line without its {@code '\n'}, or null at the end of the stream; a last line without a
     *     trailing newline is returned too
     * @throws IOException if reading fails
     */
    byte[] next() throws IOException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buf);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? Arrays.copyOf(line, length) : null;
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            int n = pos - start;
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
            }
            System.arraycopy(buf, start, line, length, n);
            length += n;
            if (pos < limit) {
                pos++; // the newline
                return Arrays.copyOf(line, length);
            }
        }
    }
}

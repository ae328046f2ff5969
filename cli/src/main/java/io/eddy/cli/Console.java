package io.eddy.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The standard streams a command talks to. Record data (what {@code produce} reads and {@code consume} writes) goes
 * through the raw byte streams so that it round-trips exactly; messages and tables go through the UTF-8 writers.
 * A command uses either {@link #out()} or {@link #text()}, and flushes what it wrote before it returns.
 *
 * @param in standard input, raw bytes
 * @param out standard output, raw bytes
 * @param text standard output for text
 * @param err standard error for text
 */
record Console(InputStream in, OutputStream out, PrintWriter text, PrintWriter err) {

    /**
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @return a console writing text as UTF-8
     */
    static Console of(InputStream in, OutputStream out, OutputStream err) {
        return new Console(in, out, new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)),
                new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8)));
    }

    /** Flushes both writers and the raw output stream. */
    void flush() {
        text.flush();
        err.flush();
        try {
            out.flush();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("cannot flush standard output", e);
        }
    }
}

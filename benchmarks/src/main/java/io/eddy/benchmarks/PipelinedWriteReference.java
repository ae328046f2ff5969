package io.eddy.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32C;

/**
 * The simplest pipeline that does the work a log append must do with its bytes, as a second reference for
 * {@code log-append}: one thread copies each value behind a small header into a direct chunk and checksums the chunk
 * (CRC32C), a second thread writes full chunks with positional {@code FileChannel} writes; {@value #CHUNKS} chunks
 * circulate between them. No offsets, indexes, futures or recovery format: what is left is the copying, the
 * checksum and the write, and how well two threads overlap them on this machine.
 */
final class PipelinedWriteReference {
    static final int CHUNKS = 8;
    private static final int HEADER_BYTES = 20;

    private PipelinedWriteReference() {
    }

    /**
     * @param file the file to write (deleted afterwards)
     * @param value the value written {@code records} times
     * @param records how many values
     * @param chunkBytes bytes per write
     * @return MB/s of bytes written
     */
    static double mbPerSec(Path file, byte[] value, long records, int chunkBytes) throws Exception {
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(CHUNKS);
        BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(CHUNKS + 1);
        for (int i = 0; i < CHUNKS; i++) {
            free.add(ByteBuffer.allocateDirect(chunkBytes + HEADER_BYTES + value.length));
        }
        ByteBuffer end = ByteBuffer.allocate(0);
        long written = 0;
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            IOException[] failure = new IOException[1];
            Thread writer = new Thread(() -> writeAll(ch, full, free, end, failure), "pipelined-reference-writer");
            writer.start();
            CRC32C crc = new CRC32C();
            ByteBuffer chunk = free.take();
            for (long i = 0; i < records; i++) {
                chunk.putLong(i).putInt(value.length).putLong(crc.getValue()).put(value);
                if (chunk.position() >= chunkBytes || i == records - 1) {
                    chunk.flip();
                    crc.reset();
                    crc.update(chunk.duplicate());
                    written += chunk.remaining();
                    full.put(chunk);
                    chunk = i == records - 1 ? null : free.take();
                }
            }
            full.put(end);
            writer.join();
            if (failure[0] != null) {
                throw new UncheckedIOException("the pipelined reference could not write " + file, failure[0]);
            }
        }
        double mb = written / ((System.nanoTime() - t0) / 1e9) / (1 << 20);
        Files.delete(file);
        return mb;
    }

    /** Writes chunks until {@code end}; after a failure it keeps returning chunks unwritten so the filler ends. */
    private static void writeAll(FileChannel ch, BlockingQueue<ByteBuffer> full, BlockingQueue<ByteBuffer> free,
                                 ByteBuffer end, IOException[] failure) {
        long position = 0;
        while (true) {
            ByteBuffer b;
            try {
                b = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (b == end) {
                return;
            }
            try {
                while (failure[0] == null && b.hasRemaining()) {
                    position += ch.write(b, position);
                }
            } catch (IOException e) {
                failure[0] = e;
            }
            free.add(b.clear());
        }
    }
}

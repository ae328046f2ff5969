package io.eddy.log.internal;

/** A reusable read buffer and decoder for scanning or fetching batches; owned by one thread at a time. */
public final class ScanBuffer {
    byte[] buf;
    final RecordBatchDecoder decoder = new RecordBatchDecoder();

    public ScanBuffer(int initialSize) {
        this.buf = new byte[initialSize];
    }

    void grow() {
        buf = new byte[buf.length * 2];
    }

    void ensure(int size) {
        if (buf.length < size) {
            buf = new byte[Math.max(size, buf.length * 2)];
        }
    }
}

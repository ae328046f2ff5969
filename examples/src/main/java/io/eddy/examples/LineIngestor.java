package io.eddy.examples;

import io.eddy.log.Header;
import io.eddy.log.Headers;
import io.eddy.log.LogRecord;
import io.eddy.log.LogStore;
import io.eddy.log.ProducerRecord;
import io.eddy.log.TopicPartition;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends the lines of a text file to a topic so that re-running after a crash at any moment neither skips nor
 * repeats a line. Line {@code n} (from 0) goes to partition {@code n % partitions}, and each record carries two
 * headers: its line number and the file position after it. On start, the last record of every partition tells which
 * lines that partition already holds; reading resumes at the smallest "position after" among them, skipping each
 * line whose partition already has it. A batch append is atomic per partition, so whatever a crash cut, every line
 * ends up in the log exactly once.
 */
final class LineIngestor {
    static final String LINE_HEADER = "eddy.line";
    static final String POSITION_HEADER = "eddy.position-after";
    private static final int BATCH = 5000;

    private final LogStore log;
    private final String topic;
    private final int partitions;

    LineIngestor(LogStore log, String topic, int partitions) {
        this.log = log;
        this.topic = topic;
        this.partitions = partitions;
    }

    /** Where ingestion of a file stands: per partition, the last line number written, and where to resume reading. */
    private record Resume(long[] lastLine, long line, long position) {
    }

    private Resume resume() {
        long[] lastLine = new long[partitions];
        long minLine = Long.MAX_VALUE;
        long minPosition = 0;
        boolean any = false;
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            long end = log.endOffset(tp);
            lastLine[p] = -1;
            if (end == 0) {
                minLine = -1;
                minPosition = 0;
                continue;
            }
            List<LogRecord> last = log.read(tp, end - 1, 1);
            if (last.isEmpty() || last.get(0).headers().lastHeader(LINE_HEADER) == null) {
                throw new IllegalStateException("topic " + topic + " holds records that were not ingested from a"
                        + " file by this example; use a fresh --data-dir");
            }
            long line = ByteBuffer.wrap(last.get(0).headers().lastHeader(LINE_HEADER).value()).getLong();
            long pos = ByteBuffer.wrap(last.get(0).headers().lastHeader(POSITION_HEADER).value()).getLong();
            lastLine[p] = line;
            any = true;
            if (minLine >= 0 && line < minLine) {
                minLine = line;
                minPosition = pos;
            }
        }
        if (!any || minLine < 0) {
            return new Resume(lastLine, 0, 0);
        }
        return new Resume(lastLine, minLine + 1, minPosition);
    }

    /**
     * Appends every line of {@code file} not yet in the topic.
     *
     * @return the number of lines appended by this call
     */
    long ingest(Path file) throws IOException {
        Resume r = resume();
        long appended = 0;
        try (LineReader reader = new LineReader(Files.newInputStream(file), r.position())) {
            long line = r.line();
            long position = r.position();
            List<List<ProducerRecord>> batches = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                batches.add(new ArrayList<>());
            }
            String text;
            while ((text = reader.next()) != null) {
                position = reader.position();
                int p = (int) (line % partitions);
                if (line > r.lastLine()[p]) {
                    batches.get(p).add(record(p, line, position, text));
                    appended++;
                    if (batches.get(p).size() >= BATCH) {
                        flush(batches);
                    }
                }
                line++;
            }
            flush(batches);
        }
        return appended;
    }

    /**
     * Appends every line of a stream that cannot be re-read (standard input), continuing the line numbering after
     * what the topic holds.
     *
     * @return the number of lines appended
     */
    long ingestAll(InputStream in) throws IOException {
        Resume r = resume();
        long line = r.line();
        for (long l : r.lastLine()) {
            line = Math.max(line, l + 1);
        }
        long appended = 0;
        List<List<ProducerRecord>> batches = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            batches.add(new ArrayList<>());
        }
        try (LineReader reader = new LineReader(in, 0)) {
            String text;
            while ((text = reader.next()) != null) {
                int p = (int) (line % partitions);
                batches.get(p).add(record(p, line, reader.position(), text));
                appended++;
                line++;
                if (batches.get(p).size() >= BATCH) {
                    flush(batches);
                }
            }
        }
        flush(batches);
        return appended;
    }

    private ProducerRecord record(int partition, long line, long positionAfter, String text) {
        Headers h = Headers.of(new Header(LINE_HEADER, ByteBuffer.allocate(8).putLong(line).array()),
                new Header(POSITION_HEADER, ByteBuffer.allocate(8).putLong(positionAfter).array()));
        return new ProducerRecord(topic, partition, null, text.getBytes(StandardCharsets.UTF_8), -1, h);
    }

    private void flush(List<List<ProducerRecord>> batches) {
        for (int p = 0; p < partitions; p++) {
            List<ProducerRecord> b = batches.get(p);
            if (!b.isEmpty()) {
                log.append(new TopicPartition(topic, p), b);
                b.clear();
            }
        }
    }

    /** Reads UTF-8 lines from a byte position, tracking the position after each line; only whole lines. */
    static final class LineReader implements AutoCloseable {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int len;
        private int pos;
        private long position;
        private byte[] line = new byte[256];

        LineReader(InputStream in, long start) throws IOException {
            this.in = in;
            this.position = start;
            long skipped = 0;
            while (skipped < start) {
                long s = in.skip(start - skipped);
                if (s <= 0) {
                    break;
                }
                skipped += s;
            }
        }

        /** @return the next complete line (without its terminator), or null at end of input or a partial last line */
        String next() throws IOException {
            int n = 0;
            long consumed = 0;
            while (true) {
                if (pos == len) {
                    len = in.read(buf);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        if (n > 0 && consumed > 0) {
                            // the file ends without a newline: take the last line as whole
                            position += consumed;
                            return decode(n);
                        }
                        return null;
                    }
                }
                byte b = buf[pos++];
                consumed++;
                if (b == '\n') {
                    position += consumed;
                    int end = n > 0 && line[n - 1] == '\r' ? n - 1 : n;
                    return decode(end);
                }
                if (n == line.length) {
                    line = java.util.Arrays.copyOf(line, n * 2);
                }
                line[n++] = b;
            }
        }

        private String decode(int n) {
            return new String(line, 0, n, StandardCharsets.UTF_8);
        }

        long position() {
            return position;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

package io.eddy.cli;

import io.eddy.log.Header;
import io.eddy.log.LogRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * How {@code consume} prints a record, one line each. {@link #VALUE} and {@link #KV} write the stored bytes as they
 * are (so text round-trips exactly); {@link #JSON} and {@link #FULL} decode keys and values as UTF-8 (bytes that are
 * not UTF-8 print as U+FFFD). A null key or value prints as {@code null}.
 */
enum RecordFormat {
    /** The value alone. */
    VALUE,
    /** The key, the separator, the value. */
    KV,
    /** A JSON object: topic, partition, offset, timestamp (ms), key, value, headers. */
    JSON,
    /** Partition, offset, timestamp (ISO-8601), headers if any, key and value, as name=value pairs. */
    FULL;

    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    /**
     * @param r the record
     * @param out where to write its line, newline included
     * @param keySeparator what separates key and value in {@link #KV}
     * @throws IOException if writing fails
     */
    void write(LogRecord r, OutputStream out, byte[] keySeparator) throws IOException {
        switch (this) {
            case VALUE -> out.write(orNull(r.value()));
            case KV -> {
                out.write(orNull(r.key()));
                out.write(keySeparator);
                out.write(orNull(r.value()));
            }
            case JSON -> out.write(json(r).getBytes(StandardCharsets.UTF_8));
            case FULL -> out.write(full(r).getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalStateException("unknown format " + this);
        }
        out.write('\n');
    }

    private static byte[] orNull(byte[] b) {
        return b == null ? NULL : b;
    }

    private static String full(LogRecord r) {
        StringBuilder s = new StringBuilder()
                .append("partition=").append(r.partition())
                .append(" offset=").append(r.offset())
                .append(" timestamp=").append(Instant.ofEpochMilli(r.timestamp()));
        if (!r.headers().isEmpty()) {
            s.append(" headers=");
            String sep = "";
            for (Header h : r.headers()) {
                s.append(sep).append(h.key()).append(':').append(text(h.value()));
                sep = ",";
            }
        }
        return s.append(" key=").append(text(r.key())).append(" value=").append(text(r.value())).toString();
    }

    private static String json(LogRecord r) {
        StringBuilder s = new StringBuilder("{\"topic\":");
        quote(s, r.topic());
        s.append(",\"partition\":").append(r.partition())
                .append(",\"offset\":").append(r.offset())
                .append(",\"timestamp\":").append(r.timestamp())
                .append(",\"key\":");
        quote(s, r.key() == null ? null : text(r.key()));
        s.append(",\"value\":");
        quote(s, r.value() == null ? null : text(r.value()));
        s.append(",\"headers\":[");
        String sep = "";
        for (Header h : r.headers()) {
            s.append(sep).append("{\"key\":");
            quote(s, h.key());
            s.append(",\"value\":");
            quote(s, h.value() == null ? null : text(h.value()));
            s.append('}');
            sep = ",";
        }
        return s.append("]}").toString();
    }

    private static String text(byte[] b) {
        return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
    }

    private static void quote(StringBuilder s, String v) {
        if (v == null) {
            s.append("null");
            return;
        }
        s.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        s.append('"');
    }
}

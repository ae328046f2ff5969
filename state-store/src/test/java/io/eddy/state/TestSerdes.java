package io.eddy.state;

import io.eddy.serialization.Bytes;
import io.eddy.serialization.Deserializer;
import io.eddy.serialization.SerializationException;
import io.eddy.serialization.Serde;
import io.eddy.serialization.Serializer;
import java.nio.charset.StandardCharsets;

/** Minimal serdes for tests, until log-core's {@code Serdes} lands. */
public final class TestSerdes {

    private TestSerdes() {
    }

    public static Serde<String> string() {
        return of((topic, s) -> s == null ? null : s.getBytes(StandardCharsets.UTF_8),
                (topic, b) -> b == null ? null : new String(b, StandardCharsets.UTF_8));
    }

    public static Serde<Long> longSerde() {
        return of((topic, v) -> {
            if (v == null) {
                return null;
            }
            byte[] out = new byte[8];
            long x = v;
            for (int i = 7; i >= 0; i--) {
                out[i] = (byte) x;
                x >>>= 8;
            }
            return out;
        }, (topic, b) -> {
            if (b == null) {
                return null;
            }
            if (b.length != 8) {
                throw new SerializationException("Long needs 8 bytes, length=" + b.length);
            }
            long x = 0;
            for (byte value : b) {
                x = (x << 8) | (value & 0xFF);
            }
            return x;
        });
    }

    public static Serde<Bytes> bytes() {
        return of((topic, b) -> b == null ? null : b.get(), (topic, b) -> Bytes.wrap(b));
    }

    public static Serializer<String> stringSerializer() {
        return string().serializer();
    }

    public static <T> Serde<T> of(Serializer<T> serializer, Deserializer<T> deserializer) {
        return new Serde<>() {
            @Override
            public Serializer<T> serializer() {
                return serializer;
            }

            @Override
            public Deserializer<T> deserializer() {
                return deserializer;
            }
        };
    }

    public static Bytes bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return new Bytes(b);
    }
}

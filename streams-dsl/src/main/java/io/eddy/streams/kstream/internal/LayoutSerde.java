package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Deserializer;
import io.eddy.serialization.Serde;
import io.eddy.serialization.SerializationException;
import io.eddy.serialization.Serializer;

/**
 * The common part of the serdes of the DSL's internal record layouts: null passes through both ways, and bytes are
 * decoded only once they hold a whole header and, for a versioned layout, the version this code reads (its first
 * byte). A failed check names the record kind, the topic and what is wrong.
 *
 * @param <T> the record type
 */
abstract class LayoutSerde<T> implements Serde<T> {
    /** For {@code version}: the layout has no version byte. */
    static final int UNVERSIONED = -1;

    private final String kind;
    private final int headerLength;
    private final int version;
    private final Serializer<T> serializer = (topic, value) -> value == null ? null : encode(topic, value);
    private final Deserializer<T> deserializer = this::checkedDecode;

    /**
     * @param kind what a record is, for messages ("a change record")
     * @param headerLength the bytes every record has
     * @param version the version byte written first and the only one read, or {@link #UNVERSIONED}
     */
    LayoutSerde(String kind, int headerLength, int version) {
        this.kind = kind;
        this.headerLength = headerLength;
        this.version = version;
    }

    /**
     * @param topic the topic
     * @param value the record, not null
     * @return its bytes
     */
    abstract byte[] encode(String topic, T value);

    /**
     * @param topic the topic
     * @param data the bytes, at least a header long and of the version read
     * @return the record
     * @throws SerializationException if the bytes are malformed
     */
    abstract T decode(String topic, byte[] data);

    private T checkedDecode(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < headerLength) {
            throw malformed(topic, "has " + data.length + " bytes, fewer than its " + headerLength + "-byte header");
        }
        if (version != UNVERSIONED && data[0] != version) {
            throw malformed(topic, "has layout version " + data[0] + ", but this version of Eddy reads version "
                    + version + " only");
        }
        return decode(topic, data);
    }

    /**
     * @param topic the topic the record came from
     * @param problem what is wrong, completing "a record from topic T ..."
     * @return the exception to throw
     */
    SerializationException malformed(String topic, String problem) {
        return new SerializationException(kind + " from topic " + topic + " " + problem);
    }

    @Override
    public final Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public final Deserializer<T> deserializer() {
        return deserializer;
    }
}

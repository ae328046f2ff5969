package io.eddy.streams.kstream.internal;

import io.eddy.serialization.Serde;
import io.eddy.state.WindowBytesStoreSupplier;
import io.eddy.streams.kstream.StreamJoined;
import java.util.Map;

/**
 * Read access to a {@link StreamJoined} for the DSL.
 *
 * @param <K> key type
 * @param <V1> this value type
 * @param <V2> other value type
 */
public final class StreamJoinedInternal<K, V1, V2> extends StreamJoined<K, V1, V2> {

    /** @param streamJoined the user's StreamJoined */
    public StreamJoinedInternal(StreamJoined<K, V1, V2> streamJoined) {
        super(streamJoined);
    }

    /** @return key serde or null */
    public Serde<K> keySerde() {
        return keySerde;
    }

    /** @return this side's value serde or null */
    public Serde<V1> valueSerde() {
        return valueSerde;
    }

    /** @return the other side's value serde or null */
    public Serde<V2> otherValueSerde() {
        return otherValueSerde;
    }

    /** @return this side's store supplier or null */
    public WindowBytesStoreSupplier thisStoreSupplier() {
        return thisStoreSupplier;
    }

    /** @return the other side's store supplier or null */
    public WindowBytesStoreSupplier otherStoreSupplier() {
        return otherStoreSupplier;
    }

    /** @return the processor name or null */
    public String name() {
        return name;
    }

    /** @return the store base name or null */
    public String storeName() {
        return storeName;
    }

    /** @return whether the stores have changelogs */
    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    /** @return extra changelog configs */
    public Map<String, String> logConfig() {
        return topicConfig;
    }
}

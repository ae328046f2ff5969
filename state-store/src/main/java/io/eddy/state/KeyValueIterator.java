package io.eddy.state;

import java.io.Closeable;
import java.util.Iterator;

/**
 * An iterator over a store's entries in key order (or reverse key order), mirroring Kafka Streams'
 * {@code org.apache.kafka.streams.state.KeyValueIterator}.
 *
 * <p>Iterators may hold native resources and must be closed, best with try-with-resources. An iterator still open when
 * its store closes is reported (a warning naming the store) and closed by the store. Iterators are not thread-safe;
 * whether an iterator sees writes made after its creation is stated by each store (RocksDB: never, it reads a
 * snapshot; in-memory: weakly consistent).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface KeyValueIterator<K, V> extends Iterator<KeyValue<K, V>>, Closeable {

    /**
     * @return the key of the next entry without advancing
     * @throws java.util.NoSuchElementException if there is no next entry
     * @throws InvalidStateStoreException if the iterator or its store is closed
     */
    K peekNextKey();

    /** Releases the iterator's resources. Idempotent; never throws. */
    @Override
    void close();
}

package io.eddy.state;

import io.eddy.serialization.Bytes;

/**
 * Supplies byte-level window stores, mirroring Kafka Streams' {@code WindowBytesStoreSupplier}. Obtain one from
 * {@link Stores}.
 */
public interface WindowBytesStoreSupplier extends StoreSupplier<WindowStore<Bytes, byte[]>> {

    /** @return the size in milliseconds of the time segments that expire together */
    long segmentIntervalMs();

    /** @return the window size in milliseconds */
    long windowSize();

    /** @return whether every put of the same key and window is kept (for joins) */
    boolean retainDuplicates();

    /** @return how long in milliseconds windows are kept, relative to stream time */
    long retentionPeriod();
}

package io.eddy.state;

import io.eddy.serialization.Bytes;

/**
 * Supplies byte-level session stores, mirroring Kafka Streams' {@code SessionBytesStoreSupplier}. Obtain one from
 * {@link Stores}.
 */
public interface SessionBytesStoreSupplier extends StoreSupplier<SessionStore<Bytes, byte[]>> {

    /** @return the size in milliseconds of the time segments that expire together */
    long segmentIntervalMs();

    /** @return how long in milliseconds sessions are kept after their end, relative to stream time */
    long retentionPeriod();
}

package io.eddy.streams;

import java.util.Objects;

/**
 * Which store to query and how, for {@link EddyStreams#store(StoreQueryParameters)}. Immutable.
 *
 * @param <T> the queryable view type
 */
public final class StoreQueryParameters<T> {
    private final String storeName;
    private final QueryableStoreType<T> storeType;
    private final Integer partition;

    private StoreQueryParameters(String storeName, QueryableStoreType<T> storeType, Integer partition) {
        this.storeName = Objects.requireNonNull(storeName, "store name");
        this.storeType = Objects.requireNonNull(storeType, "store type");
        this.partition = partition;
    }

    /**
     * @param storeName the store name
     * @param storeType the view type, from {@link QueryableStoreTypes}
     * @param <T> the view type
     * @return parameters querying all partitions
     */
    public static <T> StoreQueryParameters<T> fromNameAndType(String storeName, QueryableStoreType<T> storeType) {
        return new StoreQueryParameters<>(storeName, storeType, null);
    }

    /**
     * @param partition the only partition to query
     * @return a copy querying one partition
     */
    public StoreQueryParameters<T> withPartition(Integer partition) {
        return new StoreQueryParameters<>(storeName, storeType, partition);
    }

    /** @return the store name */
    public String storeName() {
        return storeName;
    }

    /** @return the view type */
    public QueryableStoreType<T> queryableStoreType() {
        return storeType;
    }

    /** @return the partition to query, or null for all */
    public Integer partition() {
        return partition;
    }
}

package io.eddy.streams.kstream.internal;

/**
 * Creates a {@link KTableValueGetter} per processor instance; a processor using it must be connected to
 * {@link #storeNames()}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KTableValueGetterSupplier<K, V> {
    /** @return a new getter */
    KTableValueGetter<K, V> get();

    /** @return the stores the getter reads */
    String[] storeNames();
}

package io.eddy.streams.internal;

import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Iterates the iterators of several stores one after another (the same store of every local task), as Kafka
 * Streams' composite read-only stores do: ordered within each store, not across them. Closes them all.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ConcatenatingIterator<K, V> implements KeyValueIterator<K, V> {
    private final List<? extends KeyValueIterator<K, V>> iterators;
    private int i;

    private ConcatenatingIterator(List<? extends KeyValueIterator<K, V>> iterators) {
        this.iterators = iterators;
    }

    /**
     * Opens one iterator per store; if any fails to open, closes those already open.
     *
     * @param stores the stores
     * @param open opens an iterator over one store
     * @param <S> store type
     * @param <K> key type
     * @param <V> value type
     * @return the concatenation
     */
    public static <S, K, V> ConcatenatingIterator<K, V> over(List<S> stores,
                                                            Function<S, ? extends KeyValueIterator<K, V>> open) {
        List<KeyValueIterator<K, V>> its = new ArrayList<>(stores.size());
        try {
            for (S s : stores) {
                its.add(open.apply(s));
            }
        } catch (RuntimeException e) {
            its.forEach(KeyValueIterator::close);
            throw e;
        }
        return new ConcatenatingIterator<>(its);
    }

    @Override
    public boolean hasNext() {
        while (i < iterators.size()) {
            if (iterators.get(i).hasNext()) {
                return true;
            }
            i++;
        }
        return false;
    }

    @Override
    public KeyValue<K, V> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return iterators.get(i).next();
    }

    @Override
    public K peekNextKey() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return iterators.get(i).peekNextKey();
    }

    @Override
    public void close() {
        iterators.forEach(KeyValueIterator::close);
    }
}

package io.eddy.state.internal;

import io.eddy.serialization.Bytes;
import io.eddy.state.KeyValue;
import io.eddy.state.KeyValueIterator;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shared range checks and the empty iterator of key-value stores. */
public final class KeyValueIterators {

    private static final Logger LOG = LoggerFactory.getLogger(KeyValueIterators.class);

    private KeyValueIterators() {
    }

    /**
     * @param <K> the key type
     * @param <V> the value type
     * @return an iterator without entries
     */
    public static <K, V> KeyValueIterator<K, V> empty() {
        return new KeyValueIterator<>() {
            @Override
            public K peekNextKey() {
                throw new NoSuchElementException("empty iterator");
            }

            @Override
            public void close() {
            }

            @Override
            public boolean hasNext() {
                return false;
            }

            @Override
            public KeyValue<K, V> next() {
                throw new NoSuchElementException("empty iterator");
            }
        };
    }

    /**
     * Returns true (after logging a warning, as Kafka Streams does) when {@code from > to}, in which case the range is
     * empty.
     *
     * @param storeName the store queried
     * @param from the lower bound or null
     * @param to the upper bound or null
     * @return true when the range is inverted
     */
    public static boolean isInvertedRange(String storeName, Bytes from, Bytes to) {
        if (from != null && to != null && from.compareTo(to) > 0) {
            LOG.warn("Returning an empty iterator for store '{}' because the range start {} is greater than the "
                    + "range end {}; this may be due to range arguments set in the wrong order or serdes that do not "
                    + "preserve ordering", storeName, from, to);
            return true;
        }
        return false;
    }
}

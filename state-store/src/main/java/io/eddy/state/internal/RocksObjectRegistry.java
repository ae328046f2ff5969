package io.eddy.state.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rocksdb.RocksObject;

/**
 * Tracks every native RocksDB object a store creates so that each one is closed deterministically, in reverse order of
 * creation, and so that tests can check that none is left owning native memory after the store closes.
 *
 * <p>Thread safety: all methods are synchronized; iterators are created and closed on query threads too.
 */
public final class RocksObjectRegistry {

    private final List<RocksObject> live = new ArrayList<>();
    private final List<RocksObject> created = new ArrayList<>();

    /**
     * @param object a newly created native object
     * @param <T> its type
     * @return {@code object}
     */
    public synchronized <T extends RocksObject> T track(T object) {
        live.add(object);
        created.add(object);
        return object;
    }

    /**
     * Closes one tracked object and stops tracking it. Idempotent.
     *
     * @param object the object
     */
    public synchronized void release(RocksObject object) {
        for (int i = live.size() - 1; i >= 0; i--) {
            if (live.get(i) == object) {
                live.remove(i);
                break;
            }
        }
        object.close();
    }

    /** Closes every tracked object in reverse order of creation. */
    public synchronized void closeAll() {
        for (int i = live.size() - 1; i >= 0; i--) {
            live.get(i).close();
        }
        live.clear();
    }

    /** @return the number of objects created and not yet released */
    public synchronized int liveCount() {
        return live.size();
    }

    /** @return every object ever tracked (for leak checks: none should still own its native handle after close) */
    public synchronized List<RocksObject> everCreated() {
        return Collections.unmodifiableList(new ArrayList<>(created));
    }

    /** @return the number of tracked objects that still own a native handle */
    public synchronized long ownedHandleCount() {
        return created.stream().filter(RocksObject::isOwningHandle).count();
    }
}

package io.eddy.state;

import java.io.File;

/**
 * A store's directory is already in use by another process or another open store instance in this process. The
 * message and {@link #directory()} name the directory; the owner may retry once the other instance has closed it.
 */
public class StateDirectoryLockedException extends ProcessorStateException {
    private static final long serialVersionUID = 1L;

    private final File directory;

    /**
     * @param storeName the store that could not be opened
     * @param directory the locked directory
     * @param cause the underlying failure
     */
    public StateDirectoryLockedException(String storeName, File directory, Throwable cause) {
        super("State directory " + directory.getAbsolutePath() + " of store '" + storeName
                + "' is locked by another process or another open instance of the store", cause);
        this.directory = directory;
    }

    /** @return the directory that is locked */
    public File directory() {
        return directory;
    }
}

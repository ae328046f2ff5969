package io.eddy.eventsourcing;

/**
 * An append's expected version did not match the stream's current version (another writer appended first, or the
 * stream does or does not exist). Nothing of the append was written.
 */
public final class WrongExpectedVersionException extends EventStoreException {
    private static final long serialVersionUID = 1L;

    private final String streamId;
    private final long expectedVersion;
    private final long currentVersion;

    WrongExpectedVersionException(String streamId, long expectedVersion, long currentVersion) {
        super("stream '" + streamId + "': expected version " + ExpectedVersion.describe(expectedVersion)
                + " but the current version is " + currentVersion
                + (currentVersion == ExpectedVersion.NO_STREAM ? " (no stream)" : ""));
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    /** @return the stream */
    public String streamId() {
        return streamId;
    }

    /** @return the version the caller expected */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** @return the stream's version when the append was checked ({@code -1} for no stream) */
    public long currentVersion() {
        return currentVersion;
    }
}

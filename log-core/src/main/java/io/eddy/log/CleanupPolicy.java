package io.eddy.log;

/** What the log does with old records of a topic. A topic may combine both ({@code compact,delete}). */
public enum CleanupPolicy {
    /** Whole segments past the retention time or beyond the retention bytes are deleted. */
    DELETE,
    /** The log keeps at least the latest record of every key; older records of a key are removed in the background. */
    COMPACT;

    /** @return the config-string form, {@code delete} or {@code compact} */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

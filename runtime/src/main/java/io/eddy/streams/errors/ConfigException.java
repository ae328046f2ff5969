package io.eddy.streams.errors;

/** A configuration key has an invalid value, is unknown, or is missing. The message names the key and the value. */
public class ConfigException extends StreamsException {
    private static final long serialVersionUID = 1L;

    /**
     * @param key the config key
     * @param value the offending value (may be null)
     * @param reason what is wrong
     */
    public ConfigException(String key, Object value, String reason) {
        super("Invalid value " + value + " for configuration " + key + ": " + reason);
    }
}

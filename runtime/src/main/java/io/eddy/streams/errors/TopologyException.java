package io.eddy.streams.errors;

/** A topology is invalid: a duplicate or unknown node name, a missing parent, a store connected twice, and so on. */
public class TopologyException extends StreamsException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the topology */
    public TopologyException(String message) {
        super("Invalid topology: " + message);
    }
}

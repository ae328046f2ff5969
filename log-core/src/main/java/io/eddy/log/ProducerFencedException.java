package io.eddy.log;

/**
 * A {@link TransactionalProducer} was used after a newer producer with the same transactional id was created (a
 * "zombie"): its transaction was aborted and it can do nothing but be closed.
 */
public class ProducerFencedException extends LogException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the transactional id and both epochs */
    public ProducerFencedException(String message) {
        super(message);
    }
}

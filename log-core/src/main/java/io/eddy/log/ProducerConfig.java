package io.eddy.log;

import java.time.Duration;

/**
 * Batching settings of a {@link LogProducer}. Immutable.
 *
 * @param batchBytes a partition's pending batch is appended as soon as it reaches this size
 * @param linger how long a partial batch may wait for more records before a background thread appends it
 */
public record ProducerConfig(int batchBytes, Duration linger) {

    /** @throws InvalidConfigException for a batch size below 1 KiB or a negative linger */
    public ProducerConfig {
        if (batchBytes < 1024) {
            throw new InvalidConfigException("producer batch size must be at least 1024 bytes, was " + batchBytes);
        }
        if (linger == null || linger.isNegative()) {
            throw new InvalidConfigException("producer linger must be zero or positive, was " + linger);
        }
    }

    /** @return 256 KiB batches, 2 ms linger */
    public static ProducerConfig defaults() {
        return new ProducerConfig(256 * 1024, Duration.ofMillis(2));
    }
}

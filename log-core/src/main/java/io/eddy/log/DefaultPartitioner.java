package io.eddy.log;

/**
 * Chooses the partition of a keyed record exactly as Apache Kafka's default partitioner does: the murmur2 hash of
 * the key bytes, made non-negative by masking the sign bit, modulo the partition count. Data therefore lands on the
 * partitions it would in Kafka. Stateless and thread-safe.
 */
public final class DefaultPartitioner {
    private DefaultPartitioner() {
    }

    /**
     * @param key the key bytes, not null
     * @param numPartitions the partition count, at least 1
     * @return the partition, in {@code [0, numPartitions)}
     */
    public static int partition(byte[] key, int numPartitions) {
        return (murmur2(key) & 0x7fffffff) % numPartitions;
    }

    /**
     * The 32-bit murmur2 hash with seed {@code 0x9747b28c}, as Kafka computes it.
     *
     * @param data the bytes
     * @return the hash
     */
    public static int murmur2(byte[] data) {
        final int length = data.length;
        final int m = 0x5bd1e995;
        final int r = 24;
        int h = 0x9747b28c ^ length;
        int length4 = length >>> 2;
        for (int i = 0; i < length4; i++) {
            int i4 = i << 2;
            int k = (data[i4] & 0xff) | ((data[i4 + 1] & 0xff) << 8) | ((data[i4 + 2] & 0xff) << 16)
                    | ((data[i4 + 3] & 0xff) << 24);
            k *= m;
            k ^= k >>> r;
            k *= m;
            h *= m;
            h ^= k;
        }
        int index = length4 << 2;
        switch (length - index) {
            case 3:
                h ^= (data[index + 2] & 0xff) << 16;
                // fall through
            case 2:
                h ^= (data[index + 1] & 0xff) << 8;
                // fall through
            case 1:
                h ^= data[index] & 0xff;
                h *= m;
                break;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= m;
        h ^= h >>> 15;
        return h;
    }
}

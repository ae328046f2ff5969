package io.eddy.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link DefaultPartitioner} must put keys where Apache Kafka's default partitioner does. Expected values come from
 * Kafka's published murmur2 test vectors and from {@link #referenceMurmur2}, an independent transcription of Austin
 * Appleby's MurmurHash2 (32-bit) specification with Kafka's seed, never from the class under test.
 */
class PartitionerTest {
    private static final long SEED = 0x9747b28cL;
    private static final long M = 0x5bd1e995L;
    private static final long MASK32 = 0xFFFFFFFFL;

    /**
     * MurmurHash2 as specified, written over unsigned 32-bit values held in longs: little-endian 4-byte blocks, then
     * the 1-3 byte tail (bytes unsigned), then the final avalanche.
     */
    static int referenceMurmur2(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        long h = (SEED ^ data.length) & MASK32;
        while (in.remaining() >= 4) {
            long k = in.getInt() & MASK32;
            k = (k * M) & MASK32;
            k ^= k >>> 24;
            k = (k * M) & MASK32;
            h = (h * M) & MASK32;
            h ^= k;
        }
        int tail = in.remaining();
        if (tail > 0) {
            int at = in.position();
            if (tail == 3) {
                h ^= (long) Byte.toUnsignedInt(data[at + 2]) << 16;
            }
            if (tail >= 2) {
                h ^= (long) Byte.toUnsignedInt(data[at + 1]) << 8;
            }
            h ^= Byte.toUnsignedInt(data[at]);
            h = (h * M) & MASK32;
        }
        h ^= h >>> 13;
        h = (h * M) & MASK32;
        h ^= h >>> 15;
        return (int) h;
    }

    /** Kafka's rule: the hash with its sign bit cleared, modulo the partition count. */
    static int referencePartition(byte[] key, int partitions) {
        long positive = referenceMurmur2(key) & 0x7FFFFFFFL;
        return (int) (positive % partitions);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Published vectors: apache/kafka's UtilsTest.testMurmur2 (first six), and the 1-5 byte keys Akka's Murmur2Spec
     * took from Kafka's Utils.murmur2.
     */
    static Stream<Arguments> publishedKafkaVectors() {
        return Stream.of(
                Arguments.of(utf8("21"), -973932308),
                Arguments.of(utf8("foobar"), -790332482),
                Arguments.of(utf8("a-little-bit-long-string"), -985981536),
                Arguments.of(utf8("a-little-bit-longer-string"), -1486304829),
                Arguments.of(utf8("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8"), -58897971),
                Arguments.of(new byte[] {'a', 'b', 'c'}, 479470107),
                Arguments.of(utf8("1"), -1993445489),
                Arguments.of(utf8("12"), 126087238),
                Arguments.of(utf8("123"), -267702483),
                Arguments.of(utf8("1234"), -1614185708),
                Arguments.of(utf8("12345"), -1188365604));
    }

    @ParameterizedTest
    @MethodSource("publishedKafkaVectors")
    void referenceImplementationReproducesKafkasPublishedVectors(byte[] key, int expected) {
        assertThat(referenceMurmur2(key)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("publishedKafkaVectors")
    void murmur2MatchesKafkasPublishedVectors(byte[] key, int expected) {
        assertThat(DefaultPartitioner.murmur2(key)).isEqualTo(expected);
    }

    /** Every tail length (0-3 bytes after the blocks), multi-byte UTF-8, high bytes and long keys. */
    static List<byte[]> fixedKeys() {
        List<byte[]> keys = new ArrayList<>();
        keys.add(new byte[0]);
        keys.add(new byte[] {0});
        keys.add(new byte[] {(byte) 0xFF});
        keys.add(new byte[] {(byte) 0x80, 0x7F});
        keys.add(new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD});
        keys.add(new byte[] {1, 2, 3, 4});
        keys.add(new byte[] {(byte) 0x9A, (byte) 0xBC, (byte) 0xDE, (byte) 0xF0, (byte) 0x81});
        for (String s : List.of("a", "ab", "abc", "abcd", "abcde", "user-42", "order:2024-01-01:000017",
                "ключ", "键值", "clé-é", "emoji-\uD83D\uDE00", "Ünïcödé key with spaces")) {
            keys.add(utf8(s));
        }
        keys.add(utf8("x".repeat(1000)));
        byte[] longBinary = new byte[4099];
        new Random(7).nextBytes(longBinary);
        keys.add(longBinary);
        return keys;
    }

    @Test
    void murmur2AndPartitionMatchTheReferenceForAFixedTable() {
        int[] partitionCounts = {1, 2, 3, 7, 12, 50, 100, 1000, Integer.MAX_VALUE};
        for (byte[] key : fixedKeys()) {
            assertThat(DefaultPartitioner.murmur2(key)).as("murmur2 of %d-byte key", key.length)
                    .isEqualTo(referenceMurmur2(key));
            for (int n : partitionCounts) {
                assertThat(DefaultPartitioner.partition(key, n)).as("partition of %d-byte key over %d", key.length, n)
                        .isEqualTo(referencePartition(key, n))
                        .isBetween(0, n - 1);
            }
        }
    }

    @Test
    void emptyKeyHashesToTheSeedAvalanche() {
        // with no data: h = seed ^ 0, then the final mix only
        assertThat(DefaultPartitioner.murmur2(new byte[0])).isEqualTo(referenceMurmur2(new byte[0]));
        assertThat(DefaultPartitioner.murmur2(new byte[0])).isEqualTo(275646681);
    }

    @Test
    void murmur2AndPartitionMatchTheReferenceForRandomKeys() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] key = new byte[random.nextInt(64)];
            random.nextBytes(key);
            int n = 1 + random.nextInt(256);
            assertThat(DefaultPartitioner.murmur2(key)).as("seed %d, key #%d", seed, i)
                    .isEqualTo(referenceMurmur2(key));
            assertThat(DefaultPartitioner.partition(key, n)).as("seed %d, key #%d", seed, i)
                    .isEqualTo(referencePartition(key, n));
        }
    }

    @Test
    void hashesWithTheSignBitSetStillMapToAValidPartition() {
        byte[] key = utf8("21"); // murmur2 is negative
        assertThat(DefaultPartitioner.murmur2(key)).isNegative();
        assertThat(DefaultPartitioner.partition(key, 10)).isEqualTo((-973932308 & 0x7fffffff) % 10);
    }
}

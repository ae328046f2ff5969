package io.eddy.log.internal;

/**
 * Combines CRC-32C checksums: from {@code crc(A)} and {@code crc(B)} computes {@code crc(A || B)} knowing only the
 * length of {@code B}, in O(log length) steps, by multiplying polynomials modulo the CRC-32C polynomial (the method
 * zlib uses for its {@code crc32_combine}). It lets a batch's body be checksummed before its base offset, which the
 * checksum also covers, is known.
 */
final class Crc32cCombine {
    /** CRC-32C (Castagnoli) polynomial, bit-reversed. */
    private static final int POLY = 0x82F63B78;
    /** {@code X2N[k]} is x^(2^k) mod the polynomial, in reflected bit order. */
    private static final int[] X2N = new int[32];

    static {
        int p = 1 << 30; // x^1
        X2N[0] = p;
        for (int k = 1; k < 32; k++) {
            p = multiplyModPoly(p, p);
            X2N[k] = p;
        }
    }

    private Crc32cCombine() {
    }

    /**
     * @param crcA the CRC-32C of the first part (as {@link java.util.zip.CRC32C#getValue()} returns it)
     * @param crcB the CRC-32C of the second part
     * @param lengthB the second part's length in bytes
     * @return the CRC-32C of both parts, one after the other
     */
    static int combine(int crcA, int crcB, long lengthB) {
        return multiplyModPoly(xPow8n(lengthB), crcA) ^ crcB;
    }

    /** @return x^(8n) mod the polynomial: shifting a CRC over n zero bytes multiplies it by this */
    private static int xPow8n(long n) {
        int p = 1 << 31; // x^0
        int k = 3; // 8n = n * 2^3
        while (n != 0) {
            if ((n & 1) != 0) {
                p = multiplyModPoly(X2N[k & 31], p);
            }
            n >>>= 1;
            k++;
        }
        return p;
    }

    /** @return a * b mod the polynomial, both in reflected bit order (bit 31 is x^0) */
    private static int multiplyModPoly(int a, int b) {
        int m = 1 << 31;
        int product = 0;
        while (true) {
            if ((a & m) != 0) {
                product ^= b;
                if ((a & (m - 1)) == 0) {
                    return product;
                }
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
    }
}

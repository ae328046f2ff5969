package io.eddy.log.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class Crc32cCombineTest {

    private static int crc(byte[] b, int from, int to) {
        CRC32C c = new CRC32C();
        c.update(b, from, to - from);
        return (int) c.getValue();
    }

    @Property(tries = 300)
    void combiningTwoPartsEqualsTheChecksumOfTheWhole(@ForAll @Size(max = 5000) byte[] data,
                                                       @ForAll @IntRange(min = 0, max = 5000) int cut) {
        int split = Math.min(cut, data.length);
        int combined = Crc32cCombine.combine(crc(data, 0, split), crc(data, split, data.length), data.length - split);
        assertThat(combined).isEqualTo(crc(data, 0, data.length));
    }

    @Property(tries = 200)
    void preparedChecksumSealsToTheSameBytesAsAPlainSeal(@ForAll @Size(min = 1, max = 40) byte[][] values,
                                                         @ForAll long baseOffset, @ForAll boolean transactional) {
        RecordBatchBuilder plain = new RecordBatchBuilder(64);
        RecordBatchBuilder prepared = new RecordBatchBuilder(64);
        for (RecordBatchBuilder b : new RecordBatchBuilder[] {plain, prepared}) {
            b.setProducer(7, (short) 2, 11, transactional);
            long ts = 1_000;
            for (byte[] v : values) {
                b.append(ts++, v.length == 0 ? null : v, v, null);
            }
        }
        prepared.prepareChecksum();
        ByteBuffer expected = plain.seal(baseOffset);
        ByteBuffer actual = prepared.seal(baseOffset);
        assertThat(actual).isEqualTo(expected);
    }

    @Property(tries = 50)
    void anAppendAfterPreparingIsStillChecksummed(@ForAll @Size(min = 1, max = 100) byte[] first,
                                                  @ForAll @Size(min = 1, max = 100) byte[] second) {
        RecordBatchBuilder plain = new RecordBatchBuilder(64);
        RecordBatchBuilder prepared = new RecordBatchBuilder(64);
        plain.append(1, null, first, null);
        plain.append(2, null, second, null);
        prepared.append(1, null, first, null);
        prepared.prepareChecksum();
        prepared.append(2, null, second, null);
        assertThat(prepared.seal(5)).isEqualTo(plain.seal(5));
    }
}

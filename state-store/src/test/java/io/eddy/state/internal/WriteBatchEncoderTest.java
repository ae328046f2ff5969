package io.eddy.state.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

class WriteBatchEncoderTest {
    static {
        RocksDB.loadLibrary();
    }

    @TempDir
    Path dir;

    /** Random puts and deletes over the default and a second family, with keys and values up to 400 bytes. */
    @Test
    void encodesTheSameBytesAsRocksDbsWriteBatchAndWritesThemToTheDatabase() throws RocksDBException {
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             RocksDB db = RocksDB.open(options, dir.toString(), List.of(
                     new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
                     new ColumnFamilyDescriptor("second".getBytes())), handles);
             WriteOptions writeOptions = new WriteOptions()) {
            Random random = new Random(42);
            for (int round = 0; round < 100; round++) {
                WriteBatchEncoder encoder = new WriteBatchEncoder();
                try (WriteBatch reference = new WriteBatch()) {
                    int entries = random.nextInt(40);
                    List<byte[]> keys = new ArrayList<>();
                    for (int i = 0; i < entries; i++) {
                        ColumnFamilyHandle family = handles.get(random.nextInt(2));
                        byte[] key = bytes(random, 1 + random.nextInt(400));
                        keys.add(key);
                        if (random.nextInt(4) == 0) {
                            encoder.delete(family.getID(), key);
                            reference.delete(family, key);
                        } else {
                            byte[] value = bytes(random, random.nextInt(400));
                            encoder.put(family.getID(), key, value);
                            reference.put(family, key, value);
                        }
                    }
                    try (WriteBatch encoded = encoder.toWriteBatch()) {
                        assertThat(encoded.count()).isEqualTo(entries);
                        assertThat(encoded.data()).isEqualTo(reference.data());
                        db.write(writeOptions, encoded);
                    }
                }
            }
            WriteBatchEncoder encoder = new WriteBatchEncoder();
            encoder.put(handles.get(1).getID(), new byte[] {7}, new byte[] {8, 9});
            encoder.put(0, new byte[] {7}, new byte[0]);
            try (WriteBatch encoded = encoder.toWriteBatch()) {
                db.write(writeOptions, encoded);
            }
            assertThat(db.get(handles.get(1), new byte[] {7})).containsExactly(8, 9);
            assertThat(db.get(handles.get(0), new byte[] {7})).isEmpty();
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    @Test
    void aResetEncoderStartsAnEmptyBatch() throws RocksDBException {
        WriteBatchEncoder encoder = new WriteBatchEncoder();
        for (int i = 0; i < 1000; i++) {
            encoder.put(0, new byte[] {(byte) i}, new byte[5000]); // grows the buffer past its reset bound
        }
        encoder.reset();
        encoder.put(0, new byte[] {1}, new byte[] {2});
        try (WriteBatch reference = new WriteBatch(); WriteBatch encoded = encoder.toWriteBatch()) {
            reference.put(new byte[] {1}, new byte[] {2});
            assertThat(encoded.data()).isEqualTo(reference.data());
        }
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}

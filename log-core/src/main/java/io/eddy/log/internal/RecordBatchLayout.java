package io.eddy.log.internal;

/**
 * Owns every byte position of a record batch, the unit Eddy appends, checksums, stores and reads. All integers are
 * big-endian; varints are zig-zag base-128 (as in Kafka and Protocol Buffers).
 *
 * <pre>
 *  0               8       12  13      17    19              23              31              39
 *  +---------------+-------+---+-------+-----+---------------+---------------+---------------+
 *  | baseOffset    |length |mag| crc32c|attrs|lastOffsetDelta| baseTimestamp | maxTimestamp  |
 *  | int64         |int32  |i8 | uint32|int16| int32         | int64         | int64         |
 *  +---------------+-------+---+-------+-----+---------------+---------------+---------------+
 *  39              47    49      53      57
 *  +---------------+-----+-------+-------+---------------------------------------------------+
 *  | producerId    |epoch|baseSeq|count  | records ...                                       |
 *  | int64         |int16|int32  |int32  |                                                   |
 *  +---------------+-----+-------+-------+---------------------------------------------------+
 * </pre>
 *
 * <ul>
 *   <li>{@code length} counts the bytes after the length field, so a batch occupies {@code 12 + length} bytes.
 *   <li>{@code crc32c} covers every byte of the batch except the crc field itself: bytes {@code [0, 13)} and
 *       {@code [17, 12 + length)}. Covering the base offset means a flipped offset bit is caught too.
 *   <li>{@code attrs}: bit 4 transactional, bit 5 control batch; the other bits are zero in format version 1.
 *   <li>{@code producerId}, {@code epoch}: -1 for a non-transactional batch; for a transactional batch or a
 *       transaction marker, the producer id and epoch of its transactional id.
 *   <li>{@code baseSeq}: -1 for a non-transactional batch; for a transactional batch or a marker, the producer's
 *       transaction sequence number (0, 1, ... per producer id and epoch), which recovery matches against the
 *       coordinator's decision (see {@link TransactionStateRecord}). A marker's one record is laid out by
 *       {@link TransactionMarker}.
 *   <li>Each record: {@code length varint | attributes int8 | timestampDelta varlong | offsetDelta varint |
 *       keyLength varint (-1 = null) | key | valueLength varint (-1 = null) | value | headerCount varint |
 *       (headerKeyLength varint | headerKey UTF-8 | headerValueLength varint (-1 = null) | headerValue)*}.
 * </ul>
 */
public final class RecordBatchLayout {
    /** The batch format version this code writes and reads. */
    public static final byte MAGIC_V1 = 1;

    public static final int BASE_OFFSET = 0;
    public static final int LENGTH = 8;
    public static final int MAGIC = 12;
    public static final int CRC = 13;
    public static final int ATTRIBUTES = 17;
    public static final int LAST_OFFSET_DELTA = 19;
    public static final int BASE_TIMESTAMP = 23;
    public static final int MAX_TIMESTAMP = 31;
    public static final int PRODUCER_ID = 39;
    public static final int PRODUCER_EPOCH = 47;
    public static final int BASE_SEQUENCE = 49;
    public static final int RECORD_COUNT = 53;
    /** Size of the batch header; records start here. */
    public static final int HEADER_SIZE = 57;
    /** Bytes before the part the length field counts. */
    public static final int LOG_OVERHEAD = 12;

    public static final short ATTR_TRANSACTIONAL = 1 << 4;
    public static final short ATTR_CONTROL = 1 << 5;

    /** Upper bound of the bytes one record adds beyond its key, value and headers. */
    public static final int MAX_RECORD_OVERHEAD = 5 + 1 + 10 + 5 + 5 + 5 + 5;

    private RecordBatchLayout() {
    }
}

package io.eddy.log.internal;

import io.eddy.log.internal.FaultInjectingChannelFactory.Op;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A {@link FileChannel} over a real one that asks its {@link FaultInjectingChannelFactory} before every write, force,
 * read and truncate whether to fail instead, and reports each successful force so the factory knows what would
 * survive a power loss. A failing write may first write half of its bytes (a torn write), as a full disk does.
 */
final class FaultInjectingFileChannel extends FileChannel {
    private final FaultInjectingChannelFactory disk;
    private final FileChannel delegate;
    private final FaultInjectingChannelFactory.TrackedFile file;

    FaultInjectingFileChannel(FaultInjectingChannelFactory disk, FileChannel delegate,
                              FaultInjectingChannelFactory.TrackedFile file) {
        this.disk = disk;
        this.delegate = delegate;
        this.file = file;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        disk.before(Op.READ, file);
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        disk.before(Op.READ, file);
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        disk.before(Op.READ, file);
        return delegate.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return write(src, -1);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            total += write(srcs[i]);
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        IOException fault = disk.faultFor(Op.WRITE, file);
        if (fault != null) {
            int half = src.remaining() / 2;
            if (half > 0 && disk.tornWrites()) {
                ByteBuffer part = src.duplicate();
                part.limit(part.position() + half);
                int n = position < 0 ? delegate.write(part) : delegate.write(part, position);
                src.position(src.position() + n);
            }
            throw fault;
        }
        return position < 0 ? delegate.write(src) : delegate.write(src, position);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        disk.before(Op.TRUNCATE, file);
        delegate.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        disk.before(Op.FORCE, file);
        delegate.force(metaData);
        disk.forced(file, contents());
    }

    private byte[] contents() throws IOException {
        ByteBuffer all = ByteBuffer.allocate(Math.toIntExact(delegate.size()));
        while (all.hasRemaining() && delegate.read(all, all.position()) >= 0) {
            // loop until the whole file is read
        }
        return all.array();
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        disk.before(Op.READ, file);
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        disk.before(Op.WRITE, file);
        return delegate.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        throw new UnsupportedOperationException("memory-mapped access bypasses fault injection");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}

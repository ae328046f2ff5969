package io.eddy.log.internal;

/** Decorators of {@link FileChannelFactory}. */
public final class FileChannelFactories {
    private FileChannelFactories() {
    }

    /** @return a factory whose channels never fsync */
    public static FileChannelFactory noSync(FileChannelFactory factory) {
        return NoSyncFileChannel.wrap(factory);
    }
}

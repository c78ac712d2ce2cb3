package dev.enoki.wasm.wasi;

import java.io.IOException;

/**
 * An open descriptor of the fd table: its rights and flags, and the operations every kind of file answers. The
 * defaults are the answers of a file that cannot do the operation; subclasses override what they support.
 */
abstract class FileDescriptor {
    long rightsBase;
    long rightsInheriting;
    int fdflags;

    FileDescriptor(long rightsBase, long rightsInheriting, int fdflags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.fdflags = fdflags;
    }

    abstract byte fileType();

    /** Reads up to {@code length} bytes; returns how many, 0 at the end of the file. */
    int read(byte[] buffer, int length) throws IOException {
        throw Errno.BADF.error();
    }

    /** Writes all {@code length} bytes. */
    void write(byte[] buffer, int length) throws IOException {
        throw Errno.BADF.error();
    }

    int pread(byte[] buffer, int length, long offset) throws IOException {
        throw Errno.SPIPE.error();
    }

    void pwrite(byte[] buffer, int length, long offset) throws IOException {
        throw Errno.SPIPE.error();
    }

    /** Moves the file offset ({@code whence}: 0 set, 1 current, 2 end) and returns the new one. */
    long seek(long offset, int whence) throws IOException {
        throw Errno.SPIPE.error();
    }

    /**
     * Bytes that can be read now without blocking, for {@code poll_oneoff}; -1 when a read would block. May wait for
     * input when {@code block} is set.
     */
    long readableBytes(boolean block) throws IOException {
        return 0;
    }

    abstract Filestat stat() throws IOException;

    void setSize(long size) throws IOException {
        throw Errno.INVAL.error();
    }

    /** Times in nanoseconds, or -1 to leave one unchanged. */
    void setTimes(long accessTime, long modifiedTime) throws IOException {
        throw Errno.NOTSUP.error();
    }

    void sync(boolean metadata) throws IOException {
    }

    void close() throws IOException {
    }
}

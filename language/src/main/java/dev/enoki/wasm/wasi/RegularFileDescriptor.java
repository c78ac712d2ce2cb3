package dev.enoki.wasm.wasi;

import com.oracle.truffle.api.TruffleFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * A file opened by {@code path_open}: a byte channel of the host file. Append mode is done here (seek to the end
 * before each write) because Java cannot open a channel for both reading and appending.
 */
final class RegularFileDescriptor extends FileDescriptor {
    private final TruffleFile file;
    private final SeekableByteChannel channel;

    RegularFileDescriptor(TruffleFile file, SeekableByteChannel channel, long rightsBase, long rightsInheriting, int fdflags) {
        super(rightsBase, rightsInheriting, fdflags);
        this.file = file;
        this.channel = channel;
    }

    @Override
    byte fileType() {
        return FileType.REGULAR_FILE;
    }

    @Override
    int read(byte[] buffer, int length) throws IOException {
        int n = channel.read(ByteBuffer.wrap(buffer, 0, length));
        return Math.max(n, 0);
    }

    @Override
    void write(byte[] buffer, int length) throws IOException {
        if ((fdflags & Fdflags.APPEND) != 0) {
            channel.position(channel.size());
        }
        writeFully(ByteBuffer.wrap(buffer, 0, length), -1);
        if ((fdflags & (Fdflags.DSYNC | Fdflags.SYNC)) != 0) {
            sync((fdflags & Fdflags.SYNC) != 0);
        }
    }

    private void writeFully(ByteBuffer data, long position) throws IOException {
        long at = position;
        while (data.hasRemaining()) {
            if (at >= 0) {
                at += ((FileChannel) channel).write(data, at);
            } else {
                channel.write(data);
            }
        }
    }

    @Override
    int pread(byte[] buffer, int length, long offset) throws IOException {
        if (channel instanceof FileChannel fc) {
            return Math.max(fc.read(ByteBuffer.wrap(buffer, 0, length), offset), 0);
        }
        long saved = channel.position();
        try {
            channel.position(offset);
            return read(buffer, length);
        } finally {
            channel.position(saved);
        }
    }

    @Override
    void pwrite(byte[] buffer, int length, long offset) throws IOException {
        if (channel instanceof FileChannel) {
            writeFully(ByteBuffer.wrap(buffer, 0, length), offset);
            return;
        }
        long saved = channel.position();
        try {
            channel.position(offset);
            writeFully(ByteBuffer.wrap(buffer, 0, length), -1);
        } finally {
            channel.position(saved);
        }
    }

    @Override
    long seek(long offset, int whence) throws IOException {
        long base = switch (whence) {
            case 0 -> 0;
            case 1 -> channel.position();
            case 2 -> channel.size();
            default -> throw Errno.INVAL.error();
        };
        long target = base + offset;
        if (target < 0 || (offset > 0 && target < base)) {
            throw Errno.INVAL.error();
        }
        channel.position(target);
        return target;
    }

    @Override
    long readableBytes(boolean block) throws IOException {
        return Math.max(0, channel.size() - channel.position());
    }

    @Override
    Filestat stat() throws IOException {
        long size = channel.size();
        try {
            return Filestat.of(file, false).withSize(size);
        } catch (IOException e) {
            // Unlinked or renamed since it was opened: the channel still knows the size.
            return new Filestat(0, 0, FileType.REGULAR_FILE, 0, size, 0, 0, 0);
        }
    }

    @Override
    void setSize(long size) throws IOException {
        long current = channel.size();
        // ftruncate(2) leaves the file offset alone; a channel's truncate would pull it back to the new size.
        long position = channel.position();
        if (size < current) {
            channel.truncate(size);
        } else if (size > current) {
            // Channels only shrink files; writing the last byte extends one (the gap reads as zeros).
            channel.position(size - 1);
            writeFully(ByteBuffer.wrap(new byte[1]), -1);
        }
        channel.position(position);
    }

    @Override
    void setTimes(long accessTime, long modifiedTime) throws IOException {
        if (accessTime >= 0) {
            file.setLastAccessTime(FileTime.from(accessTime, TimeUnit.NANOSECONDS), LinkOption.NOFOLLOW_LINKS);
        }
        if (modifiedTime >= 0) {
            file.setLastModifiedTime(FileTime.from(modifiedTime, TimeUnit.NANOSECONDS), LinkOption.NOFOLLOW_LINKS);
        }
    }

    @Override
    void sync(boolean metadata) throws IOException {
        if (channel instanceof FileChannel fc) {
            fc.force(metadata);
        }
    }

    @Override
    void close() throws IOException {
        channel.close();
    }
}

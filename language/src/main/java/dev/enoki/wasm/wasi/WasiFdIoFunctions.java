package dev.enoki.wasm.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code fd_*} functions that move data: read, write (plain and positioned), seek, tell and readdir. */
final class WasiFdIoFunctions {
    /** Data moves between memory and the host in pieces of at most this size. */
    private static final int CHUNK = 1 << 20;
    private static final int DIRENT_SIZE = 24;

    private WasiFdIoFunctions() {
    }

    static List<WasiFunction> all() {
        return List.of(
                        WasiFunction.of("fd_read", "iiii", c -> {
                            FileDescriptor fd = c.fds().get(c.i32(0), Rights.FD_READ);
                            transferIn(c, fd, -1, c.i32(3));
                        }),
                        WasiFunction.of("fd_pread", "iiiIi", c -> {
                            FileDescriptor fd = c.fds().get(c.i32(0), Rights.FD_READ | Rights.FD_SEEK);
                            transferIn(c, fd, nonNegative(c.i64(3)), c.i32(4));
                        }),
                        WasiFunction.of("fd_write", "iiii", c -> {
                            FileDescriptor fd = c.fds().get(c.i32(0), Rights.FD_WRITE);
                            transferOut(c, fd, -1, c.i32(3));
                        }),
                        WasiFunction.of("fd_pwrite", "iiiIi", c -> {
                            FileDescriptor fd = c.fds().get(c.i32(0), Rights.FD_WRITE | Rights.FD_SEEK);
                            transferOut(c, fd, nonNegative(c.i64(3)), c.i32(4));
                        }),
                        WasiFunction.of("fd_seek", "iIii", c -> {
                            // A seek that cannot move (offset 0 from the current position) is a tell.
                            long needed = c.i64(1) == 0 && c.i32(2) == 1 ? Rights.FD_TELL : Rights.FD_SEEK;
                            FileDescriptor fd = c.fds().get(c.i32(0), needed);
                            c.memory.checked(c.i32(3), 8);
                            c.memory.writeI64(c.i32(3), fd.seek(c.i64(1), c.i32(2)));
                        }),
                        WasiFunction.of("fd_tell", "ii", c -> {
                            FileDescriptor fd = c.fds().get(c.i32(0), Rights.FD_TELL);
                            c.memory.checked(c.i32(1), 8);
                            c.memory.writeI64(c.i32(1), fd.seek(0, 1));
                        }),
                        WasiFunction.of("fd_readdir", "iiiIi", WasiFdIoFunctions::readdir));
    }

    private static long nonNegative(long offset) {
        if (offset < 0) {
            throw Errno.INVAL.error();
        }
        return offset;
    }

    /**
     * Reads into the iovecs at {@code c.i32(1)}, {@code c.i32(2)} of them, from the file position or from
     * {@code offset}; stops at the first short read, like readv(2). Stores the count at {@code resultPointer}.
     */
    private static void transferIn(WasiCall c, FileDescriptor fd, long offset, int resultPointer) throws IOException {
        GuestMemory.Iovec[] iovecs = c.memory.readIovecs(c.i32(1), c.i32(2));
        c.memory.checked(resultPointer, 4);
        long total = 0;
        byte[] buffer = new byte[(int) Math.min(CHUNK, longest(iovecs))];
        reading: for (GuestMemory.Iovec iovec : iovecs) {
            for (long done = 0; done < iovec.length();) {
                int want = (int) Math.min(buffer.length, iovec.length() - done);
                int n = offset < 0 ? fd.read(buffer, want) : fd.pread(buffer, want, offset + total);
                c.memory.copyIn(iovec, done, buffer, n);
                done += n;
                total += n;
                if (n < want) {
                    break reading;
                }
            }
        }
        c.memory.writeI32(resultPointer, (int) total);
    }

    private static void transferOut(WasiCall c, FileDescriptor fd, long offset, int resultPointer) throws IOException {
        GuestMemory.Iovec[] iovecs = c.memory.readIovecs(c.i32(1), c.i32(2));
        c.memory.checked(resultPointer, 4);
        long total = 0;
        byte[] buffer = new byte[(int) Math.min(CHUNK, longest(iovecs))];
        for (GuestMemory.Iovec iovec : iovecs) {
            for (long done = 0; done < iovec.length();) {
                int n = (int) Math.min(buffer.length, iovec.length() - done);
                c.memory.copyOut(iovec, done, buffer, n);
                if (offset < 0) {
                    fd.write(buffer, n);
                } else {
                    fd.pwrite(buffer, n, offset + total);
                }
                done += n;
                total += n;
            }
        }
        if (total > 0xFFFF_FFFFL) {
            throw Errno.OVERFLOW.error();
        }
        c.memory.writeI32(resultPointer, (int) total);
    }

    private static long longest(GuestMemory.Iovec[] iovecs) {
        long longest = 0;
        for (GuestMemory.Iovec iovec : iovecs) {
            longest = Math.max(longest, iovec.length());
        }
        return longest;
    }

    /**
     * Fills the buffer with dirents (24 bytes: d_next at 0, d_ino at 8, d_namlen at 16, d_type at 20, then the name)
     * from position {@code cookie}. The last one is cut off at the end of the buffer; a full buffer tells the program
     * to read on (with a larger buffer if one entry did not fit).
     */
    private static void readdir(WasiCall c) throws IOException {
        FileDescriptor fd = c.fds().get(c.i32(0), Rights.FD_READDIR);
        if (!(fd instanceof DirectoryDescriptor directory)) {
            throw Errno.NOTDIR.error();
        }
        int pointer = c.i32(1);
        int length = c.i32(2);
        long cookie = c.i64(3);
        c.memory.checked(pointer, Integer.toUnsignedLong(length));
        c.memory.checked(c.i32(4), 4);
        List<DirectoryDescriptor.Entry> entries = directory.entries(cookie);
        long needed = 0;
        for (DirectoryDescriptor.Entry entry : entries) {
            needed += DIRENT_SIZE + entry.name().getBytes(StandardCharsets.UTF_8).length;
        }
        ByteBuffer out = ByteBuffer.allocate((int) Math.min(Integer.toUnsignedLong(length), needed)).order(ByteOrder.LITTLE_ENDIAN);
        long next = cookie;
        for (DirectoryDescriptor.Entry entry : entries) {
            if (!out.hasRemaining()) {
                break;
            }
            byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer dirent = ByteBuffer.allocate(DIRENT_SIZE + name.length).order(ByteOrder.LITTLE_ENDIAN);
            dirent.putLong(++next).putLong(entry.inode()).putInt(name.length).put(entry.fileType()).put(new byte[3]).put(name);
            out.put(dirent.array(), 0, Math.min(dirent.capacity(), out.remaining()));
        }
        c.memory.writeBytes(pointer, out.array(), 0, out.position());
        c.memory.writeI32(c.i32(4), out.position());
    }
}

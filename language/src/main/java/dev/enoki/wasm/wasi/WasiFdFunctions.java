package dev.enoki.wasm.wasi;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code fd_*} functions about a descriptor itself: status, flags, rights, times, size, sync, close, pre-opens. */
final class WasiFdFunctions {
    private static final int ADVICE_NOREUSE = 5;
    private static final int FDSTAT_SIZE = 24;
    private static final int PRESTAT_SIZE = 8;
    private static final int PREOPENTYPE_DIR = 0;

    private WasiFdFunctions() {
    }

    static List<WasiFunction> all() {
        return List.of(
                        WasiFunction.of("fd_close", "i", c -> c.fds().remove(c.i32(0)).close()),
                        WasiFunction.of("fd_renumber", "ii", c -> c.fds().renumber(c.i32(0), c.i32(1))),
                        WasiFunction.of("fd_fdstat_get", "ii", WasiFdFunctions::fdstatGet),
                        WasiFunction.of("fd_fdstat_set_flags", "ii", WasiFdFunctions::fdstatSetFlags),
                        WasiFunction.of("fd_fdstat_set_rights", "iII", WasiFdFunctions::fdstatSetRights),
                        WasiFunction.of("fd_filestat_get", "ii", c -> {
                            c.memory.checked(c.i32(1), Filestat.SIZE);
                            c.fds().get(c.i32(0), Rights.FD_FILESTAT_GET).stat().write(c.memory, c.i32(1));
                        }),
                        WasiFunction.of("fd_filestat_set_size", "iI", c -> {
                            FileDescriptor fd = c.fds().get(c.i32(0), Rights.FD_FILESTAT_SET_SIZE);
                            if (c.i64(1) < 0) {
                                throw Errno.INVAL.error();
                            }
                            fd.setSize(c.i64(1));
                        }),
                        WasiFunction.of("fd_filestat_set_times", "iIIi", c -> {
                            FileDescriptor fd = c.fds().get(c.i32(0), Rights.FD_FILESTAT_SET_TIMES);
                            Times times = Times.of(c.i64(1), c.i64(2), c.i32(3));
                            fd.setTimes(times.access(), times.modified());
                        }),
                        WasiFunction.of("fd_advise", "iIIi", c -> {
                            c.fds().get(c.i32(0), Rights.FD_ADVISE);
                            if (c.i32(3) < 0 || c.i32(3) > ADVICE_NOREUSE || c.i64(1) < 0 || c.i64(2) < 0) {
                                throw Errno.INVAL.error();
                            }
                            // Advice is a hint; the JDK has no posix_fadvise to pass it to.
                        }),
                        WasiFunction.of("fd_allocate", "iII", c -> {
                            FileDescriptor fd = c.fds().get(c.i32(0), Rights.FD_ALLOCATE);
                            long offset = c.i64(1);
                            long length = c.i64(2);
                            if (offset < 0 || length <= 0 || offset + length < 0) {
                                throw Errno.INVAL.error();
                            }
                            if (offset + length > fd.stat().size()) {
                                fd.setSize(offset + length);
                            }
                        }),
                        WasiFunction.of("fd_datasync", "i", c -> c.fds().get(c.i32(0), Rights.FD_DATASYNC).sync(false)),
                        WasiFunction.of("fd_sync", "i", c -> c.fds().get(c.i32(0), Rights.FD_SYNC).sync(true)),
                        WasiFunction.of("fd_prestat_get", "ii", WasiFdFunctions::prestatGet),
                        WasiFunction.of("fd_prestat_dir_name", "iii", WasiFdFunctions::prestatDirName));
    }

    /** {@code fdstat}: 24 bytes, filetype at 0, flags at 2, base rights at 8, inheriting rights at 16. */
    private static void fdstatGet(WasiCall c) {
        FileDescriptor fd = c.fds().get(c.i32(0));
        int pointer = c.i32(1);
        c.memory.zero(pointer, FDSTAT_SIZE);
        c.memory.writeI8(pointer, fd.fileType());
        c.memory.writeI16(pointer + 2, fd.fdflags);
        c.memory.writeI64(pointer + 8, fd.rightsBase);
        c.memory.writeI64(pointer + 16, fd.rightsInheriting);
    }

    private static void fdstatSetFlags(WasiCall c) {
        FileDescriptor fd = c.fds().get(c.i32(0), Rights.FD_FDSTAT_SET_FLAGS);
        int flags = c.i32(1);
        if ((flags & ~Fdflags.ALL) != 0) {
            throw Errno.INVAL.error();
        }
        fd.fdflags = flags;
    }

    /** Rights can only be dropped, never gained back. */
    private static void fdstatSetRights(WasiCall c) {
        FileDescriptor fd = c.fds().get(c.i32(0));
        long base = c.i64(1);
        long inheriting = c.i64(2);
        if (!Rights.includes(fd.rightsBase, base) || !Rights.includes(fd.rightsInheriting, inheriting)) {
            throw Errno.NOTCAPABLE.error();
        }
        fd.rightsBase = base;
        fd.rightsInheriting = inheriting;
    }

    private static DirectoryDescriptor preopen(WasiCall c) {
        if (c.fds().get(c.i32(0)) instanceof DirectoryDescriptor directory && directory.preopenName != null) {
            return directory;
        }
        // wasi-libc scans fds 3, 4, ... until EBADF; other descriptors are skipped by this answer too.
        throw Errno.BADF.error();
    }

    /** {@code prestat}: 8 bytes, the tag (0: a directory) at 0 and the name's length at 4. */
    private static void prestatGet(WasiCall c) {
        DirectoryDescriptor directory = preopen(c);
        int pointer = c.i32(1);
        c.memory.zero(pointer, PRESTAT_SIZE);
        c.memory.writeI8(pointer, PREOPENTYPE_DIR);
        c.memory.writeI32(pointer + 4, directory.preopenName.getBytes(StandardCharsets.UTF_8).length);
    }

    private static void prestatDirName(WasiCall c) {
        byte[] name = preopen(c).preopenName.getBytes(StandardCharsets.UTF_8);
        int length = c.i32(2);
        if (Integer.compareUnsigned(length, name.length) < 0) {
            throw Errno.NAMETOOLONG.error();
        }
        c.memory.writeBytes(c.i32(1), name, 0, name.length);
    }
}

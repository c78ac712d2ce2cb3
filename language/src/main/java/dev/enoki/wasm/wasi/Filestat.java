package dev.enoki.wasm.wasi;

import com.oracle.truffle.api.TruffleFile;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** WASI {@code filestat}: 64 bytes, the fields at 0 dev, 8 ino, 16 filetype, 24 nlink, 32 size, 40 atim, 48 mtim, 56 ctim. */
record Filestat(long dev, long ino, byte fileType, long nlink, long size, long atim, long mtim, long ctim) {
    static final int SIZE = 64;

    private static final List<TruffleFile.AttributeDescriptor<?>> BASIC = List.of(TruffleFile.IS_DIRECTORY, TruffleFile.IS_REGULAR_FILE,
                    TruffleFile.IS_SYMBOLIC_LINK, TruffleFile.SIZE, TruffleFile.LAST_ACCESS_TIME, TruffleFile.LAST_MODIFIED_TIME,
                    TruffleFile.CREATION_TIME);
    private static final List<TruffleFile.AttributeDescriptor<?>> UNIX = List.of(TruffleFile.IS_DIRECTORY, TruffleFile.IS_REGULAR_FILE,
                    TruffleFile.IS_SYMBOLIC_LINK, TruffleFile.SIZE, TruffleFile.LAST_ACCESS_TIME, TruffleFile.LAST_MODIFIED_TIME,
                    TruffleFile.UNIX_CTIME, TruffleFile.UNIX_DEV, TruffleFile.UNIX_INODE, TruffleFile.UNIX_NLINK, TruffleFile.UNIX_MODE);

    /** The status of a file; a symbolic link itself unless {@code follow}. */
    static Filestat of(TruffleFile file, boolean follow) throws IOException {
        LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[]{LinkOption.NOFOLLOW_LINKS};
        TruffleFile.Attributes a;
        try {
            a = file.getAttributes(UNIX, options);
        } catch (UnsupportedOperationException e) {
            // A file system without the "unix" attribute view: no device, inode or link count to report.
            a = file.getAttributes(BASIC, options);
            return new Filestat(0, 0, basicType(a), 1, a.get(TruffleFile.SIZE), nanos(a.get(TruffleFile.LAST_ACCESS_TIME)),
                            nanos(a.get(TruffleFile.LAST_MODIFIED_TIME)), nanos(a.get(TruffleFile.CREATION_TIME)));
        }
        return new Filestat(a.get(TruffleFile.UNIX_DEV), a.get(TruffleFile.UNIX_INODE), typeOfMode(a.get(TruffleFile.UNIX_MODE)),
                        a.get(TruffleFile.UNIX_NLINK), a.get(TruffleFile.SIZE), nanos(a.get(TruffleFile.LAST_ACCESS_TIME)),
                        nanos(a.get(TruffleFile.LAST_MODIFIED_TIME)), nanos(a.get(TruffleFile.UNIX_CTIME)));
    }

    /** The file type and inode of a directory entry, as {@code fd_readdir} reports them. */
    static Filestat ofEntry(TruffleFile file) {
        try {
            return of(file, false);
        } catch (IOException | SecurityException e) {
            // The entry vanished or is hidden since the listing: report it without details, as readdir(3) would.
            return new Filestat(0, 0, FileType.UNKNOWN, 0, 0, 0, 0, 0);
        }
    }

    Filestat withSize(long newSize) {
        return new Filestat(dev, ino, fileType, nlink, newSize, atim, mtim, ctim);
    }

    private static byte basicType(TruffleFile.Attributes a) {
        if (a.get(TruffleFile.IS_SYMBOLIC_LINK)) {
            return FileType.SYMBOLIC_LINK;
        } else if (a.get(TruffleFile.IS_DIRECTORY)) {
            return FileType.DIRECTORY;
        } else if (a.get(TruffleFile.IS_REGULAR_FILE)) {
            return FileType.REGULAR_FILE;
        }
        return FileType.UNKNOWN;
    }

    /** The WASI type for a POSIX {@code st_mode}; FIFOs have no WASI type. */
    static byte typeOfMode(int mode) {
        return switch (mode & 0170000) {
            case 0140000 -> FileType.SOCKET_STREAM;
            case 0120000 -> FileType.SYMBOLIC_LINK;
            case 0100000 -> FileType.REGULAR_FILE;
            case 0060000 -> FileType.BLOCK_DEVICE;
            case 0040000 -> FileType.DIRECTORY;
            case 0020000 -> FileType.CHARACTER_DEVICE;
            default -> FileType.UNKNOWN;
        };
    }

    static long nanos(FileTime time) {
        return time == null ? 0 : time.to(TimeUnit.NANOSECONDS);
    }

    void write(GuestMemory memory, int pointer) {
        memory.checked(pointer, SIZE);
        memory.writeI64(pointer, dev);
        memory.writeI64(pointer + 8, ino);
        memory.writeI64(pointer + 16, 0);
        memory.writeI8(pointer + 16, fileType);
        memory.writeI64(pointer + 24, nlink);
        memory.writeI64(pointer + 32, size);
        memory.writeI64(pointer + 40, atim);
        memory.writeI64(pointer + 48, mtim);
        memory.writeI64(pointer + 56, ctim);
    }
}

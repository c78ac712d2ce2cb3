package dev.enoki.wasm.wasi;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code path_open(fd, dirflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags, result)}: opens or
 * creates a file or directory below a directory descriptor.
 *
 * <p>Rights follow uvwasi: the directory needs {@code path_open} (plus {@code path_create_file} to create and
 * {@code path_filestat_set_size} to truncate), the requested rights must be among the directory's inheriting rights,
 * and the new descriptor keeps those of them that apply to what was opened.
 */
final class WasiPathOpen {
    /** Rights that need the host file open for writing. */
    private static final long WRITING = Rights.FD_WRITE | Rights.FD_DATASYNC | Rights.FD_ALLOCATE | Rights.FD_FILESTAT_SET_SIZE;

    private WasiPathOpen() {
    }

    static void open(WasiCall c) throws IOException {
        int oflags = c.i32(4);
        long base = c.i64(5);
        long inheriting = c.i64(6);
        int fdflags = c.i32(7);
        int resultPointer = c.i32(8);
        boolean create = (oflags & Oflags.CREAT) != 0;
        boolean truncate = (oflags & Oflags.TRUNC) != 0;
        long needed = Rights.PATH_OPEN | (create ? Rights.PATH_CREATE_FILE : 0) | (truncate ? Rights.PATH_FILESTAT_SET_SIZE : 0);
        DirectoryDescriptor directory = c.fds().directory(c.i32(0), needed);
        long neededInheriting = base | inheriting | ((fdflags & Fdflags.DSYNC) != 0 ? Rights.FD_DATASYNC : 0) |
                        ((fdflags & (Fdflags.RSYNC | Fdflags.SYNC)) != 0 ? Rights.FD_SYNC : 0);
        if (!Rights.includes(directory.rightsInheriting, neededInheriting)) {
            throw Errno.NOTCAPABLE.error();
        }
        if ((fdflags & ~Fdflags.ALL) != 0 || (oflags & ~(Oflags.CREAT | Oflags.DIRECTORY | Oflags.EXCL | Oflags.TRUNC)) != 0) {
            throw Errno.INVAL.error();
        }
        c.memory.checked(resultPointer, 4);
        PathResolver.Resolved target = PathResolver.resolve(directory, c.string(2), WasiPathFunctions.follows(c.i32(1)));
        FileDescriptor opened;
        if (target.exists() || target.dotted()) {
            opened = openExisting(target, oflags, base, inheriting, fdflags);
        } else {
            opened = create(target, oflags, base, inheriting, fdflags);
        }
        try {
            c.memory.writeI32(resultPointer, c.fds().add(opened));
        } catch (WasiError e) {
            opened.close();
            throw e;
        }
    }

    private static FileDescriptor openExisting(PathResolver.Resolved target, int oflags, long base, long inheriting, int fdflags) throws IOException {
        if ((oflags & Oflags.CREAT) != 0 && (oflags & Oflags.EXCL) != 0) {
            throw Errno.EXIST.error();
        }
        if (target.isSymbolicLink()) {
            // The program asked not to follow it: O_NOFOLLOW's answer.
            throw ((oflags & Oflags.DIRECTORY) != 0 ? Errno.NOTDIR : Errno.LOOP).error();
        }
        if (target.isDirectory()) {
            // As open(2): a directory is never opened for writing, truncated or "created".
            if ((oflags & (Oflags.TRUNC | Oflags.CREAT)) != 0 || (base & WRITING) != 0) {
                throw Errno.ISDIR.error();
            }
            return new DirectoryDescriptor(target.file(), null, base & Rights.DIRECTORY, inheriting & Rights.DIRECTORY_INHERITING);
        }
        if ((oflags & Oflags.DIRECTORY) != 0) {
            throw Errno.NOTDIR.error();
        }
        return openFile(target, options(base, (oflags & Oflags.TRUNC) != 0), base, inheriting, fdflags);
    }

    private static FileDescriptor create(PathResolver.Resolved target, int oflags, long base, long inheriting, int fdflags) throws IOException {
        if ((oflags & Oflags.CREAT) == 0) {
            throw Errno.NOENT.error();
        }
        if (target.trailingSlash()) {
            throw Errno.ISDIR.error();
        }
        if ((oflags & Oflags.DIRECTORY) != 0) {
            // Linux: O_CREAT | O_DIRECTORY creates nothing.
            throw Errno.INVAL.error();
        }
        Set<OpenOption> options = options(base, false);
        options.add(StandardOpenOption.CREATE_NEW);
        return openFile(target, options, base, inheriting, fdflags);
    }

    private static Set<OpenOption> options(long base, boolean truncate) {
        Set<OpenOption> options = new HashSet<>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        if ((base & Rights.FD_READ) != 0) {
            options.add(StandardOpenOption.READ);
        }
        if ((base & WRITING) != 0 || truncate) {
            options.add(StandardOpenOption.WRITE);
        }
        if (truncate) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if (!options.contains(StandardOpenOption.WRITE)) {
            options.add(StandardOpenOption.READ);
        }
        return options;
    }

    private static FileDescriptor openFile(PathResolver.Resolved target, Set<OpenOption> options, long base, long inheriting, int fdflags) throws IOException {
        SeekableByteChannel channel = target.file().newByteChannel(options);
        long rights = base & Rights.REGULAR_FILE;
        if (!options.contains(StandardOpenOption.READ)) {
            rights &= ~Rights.FD_READ;
        }
        return new RegularFileDescriptor(target.file(), channel, rights, inheriting & Rights.REGULAR_FILE, fdflags);
    }
}

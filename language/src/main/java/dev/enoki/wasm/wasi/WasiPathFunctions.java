package dev.enoki.wasm.wasi;

import com.oracle.truffle.api.TruffleFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code path_*} functions except {@code path_open} ({@link WasiPathOpen}). Each resolves its paths below a directory
 * descriptor with {@link PathResolver}, without following a final symbolic link unless its lookup flags say so, and
 * then acts on the host file. Where POSIX gives one answer for a case the host would answer differently through Java
 * (removing "." or a directory by unlink), the answer is given here.
 */
final class WasiPathFunctions {
    private WasiPathFunctions() {
    }

    static List<WasiFunction> all() {
        return List.of(
                        WasiFunction.of("path_create_directory", "iii", WasiPathFunctions::createDirectory),
                        WasiFunction.of("path_filestat_get", "iiiii", WasiPathFunctions::filestatGet),
                        WasiFunction.of("path_filestat_set_times", "iiiiIIi", WasiPathFunctions::filestatSetTimes),
                        WasiFunction.of("path_link", "iiiiiii", WasiPathFunctions::link),
                        WasiFunction.of("path_readlink", "iiiiii", WasiPathFunctions::readlink),
                        WasiFunction.of("path_remove_directory", "iii", WasiPathFunctions::removeDirectory),
                        WasiFunction.of("path_rename", "iiiiii", WasiPathFunctions::rename),
                        WasiFunction.of("path_symlink", "iiiii", WasiPathFunctions::symlink),
                        WasiFunction.of("path_unlink_file", "iii", WasiPathFunctions::unlinkFile),
                        WasiFunction.of("path_open", "iiiiiIIii", WasiPathOpen::open));
    }

    static boolean follows(int lookupflags) {
        return (lookupflags & Lookupflags.SYMLINK_FOLLOW) != 0;
    }

    /** (fd, path, path_len) */
    private static void createDirectory(WasiCall c) throws IOException {
        DirectoryDescriptor directory = c.fds().directory(c.i32(0), Rights.PATH_CREATE_DIRECTORY);
        PathResolver.Resolved target = PathResolver.resolve(directory, c.string(1), false);
        if (target.dotted() || target.exists()) {
            throw Errno.EXIST.error();
        }
        target.file().createDirectory();
    }

    /** (fd, lookupflags, path, path_len, filestat pointer) */
    private static void filestatGet(WasiCall c) throws IOException {
        DirectoryDescriptor directory = c.fds().directory(c.i32(0), Rights.PATH_FILESTAT_GET);
        PathResolver.Resolved target = PathResolver.resolve(directory, c.string(2), follows(c.i32(1)));
        c.memory.checked(c.i32(4), Filestat.SIZE);
        Filestat.of(target.file(), false).write(c.memory, c.i32(4));
    }

    /** (fd, lookupflags, path, path_len, atim, mtim, fstflags) */
    private static void filestatSetTimes(WasiCall c) throws IOException {
        DirectoryDescriptor directory = c.fds().directory(c.i32(0), Rights.PATH_FILESTAT_SET_TIMES);
        Times times = Times.of(c.i64(4), c.i64(5), c.i32(6));
        PathResolver.Resolved target = PathResolver.resolve(directory, c.string(2), follows(c.i32(1)));
        if (!target.exists()) {
            throw Errno.NOENT.error();
        }
        if (times.access() != Times.UNCHANGED) {
            target.file().setLastAccessTime(FileTime.from(times.access(), TimeUnit.NANOSECONDS), LinkOption.NOFOLLOW_LINKS);
        }
        if (times.modified() != Times.UNCHANGED) {
            target.file().setLastModifiedTime(FileTime.from(times.modified(), TimeUnit.NANOSECONDS), LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** (old fd, old lookupflags, old path, old path_len, new fd, new path, new path_len) */
    private static void link(WasiCall c) throws IOException {
        DirectoryDescriptor from = c.fds().directory(c.i32(0), Rights.PATH_LINK_SOURCE);
        DirectoryDescriptor to = c.fds().directory(c.i32(4), Rights.PATH_LINK_TARGET);
        PathResolver.Resolved existing = PathResolver.resolve(from, c.string(2), follows(c.i32(1)));
        PathResolver.Resolved link = PathResolver.resolve(to, c.string(5), false);
        if (!existing.exists()) {
            throw Errno.NOENT.error();
        }
        if (existing.isDirectory()) {
            // POSIX: no hard links to directories.
            throw Errno.PERM.error();
        }
        if (link.dotted() || link.exists()) {
            throw Errno.EXIST.error();
        }
        link.file().createLink(existing.file());
    }

    /** (fd, path, path_len, buffer, buffer_len, result pointer): the link's text, cut to the buffer, no NUL. */
    private static void readlink(WasiCall c) throws IOException {
        DirectoryDescriptor directory = c.fds().directory(c.i32(0), Rights.PATH_READLINK);
        PathResolver.Resolved link = PathResolver.resolve(directory, c.string(1), false);
        c.memory.checked(c.i32(3), Integer.toUnsignedLong(c.i32(4)));
        c.memory.checked(c.i32(5), 4);
        if (!link.isSymbolicLink()) {
            throw link.exists() ? Errno.INVAL.error() : Errno.NOENT.error();
        }
        byte[] text = link.file().readSymbolicLink().getPath().getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(text.length, Integer.toUnsignedLong(c.i32(4)));
        c.memory.writeBytes(c.i32(3), text, 0, n);
        c.memory.writeI32(c.i32(5), n);
    }

    /** (fd, path, path_len) */
    private static void removeDirectory(WasiCall c) throws IOException {
        DirectoryDescriptor directory = c.fds().directory(c.i32(0), Rights.PATH_REMOVE_DIRECTORY);
        PathResolver.Resolved target = PathResolver.resolve(directory, c.string(1), false);
        if (target.dotted()) {
            throw Errno.INVAL.error();
        }
        if (!target.exists()) {
            throw Errno.NOENT.error();
        }
        if (!target.isDirectory()) {
            throw Errno.NOTDIR.error();
        }
        target.file().delete();
    }

    /** (fd, old path, old path_len, new fd, new path, new path_len): rename(2), replacing the target as it does. */
    private static void rename(WasiCall c) throws IOException {
        DirectoryDescriptor from = c.fds().directory(c.i32(0), Rights.PATH_RENAME_SOURCE);
        DirectoryDescriptor to = c.fds().directory(c.i32(3), Rights.PATH_RENAME_TARGET);
        PathResolver.Resolved source = PathResolver.resolve(from, c.string(1), false);
        PathResolver.Resolved target = PathResolver.resolve(to, c.string(4), false);
        if (source.dotted() || target.dotted()) {
            throw Errno.INVAL.error();
        }
        if (!source.exists()) {
            throw Errno.NOENT.error();
        }
        if (target.trailingSlash() && !source.isDirectory()) {
            throw Errno.NOTDIR.error();
        }
        // An atomic move is rename(2) itself, with its rules for replacing files and empty directories.
        source.file().move(target.file(), StandardCopyOption.ATOMIC_MOVE);
    }

    /** (link text, its length, fd, new path, new path_len): the text is stored as given and never followed out. */
    private static void symlink(WasiCall c) throws IOException {
        String text = c.string(0);
        DirectoryDescriptor directory = c.fds().directory(c.i32(2), Rights.PATH_SYMLINK);
        PathResolver.Resolved link = PathResolver.resolve(directory, c.string(3), false);
        if (text.isEmpty()) {
            throw Errno.NOENT.error();
        }
        if (link.dotted() || link.exists()) {
            throw Errno.EXIST.error();
        }
        TruffleFile target = c.environment.file(text);
        link.file().createSymbolicLink(target);
    }

    /** (fd, path, path_len) */
    private static void unlinkFile(WasiCall c) throws IOException {
        DirectoryDescriptor directory = c.fds().directory(c.i32(0), Rights.PATH_UNLINK_FILE);
        PathResolver.Resolved target = PathResolver.resolve(directory, c.string(1), false);
        if (target.dotted()) {
            throw Errno.ISDIR.error();
        }
        if (!target.exists()) {
            throw Errno.NOENT.error();
        }
        if (target.isDirectory()) {
            throw Errno.ISDIR.error();
        }
        target.file().delete();
    }
}

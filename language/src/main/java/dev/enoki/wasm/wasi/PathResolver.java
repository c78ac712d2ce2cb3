package dev.enoki.wasm.wasi;

import com.oracle.truffle.api.TruffleFile;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a guest path below a directory descriptor, one component at a time, so that nothing outside that directory
 * is ever touched: absolute paths, {@code ..} above it and symbolic links leading out are {@code ENOTCAPABLE}. The
 * host never follows a link for us; links are read and spliced into the path here (at most {@link #MAX_LINKS}, then
 * {@code ELOOP}), so the host file handed back names no link except possibly its last component.
 *
 * <p>A race with another process that swaps a checked directory for a link between resolution and use is not closed
 * here: TruffleFile offers no openat(2).
 */
final class PathResolver {
    /** Linux's limit for one lookup (MAXSYMLINKS). */
    static final int MAX_LINKS = 40;

    /**
     * A resolved path: the host file (which may not exist), whether the path ended in {@code .} or {@code ..} (so it
     * names an existing directory by navigation, not by a name that could be created or removed) and whether it had a
     * trailing slash (so it must be a directory).
     */
    record Resolved(TruffleFile file, boolean dotted, boolean trailingSlash) {
        boolean exists() {
            return file.exists(LinkOption.NOFOLLOW_LINKS);
        }

        boolean isSymbolicLink() {
            return file.isSymbolicLink();
        }

        boolean isDirectory() {
            return file.isDirectory(LinkOption.NOFOLLOW_LINKS);
        }
    }

    private PathResolver() {
    }

    /**
     * Resolves {@code path} below {@code base}; a symbolic link as the last component is followed only when
     * {@code followLast} (or when the path ends in a slash, as in POSIX).
     */
    static Resolved resolve(DirectoryDescriptor base, String path, boolean followLast) throws IOException {
        if (path.isEmpty()) {
            throw Errno.NOENT.error();
        }
        if (path.indexOf('\0') >= 0) {
            throw Errno.INVAL.error();
        }
        if (path.startsWith("/")) {
            throw Errno.NOTCAPABLE.error();
        }
        boolean trailingSlash = path.endsWith("/");
        Deque<String> pending = new ArrayDeque<>(components(path));
        int depth = 0;
        TruffleFile current = base.directory;
        boolean dotted = false;
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.removeFirst();
            boolean last = pending.isEmpty();
            dotted = name.equals(".") || name.equals("..");
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (depth == 0) {
                    throw Errno.NOTCAPABLE.error();
                }
                depth--;
                current = current.getParent();
                continue;
            }
            TruffleFile candidate = current.resolve(name);
            if ((!last || followLast || trailingSlash) && candidate.isSymbolicLink()) {
                if (++links > MAX_LINKS) {
                    throw Errno.LOOP.error();
                }
                String target = candidate.readSymbolicLink().getPath();
                if (target.startsWith("/")) {
                    throw Errno.NOTCAPABLE.error();
                }
                List<String> parts = components(target);
                for (int i = parts.size() - 1; i >= 0; i--) {
                    pending.addFirst(parts.get(i));
                }
                continue;
            }
            if (!last) {
                if (!candidate.exists(LinkOption.NOFOLLOW_LINKS)) {
                    throw Errno.NOENT.error();
                }
                if (!candidate.isDirectory(LinkOption.NOFOLLOW_LINKS)) {
                    throw Errno.NOTDIR.error();
                }
            }
            depth++;
            current = candidate;
        }
        if (trailingSlash && current.exists(LinkOption.NOFOLLOW_LINKS) && !current.isDirectory(LinkOption.NOFOLLOW_LINKS)) {
            throw Errno.NOTDIR.error();
        }
        return new Resolved(current, dotted, trailingSlash);
    }

    /** The non-empty components of a relative path; "." and ".." stay, for the walk to apply. */
    private static List<String> components(String path) {
        List<String> result = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                result.add(part);
            }
        }
        return result;
    }
}

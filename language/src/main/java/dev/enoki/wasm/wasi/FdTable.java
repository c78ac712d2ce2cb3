package dev.enoki.wasm.wasi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The descriptors of a context, by number. New descriptors take the lowest free number, as in POSIX. Lookups check
 * rights: a missing descriptor is {@code EBADF}, a missing right {@code ENOTCAPABLE}.
 */
final class FdTable {
    /** POSIX's usual per-process default; a program that leaks descriptors gets EMFILE instead of exhausting the host. */
    private static final int MAX_OPEN = 1024;

    private final List<FileDescriptor> descriptors = new ArrayList<>();

    synchronized FileDescriptor get(int fd) {
        if (fd < 0 || fd >= descriptors.size() || descriptors.get(fd) == null) {
            throw Errno.BADF.error();
        }
        return descriptors.get(fd);
    }

    /** The descriptor {@code fd}, which must have all of {@code rights}. */
    FileDescriptor get(int fd, long rights) {
        FileDescriptor descriptor = get(fd);
        if (!Rights.includes(descriptor.rightsBase, rights)) {
            throw Errno.NOTCAPABLE.error();
        }
        return descriptor;
    }

    /** The directory {@code fd}, which must have all of {@code rights}; other files are {@code ENOTDIR}. */
    DirectoryDescriptor directory(int fd, long rights) {
        FileDescriptor descriptor = get(fd, rights);
        if (!(descriptor instanceof DirectoryDescriptor directory)) {
            throw Errno.NOTDIR.error();
        }
        return directory;
    }

    synchronized int add(FileDescriptor descriptor) {
        int fd = descriptors.indexOf(null);
        if (fd >= 0) {
            descriptors.set(fd, descriptor);
            return fd;
        }
        if (descriptors.size() >= MAX_OPEN) {
            throw Errno.MFILE.error();
        }
        descriptors.add(descriptor);
        return descriptors.size() - 1;
    }

    synchronized FileDescriptor remove(int fd) {
        FileDescriptor descriptor = get(fd);
        descriptors.set(fd, null);
        return descriptor;
    }

    /** Moves {@code from} to number {@code to}, closing what was there; both must be open. */
    void renumber(int from, int to) throws IOException {
        FileDescriptor replaced;
        synchronized (this) {
            FileDescriptor moved = get(from);
            replaced = get(to);
            if (from == to) {
                return;
            }
            descriptors.set(to, moved);
            descriptors.set(from, null);
        }
        replaced.close();
    }

    synchronized void closeAll() {
        for (int fd = 0; fd < descriptors.size(); fd++) {
            FileDescriptor descriptor = descriptors.get(fd);
            descriptors.set(fd, null);
            if (descriptor != null) {
                try {
                    descriptor.close();
                } catch (IOException e) {
                    // The context is going away; nobody is left to hear about a failed close.
                }
            }
        }
    }
}

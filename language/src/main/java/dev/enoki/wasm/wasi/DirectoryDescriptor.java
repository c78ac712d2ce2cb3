package dev.enoki.wasm.wasi;

import com.oracle.truffle.api.TruffleFile;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An open directory: a pre-opened one (then it has the guest's name for it) or one opened by {@code path_open}.
 * Paths given with it are resolved below it and never above ({@link PathResolver}).
 */
final class DirectoryDescriptor extends FileDescriptor {
    /** One entry as {@code fd_readdir} reports it. */
    record Entry(String name, long inode, byte fileType) {
    }

    final TruffleFile directory;
    /** The name the program sees for a pre-opened directory ({@code fd_prestat_dir_name}); null for others. */
    final String preopenName;
    /** The listing read at cookie 0; later cookies index into it, so they stay valid while the program reads. */
    private List<Entry> listing;

    DirectoryDescriptor(TruffleFile directory, String preopenName, long rightsBase, long rightsInheriting) {
        super(rightsBase, rightsInheriting, 0);
        this.directory = directory;
        this.preopenName = preopenName;
    }

    @Override
    byte fileType() {
        return FileType.DIRECTORY;
    }

    @Override
    int read(byte[] buffer, int length) {
        throw Errno.ISDIR.error();
    }

    @Override
    void write(byte[] buffer, int length) {
        throw Errno.ISDIR.error();
    }

    @Override
    int pread(byte[] buffer, int length, long offset) {
        throw Errno.ISDIR.error();
    }

    @Override
    void pwrite(byte[] buffer, int length, long offset) {
        throw Errno.ISDIR.error();
    }

    @Override
    Filestat stat() throws IOException {
        return Filestat.of(directory, true);
    }

    @Override
    void setTimes(long accessTime, long modifiedTime) throws IOException {
        if (accessTime >= 0) {
            directory.setLastAccessTime(FileTime.from(accessTime, TimeUnit.NANOSECONDS));
        }
        if (modifiedTime >= 0) {
            directory.setLastModifiedTime(FileTime.from(modifiedTime, TimeUnit.NANOSECONDS));
        }
    }

    /**
     * The entries from position {@code cookie} on: ".", ".." and the children sorted by name (POSIX leaves the order
     * open; a fixed one makes runs repeatable). The listing is read afresh when a program starts over at cookie 0.
     */
    List<Entry> entries(long cookie) throws IOException {
        if (listing == null || cookie == 0) {
            listing = list();
        }
        if (cookie < 0 || cookie >= listing.size()) {
            return List.of();
        }
        return listing.subList((int) cookie, listing.size());
    }

    private List<Entry> list() throws IOException {
        Collection<TruffleFile> children = directory.list();
        List<Entry> entries = new ArrayList<>(children.size() + 2);
        entries.add(new Entry(".", Filestat.ofEntry(directory).ino(), FileType.DIRECTORY));
        TruffleFile parent = directory.getAbsoluteFile().getParent();
        entries.add(new Entry("..", parent == null ? 0 : Filestat.ofEntry(parent).ino(), FileType.DIRECTORY));
        List<Entry> sorted = new ArrayList<>(children.size());
        for (TruffleFile child : children) {
            Filestat stat = Filestat.ofEntry(child);
            sorted.add(new Entry(child.getName(), stat.ino(), stat.fileType()));
        }
        sorted.sort(Comparator.comparing(Entry::name));
        entries.addAll(sorted);
        return entries;
    }
}

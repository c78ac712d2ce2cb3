package dev.enoki.wasm.wasi;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Map;

/**
 * WASI preview1 error numbers ({@code errno} in the witx), with the spec's values, and the one table that maps host
 * failures to them.
 */
public enum Errno {
    SUCCESS(0), TOOBIG(1), ACCES(2), ADDRINUSE(3), ADDRNOTAVAIL(4), AFNOSUPPORT(5), AGAIN(6), ALREADY(7), BADF(8),
    BADMSG(9), BUSY(10), CANCELED(11), CHILD(12), CONNABORTED(13), CONNREFUSED(14), CONNRESET(15), DEADLK(16),
    DESTADDRREQ(17), DOM(18), DQUOT(19), EXIST(20), FAULT(21), FBIG(22), HOSTUNREACH(23), IDRM(24), ILSEQ(25),
    INPROGRESS(26), INTR(27), INVAL(28), IO(29), ISCONN(30), ISDIR(31), LOOP(32), MFILE(33), MLINK(34), MSGSIZE(35),
    MULTIHOP(36), NAMETOOLONG(37), NETDOWN(38), NETRESET(39), NETUNREACH(40), NFILE(41), NOBUFS(42), NODEV(43),
    NOENT(44), NOEXEC(45), NOLCK(46), NOLINK(47), NOMEM(48), NOMSG(49), NOPROTOOPT(50), NOSPC(51), NOSYS(52),
    NOTCONN(53), NOTDIR(54), NOTEMPTY(55), NOTRECOVERABLE(56), NOTSOCK(57), NOTSUP(58), NOTTY(59), NXIO(60),
    OVERFLOW(61), OWNERDEAD(62), PERM(63), PIPE(64), PROTO(65), PROTONOSUPPORT(66), PROTOTYPE(67), RANGE(68),
    ROFS(69), SPIPE(70), SRCH(71), STALE(72), TIMEDOUT(73), TXTBSY(74), XDEV(75), NOTCAPABLE(76);

    public final int code;

    Errno(int code) {
        this.code = code;
    }

    /** Raises this errno as the result of the WASI call in progress. */
    WasiError error() {
        return new WasiError(this);
    }

    /**
     * The errno for a host I/O failure. Java names the common POSIX errors by exception class; the rest only by the
     * reason text, which on the JDK's Unix file systems is the C library's {@code strerror} message.
     */
    static Errno of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return NOENT;
        } else if (e instanceof FileAlreadyExistsException) {
            return EXIST;
        } else if (e instanceof DirectoryNotEmptyException) {
            return NOTEMPTY;
        } else if (e instanceof NotDirectoryException) {
            return NOTDIR;
        } else if (e instanceof AccessDeniedException) {
            return ACCES;
        } else if (e instanceof NotLinkException) {
            return INVAL;
        } else if (e instanceof FileSystemLoopException) {
            return LOOP;
        } else if (e instanceof AtomicMoveNotSupportedException) {
            return XDEV;
        } else if (e instanceof ClosedChannelException) {
            return BADF;
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return ofReason(fse.getReason());
        }
        return IO;
    }

    /** strerror texts of the errors Java reports as a plain FileSystemException. */
    private static final Map<String, Errno> BY_REASON = Map.ofEntries(
                    Map.entry("Is a directory", ISDIR), Map.entry("Not a directory", NOTDIR),
                    Map.entry("Directory not empty", NOTEMPTY), Map.entry("File exists", EXIST),
                    Map.entry("No such file or directory", NOENT), Map.entry("Operation not permitted", PERM),
                    Map.entry("Permission denied", ACCES), Map.entry("Too many levels of symbolic links", LOOP),
                    Map.entry("Invalid cross-device link", XDEV), Map.entry("No space left on device", NOSPC),
                    Map.entry("Read-only file system", ROFS), Map.entry("File name too long", NAMETOOLONG),
                    Map.entry("Invalid argument", INVAL), Map.entry("Too many links", MLINK),
                    Map.entry("Device or resource busy", BUSY), Map.entry("Text file busy", TXTBSY),
                    Map.entry("File too large", FBIG), Map.entry("Disk quota exceeded", DQUOT),
                    Map.entry("Too many open files", MFILE), Map.entry("Bad file descriptor", BADF),
                    Map.entry("Operation not supported", NOTSUP), Map.entry("Illegal seek", SPIPE));

    private static Errno ofReason(String reason) {
        for (Map.Entry<String, Errno> entry : BY_REASON.entrySet()) {
            // Java may append detail, as in "Too many levels of symbolic links or unable to access attributes ...".
            if (reason.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return IO;
    }

    /** The errno for any failure of a host operation: I/O errors, policy denials, unsupported operations. */
    static Errno of(RuntimeException e) {
        if (e instanceof SecurityException) {
            // The embedder's IO policy (Context.Builder.allowIO) forbids the access.
            return ACCES;
        } else if (e instanceof UnsupportedOperationException) {
            return NOTSUP;
        } else if (e instanceof InvalidPathException) {
            return INVAL;
        } else if (e instanceof NonReadableChannelException || e instanceof NonWritableChannelException) {
            return BADF;
        }
        return null;
    }
}

package dev.enoki.wasm.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Standard input, output or error: the context's streams ({@code Env.in()}, {@code out()}, {@code err()}), shown to
 * the program as character devices without seek rights, so wasi-libc treats them as terminals (line-buffered).
 * Output is flushed after every write, for interactive use.
 */
final class StreamDescriptor extends FileDescriptor {
    private final InputStream in;
    private final OutputStream out;
    /** A byte {@code poll_oneoff} had to read to learn that input is ready; the next read returns it first. */
    private int pending = -1;

    private StreamDescriptor(InputStream in, OutputStream out, long rights) {
        super(rights, 0, 0);
        this.in = in;
        this.out = out;
    }

    static StreamDescriptor input(InputStream in) {
        return new StreamDescriptor(in, null, Rights.STDIN);
    }

    static StreamDescriptor output(OutputStream out) {
        return new StreamDescriptor(null, out, Rights.STDOUT);
    }

    @Override
    byte fileType() {
        return FileType.CHARACTER_DEVICE;
    }

    @Override
    int read(byte[] buffer, int length) throws IOException {
        if (in == null) {
            throw Errno.BADF.error();
        }
        if (length == 0) {
            return 0;
        }
        if (pending < 0) {
            return Math.max(in.read(buffer, 0, length), 0);
        }
        buffer[0] = (byte) pending;
        pending = -1;
        // Take only what is there already: the program asked for one read, which must not block for more.
        int available = Math.min(in.available(), length - 1);
        int n = available > 0 ? in.read(buffer, 1, available) : 0;
        return 1 + Math.max(n, 0);
    }

    @Override
    void write(byte[] buffer, int length) throws IOException {
        if (out == null) {
            throw Errno.BADF.error();
        }
        out.write(buffer, 0, length);
        out.flush();
    }

    @Override
    long readableBytes(boolean block) throws IOException {
        if (in == null) {
            return 0;
        }
        if (pending >= 0) {
            return 1 + Math.max(0, in.available());
        }
        int available = in.available();
        if (available > 0) {
            return available;
        }
        if (!block) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            return 0;
        }
        pending = b;
        return 1 + Math.max(0, in.available());
    }

    @Override
    Filestat stat() {
        return new Filestat(0, 0, FileType.CHARACTER_DEVICE, 1, 0, 0, 0, 0);
    }

    @Override
    void sync(boolean metadata) throws IOException {
        if (out != null) {
            out.flush();
        }
    }
}

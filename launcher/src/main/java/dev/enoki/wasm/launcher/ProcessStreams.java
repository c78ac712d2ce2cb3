package dev.enoki.wasm.launcher;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The process's stdin, stdout and stderr for a context: unbuffered, as a C program buffers in its own libc and
 * flushes when it means to, and never closed, since closing a context closes its streams, and closing these would
 * close descriptors 0-2 under the launcher's own messages.
 */
final class ProcessStreams {
    private ProcessStreams() {
    }

    static InputStream in() {
        return new FilterInputStream(new FileInputStream(FileDescriptor.in)) {
            @Override
            public void close() {
            }
        };
    }

    static OutputStream out() {
        return new Unclosed(new FileOutputStream(FileDescriptor.out));
    }

    static OutputStream err() {
        return new Unclosed(new FileOutputStream(FileDescriptor.err));
    }

    private static final class Unclosed extends FilterOutputStream {
        Unclosed(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len); // FilterOutputStream would write byte by byte
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}

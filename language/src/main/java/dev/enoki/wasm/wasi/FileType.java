package dev.enoki.wasm.wasi;

/** WASI {@code filetype} values. */
final class FileType {
    static final byte UNKNOWN = 0;
    static final byte BLOCK_DEVICE = 1;
    static final byte CHARACTER_DEVICE = 2;
    static final byte DIRECTORY = 3;
    static final byte REGULAR_FILE = 4;
    static final byte SOCKET_DGRAM = 5;
    static final byte SOCKET_STREAM = 6;
    static final byte SYMBOLIC_LINK = 7;

    private FileType() {
    }
}

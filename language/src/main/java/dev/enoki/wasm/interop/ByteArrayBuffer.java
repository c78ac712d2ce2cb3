package dev.enoki.wasm.interop;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidBufferOffsetException;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;

import java.nio.ByteOrder;

/** Read-only bytes as a polyglot buffer: a custom section's contents. */
@ExportLibrary(InteropLibrary.class)
public final class ByteArrayBuffer implements TruffleObject {
    private final byte[] bytes;

    public ByteArrayBuffer(byte[] bytes) {
        this.bytes = bytes;
    }

    @ExportMessage
    boolean hasBufferElements() {
        return true;
    }

    @ExportMessage
    long getBufferSize() {
        return bytes.length;
    }

    @ExportMessage
    byte readBufferByte(long offset) throws InvalidBufferOffsetException {
        if (offset < 0 || offset >= bytes.length) {
            throw InvalidBufferOffsetException.create(offset, 1);
        }
        return bytes[(int) offset];
    }

    @ExportMessage
    void readBuffer(long offset, byte[] destination, int destinationOffset, int length) throws InvalidBufferOffsetException {
        if (offset < 0 || offset > bytes.length - length) {
            throw InvalidBufferOffsetException.create(offset, length);
        }
        System.arraycopy(bytes, (int) offset, destination, destinationOffset, length);
    }

    private long assemble(ByteOrder order, long offset, int width) throws InvalidBufferOffsetException {
        if (offset < 0 || offset > bytes.length - width) { // not offset + width: it overflows for huge offsets
            throw InvalidBufferOffsetException.create(offset, width);
        }
        long value = 0;
        for (int i = 0; i < width; i++) {
            int b = bytes[(int) offset + (order == ByteOrder.LITTLE_ENDIAN ? i : width - 1 - i)] & 0xFF;
            value |= (long) b << (8 * i);
        }
        return value;
    }

    @ExportMessage
    short readBufferShort(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        return (short) assemble(order, offset, 2);
    }

    @ExportMessage
    int readBufferInt(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        return (int) assemble(order, offset, 4);
    }

    @ExportMessage
    long readBufferLong(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        return assemble(order, offset, 8);
    }

    @ExportMessage
    float readBufferFloat(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        return Float.intBitsToFloat(readBufferInt(order, offset));
    }

    @ExportMessage
    double readBufferDouble(ByteOrder order, long offset) throws InvalidBufferOffsetException {
        return Double.longBitsToDouble(readBufferLong(order, offset));
    }
}

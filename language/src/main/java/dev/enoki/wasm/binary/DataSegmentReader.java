package dev.enoki.wasm.binary;

import static dev.enoki.wasm.binary.ByteReader.malformed;

import dev.enoki.wasm.module.ConstantExpression;
import dev.enoki.wasm.module.DataSegment;
import dev.enoki.wasm.module.SegmentMode;

/**
 * Decodes data segments. The u32 flag word is 0 (active, memory 0), 1 (passive) or 2 (active, explicit memory
 * index). Passive segments have memory index 0 and a null offset.
 */
final class DataSegmentReader {
    private static final int ACTIVE_MEMORY_ZERO = 0;
    private static final int PASSIVE = 1;
    private static final int ACTIVE_EXPLICIT_MEMORY = 2;

    private DataSegmentReader() {
    }

    static DataSegment read(ByteReader in) {
        int flagsOffset = in.position();
        long flags = in.readU32();
        if (flags == PASSIVE) {
            return new DataSegment(SegmentMode.PASSIVE, 0, null, readBytes(in));
        }
        if (flags != ACTIVE_MEMORY_ZERO && flags != ACTIVE_EXPLICIT_MEMORY) {
            throw malformed("malformed data segment kind", flagsOffset);
        }
        int memory = flags == ACTIVE_EXPLICIT_MEMORY ? in.readIndex() : 0;
        ConstantExpression offset = ConstantExpressionReader.read(in);
        return new DataSegment(SegmentMode.ACTIVE, memory, offset, readBytes(in));
    }

    private static byte[] readBytes(ByteReader in) {
        return in.readBytes(in.readLength());
    }
}

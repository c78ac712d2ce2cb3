package dev.enoki.wasm.binary;

import static dev.enoki.wasm.binary.ByteReader.malformed;

import dev.enoki.wasm.module.FunctionBody;
import dev.enoki.wasm.module.ValueType;

import java.util.Arrays;

/**
 * Decodes one entry of the code section: its size, its local declarations, and the byte range of its instructions.
 * The instructions themselves are left to the validator, which walks every body once anyway. A body that runs past
 * the end of the code section shows up as a section size mismatch.
 */
final class FunctionBodyReader {
    /**
     * The most locals one function may declare. The spec allows up to 2^32-1, but the locals are expanded into an
     * array; this is the JS API's implementation limit, and larger counts are rejected before anything
     * is allocated.
     */
    static final long MAX_LOCALS = 50_000;

    private FunctionBodyReader() {
    }

    static FunctionBody read(ByteReader in) {
        int size = in.readLength();
        int end = in.position() + size;
        // Local declarations may not run past the body.
        int outerLimit = in.setLimit(end);
        ValueType[] locals = readLocals(in);
        int codeStart = in.position();
        in.setLimit(outerLimit);
        in.seek(end);
        return new FunctionBody(locals, codeStart, end);
    }

    /** Locals come run-length encoded as (count, type) pairs; all pairs are read before the total is checked. */
    private static ValueType[] readLocals(ByteReader in) {
        int start = in.position();
        int groups = in.readLength();
        long[] counts = new long[groups];
        ValueType[] types = new ValueType[groups];
        long total = 0;
        for (int i = 0; i < groups; i++) {
            counts[i] = in.readU32();
            types[i] = TypeReader.readValueType(in);
            total += counts[i];
        }
        if (total > MAX_LOCALS) {
            throw malformed("too many locals", start);
        }
        ValueType[] locals = new ValueType[(int) total];
        int next = 0;
        for (int i = 0; i < groups; i++) {
            Arrays.fill(locals, next, next + (int) counts[i], types[i]);
            next += (int) counts[i];
        }
        return locals;
    }
}

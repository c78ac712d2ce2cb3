package dev.enoki.wasm.fuzz;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Proposals past Wasm 2.0 that node 20 accepts with no flag to turn them off (exception handling, SIMD, threads).
 * Enoki implements Wasm 2.0 without SIMD, so a mutated binary that is valid only through one of them is valid on V8
 * and malformed on Enoki. This tells such a mutant from a real disagreement by the error Enoki gives and the byte it
 * names: the byte must be the feature's own encoding, where the feature's encoding goes.
 */
final class FeaturesPastWasm2 {
    private static final Pattern ERROR = Pattern.compile("(illegal opcode ([0-9a-f]+)|integer too large) \\(at byte offset (\\d+)\\)");
    private static final Map<Integer, String> OPCODES = Map.of(
                    0x06, "exception handling", 0x07, "exception handling", 0x08, "exception handling",
                    0x09, "exception handling", 0x18, "exception handling", 0x19, "exception handling",
                    0xFD, "SIMD", 0xFE, "threads");
    private static final int MEMORY_SECTION = 5;
    /** The limits flag of a shared memory with a maximum (threads); Wasm 2.0 has only 0 and 1. */
    private static final int SHARED_WITH_MAXIMUM = 3;

    private FeaturesPastWasm2() {
    }

    /** The feature that makes {@code module} valid on V8, given Enoki's syntax error for it; null if none does. */
    static String explain(byte[] module, String enokiError) {
        Matcher m = ERROR.matcher(enokiError);
        if (!m.find()) {
            return null;
        }
        int offset = Integer.parseInt(m.group(3));
        if (offset >= module.length) {
            return null;
        }
        int b = module[offset] & 0xFF;
        if (m.group(2) != null) {
            int opcode = Integer.parseInt(m.group(2), 16);
            return opcode == b ? OPCODES.get(opcode) : null;
        }
        return b == SHARED_WITH_MAXIMUM && inMemorySection(module, offset) ? "threads" : null;
    }

    /** Walks the sections (an id byte, then the size as unsigned LEB128) to the one that holds {@code offset}. */
    private static boolean inMemorySection(byte[] module, int offset) {
        int at = 8;
        while (at < module.length) {
            int id = module[at++] & 0xFF;
            long size = 0;
            int shift = 0;
            int b;
            do {
                if (at >= module.length || shift > 28) {
                    return false;
                }
                b = module[at++] & 0xFF;
                size |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (offset < at + size) {
                return id == MEMORY_SECTION && offset >= at;
            }
            at += (int) size;
        }
        return false;
    }
}

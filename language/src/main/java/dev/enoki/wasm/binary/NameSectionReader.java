package dev.enoki.wasm.binary;

import dev.enoki.wasm.errors.CompileError;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads function names from the {@code name} custom section. Custom section contents are not validated by the spec,
 * so a malformed name section never fails the module: it just yields no names.
 */
final class NameSectionReader {
    static final String SECTION_NAME = "name";
    private static final int FUNCTION_NAMES = 1;

    private NameSectionReader() {
    }

    /** The function name map of a name section's contents, or an empty map if it has none or is malformed. */
    static Map<Integer, String> functionNames(byte[] contents) {
        ByteReader in = new ByteReader(contents, 0, contents.length);
        try {
            // Subsections: an id byte and a size, then the contents.
            while (!in.atEnd()) {
                int id = in.readByte();
                int size = in.readLength();
                int end = in.position() + size;
                if (id == FUNCTION_NAMES) {
                    in.setLimit(end);
                    Map<Integer, String> names = readNameMap(in);
                    return in.atEnd() ? names : Map.of();
                }
                in.seek(end);
            }
        } catch (CompileError e) {
            // Malformed: ignored, as custom sections must be.
        }
        return Map.of();
    }

    /** A name map: a vector of (function index, name) pairs. */
    private static Map<Integer, String> readNameMap(ByteReader in) {
        int count = in.readLength();
        Map<Integer, String> names = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int index = in.readIndex();
            names.put(index, in.readName());
        }
        return Map.copyOf(names);
    }
}

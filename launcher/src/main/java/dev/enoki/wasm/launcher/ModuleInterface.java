package dev.enoki.wasm.launcher;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a module imports and exports, read from its binary: the launcher needs the parameter types of an export to
 * convert {@code --invoke} arguments, and the kind of an import to explain a missing one. The polyglot API shows
 * neither, so this reads the type, import, function and export sections and skips everything else.
 *
 * <p>Only called on modules the engine has already decoded and validated, so it does not re-check what the engine
 * checked; it throws {@link IllegalArgumentException} on anything it cannot read.
 */
final class ModuleInterface {
    /** The kinds of imports and exports, by their binary code. */
    enum ExternKind {
        FUNCTION("function"),
        TABLE("table"),
        MEMORY("memory"),
        GLOBAL("global"),
        TAG("tag");

        final String noun;

        ExternKind(String noun) {
            this.noun = noun;
        }
    }

    record Import(String module, String name, ExternKind kind) {
        String qualifiedName() {
            return module + "." + name;
        }
    }

    private static final int SECTION_TYPE = 1;
    private static final int SECTION_IMPORT = 2;
    private static final int SECTION_FUNCTION = 3;
    private static final int SECTION_EXPORT = 7;

    private final List<FunctionSignature> types = new ArrayList<>();
    /** The type index of every function, imported ones first (the function index space). */
    private final List<Integer> functionTypes = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private final Map<String, Integer> exportedFunctions = new LinkedHashMap<>();

    private final byte[] bytes;
    private int position;

    private ModuleInterface(byte[] bytes) {
        this.bytes = bytes;
    }

    static ModuleInterface read(byte[] bytes) {
        ModuleInterface module = new ModuleInterface(bytes);
        module.readSections();
        return module;
    }

    List<Import> imports() {
        return imports;
    }

    /** The names of the exported functions, in export order. */
    List<String> exportedFunctionNames() {
        return List.copyOf(exportedFunctions.keySet());
    }

    /** The signature of the exported function {@code name}, or null when there is no such function export. */
    FunctionSignature exportedFunction(String name) {
        Integer index = exportedFunctions.get(name);
        if (index == null) {
            return null;
        }
        return types.get(functionTypes.get(index));
    }

    private void readSections() {
        position = 8; // magic and version
        while (position < bytes.length) {
            int id = readByte();
            int size = readU32();
            int end = position + size;
            switch (id) {
                case SECTION_TYPE -> readTypeSection();
                case SECTION_IMPORT -> readImportSection();
                case SECTION_FUNCTION -> readFunctionSection();
                case SECTION_EXPORT -> readExportSection();
                default -> {
                }
            }
            position = end;
        }
    }

    private void readTypeSection() {
        int count = readU32();
        for (int i = 0; i < count; i++) {
            int form = readByte();
            if (form != 0x60) {
                throw new IllegalArgumentException("unsupported type form 0x" + Integer.toHexString(form));
            }
            List<WasmType> params = readValueTypes();
            List<WasmType> results = readValueTypes();
            types.add(new FunctionSignature(params, results));
        }
    }

    private List<WasmType> readValueTypes() {
        int count = readU32();
        List<WasmType> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(readValueType());
        }
        return list;
    }

    private WasmType readValueType() {
        int code = readByte();
        if (code == 0x63 || code == 0x64) {
            readS33(); // typed reference (function-references proposal): (ref null? heaptype)
            return WasmType.REF;
        }
        return WasmType.fromCode(code);
    }

    private void readImportSection() {
        int count = readU32();
        for (int i = 0; i < count; i++) {
            String module = readName();
            String name = readName();
            int kind = readByte();
            switch (kind) {
                case 0x00 -> {
                    functionTypes.add(readU32());
                    imports.add(new Import(module, name, ExternKind.FUNCTION));
                }
                case 0x01 -> {
                    readValueType();
                    readLimits();
                    imports.add(new Import(module, name, ExternKind.TABLE));
                }
                case 0x02 -> {
                    readLimits();
                    imports.add(new Import(module, name, ExternKind.MEMORY));
                }
                case 0x03 -> {
                    readValueType();
                    readByte(); // mutability
                    imports.add(new Import(module, name, ExternKind.GLOBAL));
                }
                case 0x04 -> {
                    readByte(); // tag attribute
                    readU32();
                    imports.add(new Import(module, name, ExternKind.TAG));
                }
                default -> throw new IllegalArgumentException("unknown import kind " + kind);
            }
        }
    }

    private void readLimits() {
        int flags = readByte();
        readU64();
        if ((flags & 1) != 0) {
            readU64();
        }
    }

    private void readFunctionSection() {
        int count = readU32();
        for (int i = 0; i < count; i++) {
            functionTypes.add(readU32());
        }
    }

    private void readExportSection() {
        int count = readU32();
        for (int i = 0; i < count; i++) {
            String name = readName();
            int kind = readByte();
            int index = readU32();
            if (kind == 0x00) {
                exportedFunctions.put(name, index);
            }
        }
    }

    private String readName() {
        int length = readU32();
        String name = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        return name;
    }

    private int readByte() {
        if (position >= bytes.length) {
            throw new IllegalArgumentException("unexpected end of module");
        }
        return bytes[position++] & 0xFF;
    }

    private int readU32() {
        return (int) readU64();
    }

    private long readU64() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = readByte();
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0 && shift < 70);
        return result;
    }

    private void readS33() {
        int b;
        do {
            b = readByte();
        } while ((b & 0x80) != 0);
    }
}

package dev.enoki.wasm.binary;

import static dev.enoki.wasm.binary.ByteReader.malformed;

import dev.enoki.wasm.module.Export;
import dev.enoki.wasm.module.ExternKind;
import dev.enoki.wasm.module.Import;

/** Decodes import and export entries; both name an entity kind with a single byte (not a LEB128). */
final class ImportExportReader {
    private ImportExportReader() {
    }

    static Import readImport(ByteReader in) {
        String module = in.readName();
        String name = in.readName();
        ExternKind kind = readKind(in, "malformed import kind");
        return switch (kind) {
            case FUNCTION -> new Import(module, name, kind, in.readIndex(), null, null, null);
            case TABLE -> new Import(module, name, kind, -1, TypeReader.readTableType(in), null, null);
            case MEMORY -> new Import(module, name, kind, -1, null, TypeReader.readMemoryType(in), null);
            case GLOBAL -> new Import(module, name, kind, -1, null, null, TypeReader.readGlobalType(in));
        };
    }

    static Export readExport(ByteReader in) {
        String name = in.readName();
        ExternKind kind = readKind(in, "malformed export kind");
        return new Export(name, kind, in.readIndex());
    }

    private static ExternKind readKind(ByteReader in, String problem) {
        int offset = in.position();
        ExternKind kind = ExternKind.fromCode(in.readByte());
        if (kind == null) {
            throw malformed(problem, offset);
        }
        return kind;
    }
}

package dev.enoki.wasm.binary;

import static dev.enoki.wasm.binary.ByteReader.malformed;

import dev.enoki.wasm.errors.CompileError;
import dev.enoki.wasm.module.CustomSection;
import dev.enoki.wasm.module.DataSegment;
import dev.enoki.wasm.module.ElementSegment;
import dev.enoki.wasm.module.Export;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.module.FunctionBody;
import dev.enoki.wasm.module.Global;
import dev.enoki.wasm.module.GlobalType;
import dev.enoki.wasm.module.Import;
import dev.enoki.wasm.module.MemoryType;
import dev.enoki.wasm.module.TableType;
import dev.enoki.wasm.module.WasmModule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes a binary module (Wasm 2.0, without SIMD instructions) into a {@link WasmModule}. Anything malformed is a
 * {@link CompileError} worded like the spec's reference interpreter. Function bodies are only delimited here; their
 * instructions are decoded by the validator.
 *
 * <p>Like the reference interpreter, a section's contents are read without stopping at the section's declared end,
 * and the size is checked afterwards. That yields the reference's messages for sections whose contents disagree
 * with their size ("section size mismatch", or whatever the following bytes make of it).
 */
public final class ModuleReader {
    /** "\0asm", read as a little-endian u32. */
    private static final int MAGIC = 0x6D736100;
    private static final int VERSION = 1;

    private final ByteReader in;
    private List<FuncType> types = List.of();
    private List<Import> imports = List.of();
    private int[] functionTypes = new int[0];
    private List<TableType> tables = List.of();
    private List<MemoryType> memories = List.of();
    private List<Global> globals = List.of();
    private List<Export> exports = List.of();
    private int startFunction = -1;
    private List<ElementSegment> elements = List.of();
    private long dataCount = -1;
    private List<FunctionBody> bodies = List.of();
    private List<DataSegment> datas = List.of();
    private final List<CustomSection> customSections = new ArrayList<>();

    private ModuleReader(byte[] bytes) {
        this.in = new ByteReader(bytes, 0, bytes.length);
    }

    public static WasmModule read(String name, byte[] bytes) {
        try {
            return new ModuleReader(bytes).readModule(name);
        } catch (CompileError e) {
            if (e.problem().equals("unexpected end")) {
                // ByteReader distinguishes the end of the module from the end of a narrower limit; the reference
                // interpreter reports both as below, and the spec tests expect that wording (or a prefix of it).
                throw malformed("unexpected end of section or function", e.offset());
            }
            throw e;
        }
    }

    private WasmModule readModule(String name) {
        readHeader();
        SectionId previous = null;
        while (!in.atEnd()) {
            int idOffset = in.position();
            SectionId id = SectionId.fromId(in.readByte());
            if (id == null) {
                throw malformed("malformed section id", idOffset);
            }
            // Custom sections may appear anywhere; the others at most once each, in the spec's order.
            if (id != SectionId.CUSTOM) {
                if (previous != null && !id.mayFollow(previous)) {
                    throw malformed("unexpected content after last section", idOffset);
                }
                previous = id;
            }
            int size = in.readLength();
            int start = in.position();
            readSection(id, size);
            if (in.position() != start + size) {
                throw malformed("section size mismatch", start);
            }
        }
        checkConsistency();
        return new WasmModule(name, in.bytes(), types, imports, functionTypes, tables, memories, globals, exports, startFunction,
                        elements, (int) dataCount, bodies, datas, List.copyOf(customSections), functionNames());
    }

    private void readHeader() {
        if (in.readFixedInt() != MAGIC) {
            throw malformed("magic header not detected", 0);
        }
        if (in.readFixedInt() != VERSION) {
            throw malformed("unknown binary version", 4);
        }
    }

    private void readSection(SectionId id, int size) {
        switch (id) {
            case CUSTOM -> readCustomSection(size);
            case TYPE -> types = Vectors.read(in, TypeReader::readFuncType);
            case IMPORT -> imports = Vectors.read(in, ImportExportReader::readImport);
            case FUNCTION -> functionTypes = Vectors.read(in, ByteReader::readIndex).stream().mapToInt(Integer::intValue).toArray();
            case TABLE -> tables = Vectors.read(in, TypeReader::readTableType);
            case MEMORY -> memories = Vectors.read(in, TypeReader::readMemoryType);
            case GLOBAL -> globals = Vectors.read(in, ModuleReader::readGlobal);
            case EXPORT -> exports = Vectors.read(in, ImportExportReader::readExport);
            case START -> startFunction = in.readIndex();
            case ELEMENT -> elements = Vectors.read(in, ElementSegmentReader::read);
            case DATA_COUNT -> dataCount = in.readU32();
            case CODE -> bodies = Vectors.read(in, FunctionBodyReader::read);
            case DATA -> datas = Vectors.read(in, DataSegmentReader::read);
        }
    }

    private static Global readGlobal(ByteReader in) {
        GlobalType type = TypeReader.readGlobalType(in);
        return new Global(type, ConstantExpressionReader.read(in));
    }

    /** A custom section is a name followed by arbitrary bytes filling the rest of the section. */
    private void readCustomSection(int size) {
        int start = in.position();
        String name = in.readName();
        int remaining = size - (in.position() - start);
        if (remaining < 0) {
            throw malformed("unexpected end of section or function", in.position());
        }
        customSections.add(new CustomSection(name, in.readBytes(remaining)));
    }

    /** Checks between sections, made once all sections are read (as the reference interpreter does). */
    private void checkConsistency() {
        int end = in.bytes().length;
        if (functionTypes.length != bodies.size()) {
            throw malformed("function and code section have inconsistent lengths", end);
        }
        if (dataCount >= 0 && dataCount != datas.size()) {
            throw malformed("data count and data section have inconsistent lengths", end);
        }
    }

    /** Function names from the first {@code name} custom section, if any. */
    private Map<Integer, String> functionNames() {
        for (CustomSection section : customSections) {
            if (section.name().equals(NameSectionReader.SECTION_NAME)) {
                return NameSectionReader.functionNames(section.contents());
            }
        }
        return Map.of();
    }
}

package dev.enoki.wasm.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.enoki.wasm.errors.CompileError;
import dev.enoki.wasm.module.DataSegment;
import dev.enoki.wasm.module.ElementSegment;
import dev.enoki.wasm.module.ExternKind;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.module.FunctionBody;
import dev.enoki.wasm.module.Import;
import dev.enoki.wasm.module.Instruction;
import dev.enoki.wasm.module.Limits;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.module.SegmentMode;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.module.WasmModule;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ModuleReaderTest {
    private static final int CUSTOM = 0;
    private static final int TYPE = 1;
    private static final int IMPORT = 2;
    private static final int FUNCTION = 3;
    private static final int TABLE = 4;
    private static final int MEMORY = 5;
    private static final int GLOBAL = 6;
    private static final int EXPORT = 7;
    private static final int START = 8;
    private static final int ELEMENT = 9;
    private static final int CODE = 10;
    private static final int DATA = 11;
    private static final int DATA_COUNT = 12;

    private static final String UNEXPECTED_END = "unexpected end of section or function";

    /** One type () -> (), used by most hand-written modules. */
    private static final byte[] TYPE_VOID = section(TYPE, b(1, 0x60, 0, 0));
    /** One empty function body. */
    private static final byte[] CODE_EMPTY = section(CODE, b(1, 2, 0, 0x0B));

    // ---- decoding the model ----

    @Test
    void decodesEmptyModule() {
        WasmModule m = ModuleReader.read("empty", module());
        assertEquals("empty", m.name());
        assertTrue(m.types().isEmpty() && m.imports().isEmpty() && m.bodies().isEmpty() && m.datas().isEmpty());
        assertEquals(0, m.functionTypes().length);
        assertEquals(-1, m.startFunction());
        assertEquals(-1, m.dataCount());
        assertTrue(m.functionNames().isEmpty());
    }

    @Test
    void decodesModuleFromText() {
        WasmModule m = ModuleReader.read("full", wat("""
                        (module
                          (type $t (func (param i32 i64) (result f32)))
                          (import "env" "f" (func $imp (type $t)))
                          (import "env" "tab" (table 1 10 externref))
                          (import "env" "mem" (memory 1 2))
                          (import "env" "g" (global (mut f64)))
                          (table $tab 2 funcref)
                          (global $c i32 (i32.const -7))
                          (global (mut i64) (i64.const 0x1122334455667788))
                          (func $main (type $t) (local i32 i32) (local f64)
                            f32.const 1.5)
                          (func $start)
                          (export "main" (func $main))
                          (export "tab" (table $tab))
                          (start $start)
                          (elem (table $tab) (i32.const 0) func $main $start)
                          (data (i32.const 8) "hi"))
                        """));
        assertEquals(List.of(new FuncType(new ValueType[]{ValueType.I32, ValueType.I64}, new ValueType[]{ValueType.F32}),
                        new FuncType(new ValueType[0], new ValueType[0])), m.types());

        List<Import> imports = m.imports();
        assertEquals(4, imports.size());
        assertEquals(new Import("env", "f", ExternKind.FUNCTION, 0, null, null, null), imports.get(0));
        assertEquals(ValueType.EXTERNREF, imports.get(1).table().elementType());
        assertEquals(new Limits(1, 10), imports.get(1).table().limits());
        assertEquals(new Limits(1, 2), imports.get(2).memory().limits());
        assertEquals(ValueType.F64, imports.get(3).global().type());
        assertTrue(imports.get(3).global().mutable());

        assertArrayEquals(new int[]{0, 1}, m.functionTypes());
        assertEquals(ValueType.FUNCREF, m.tables().get(0).elementType());
        assertEquals(new Limits(2, -1), m.tables().get(0).limits());
        assertTrue(m.memories().isEmpty());
        assertEquals(2, m.globals().size());
        assertEquals(List.of(new Instruction(Opcode.I32_CONST, -7, m.globals().get(0).init().offset())), m.globals().get(0).init().instructions());
        assertEquals(0x1122334455667788L, m.globals().get(1).init().instructions().get(0).immediate());
        assertEquals(2, m.exports().size());
        assertEquals(ExternKind.TABLE, m.exports().get(1).kind());
        assertEquals(2, m.startFunction());

        FunctionBody main = m.bodies().get(0);
        assertArrayEquals(new ValueType[]{ValueType.I32, ValueType.I32, ValueType.F64}, main.locals());
        assertEquals(Opcode.F32_CONST.code, m.bytes()[main.codeStart()] & 0xFF);
        assertEquals(0x0B, m.bytes()[main.codeEnd() - 1]);
        assertEquals(main.codeStart() + 6, main.codeEnd()); // f32.const with 4 bytes, then end

        ElementSegment elem = m.elements().get(0);
        assertEquals(SegmentMode.ACTIVE, elem.mode());
        assertEquals(1, elem.tableIndex());
        assertEquals(List.of(1L, 2L), elem.items().stream().map(e -> e.instructions().get(0).immediate()).toList());
        DataSegment data = m.datas().get(0);
        assertEquals(8, data.offset().instructions().get(0).immediate());
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), data.bytes());
    }

    @Test
    void readsFunctionNamesFromNameSection() {
        WasmModule m = ModuleReader.read("names", wat("(module (func $first) (func) (func $third))", "--debug-names"));
        assertEquals(Map.of(0, "first", 2, "third"), m.functionNames());
        assertEquals("third", m.functionName(2));
    }

    @Test
    void ignoresMalformedNameSection() {
        // Subsection 1 claims 5 names but holds none.
        byte[] bytes = module(TYPE_VOID, section(FUNCTION, b(1, 0)), CODE_EMPTY, custom("name", b(1, 1, 5)));
        WasmModule m = ModuleReader.read("m", bytes);
        assertTrue(m.functionNames().isEmpty());
        assertEquals(1, m.customSections().size());
    }

    @Test
    void keepsCustomSectionsAnywhere() {
        byte[] bytes = module(custom("a", b(1, 2)), TYPE_VOID, custom("b", b()), section(FUNCTION, b(1, 0)),
                        section(DATA_COUNT, b(0)), custom("c", b(3)), CODE_EMPTY, custom("d", b()));
        WasmModule m = ModuleReader.read("m", bytes);
        assertEquals(List.of("a", "b", "c", "d"), m.customSections().stream().map(s -> s.name()).toList());
        assertArrayEquals(new byte[]{1, 2}, m.customSections().get(0).contents());
        assertEquals(0, m.dataCount());
    }

    @Test
    void decodesAllElementSegmentEncodings() {
        int[] refFunc0 = {0xD2, 0, 0x0B};
        int[] refNullExtern = {0xD0, 0x6F, 0x0B};
        int[] offset = {0x41, 3, 0x0B};
        byte[] elements = section(ELEMENT, concat(b(8),
                        b(0), b(offset), b(2, 0, 0),                         // active, table 0, function indices
                        b(1, 0x00, 1, 0),                                    // passive, elemkind, function indices
                        b(2, 1), b(offset), b(0x00, 1, 0),                   // active, table 1, elemkind, function indices
                        b(3, 0x00, 1, 0),                                    // declarative, elemkind, function indices
                        b(4), b(offset), b(1), b(refFunc0),                  // active, table 0, expressions
                        b(5, 0x6F, 1), b(refNullExtern),                     // passive, reftype, expressions
                        b(6, 1), b(offset), b(0x70, 1), b(refFunc0),         // active, table 1, reftype, expressions
                        b(7, 0x70, 1), b(refFunc0)));                        // declarative, reftype, expressions
        WasmModule m = ModuleReader.read("m", module(TYPE_VOID, section(FUNCTION, b(1, 0)), elements, CODE_EMPTY));
        List<ElementSegment> e = m.elements();
        assertEquals(8, e.size());
        SegmentMode[] modes = {SegmentMode.ACTIVE, SegmentMode.PASSIVE, SegmentMode.ACTIVE, SegmentMode.DECLARATIVE};
        int[] tables = {0, 0, 1, 0};
        for (int i = 0; i < 8; i++) {
            assertEquals(modes[i % 4], e.get(i).mode(), "segment " + i);
            assertEquals(tables[i % 4], e.get(i).tableIndex(), "segment " + i);
            if (modes[i % 4] == SegmentMode.ACTIVE) {
                assertEquals(3, e.get(i).offset().instructions().get(0).immediate(), "segment " + i);
            } else {
                assertNull(e.get(i).offset(), "segment " + i);
            }
        }
        assertEquals(List.of(0L, 0L), e.get(0).items().stream().map(x -> x.instructions().get(0).immediate()).toList());
        assertEquals(Opcode.REF_FUNC, e.get(0).items().get(0).instructions().get(0).opcode());
        assertEquals(ValueType.EXTERNREF, e.get(5).type());
        assertEquals(new Instruction(Opcode.REF_NULL, 0x6F, e.get(5).items().get(0).offset()), e.get(5).items().get(0).instructions().get(0));
        assertEquals(ValueType.FUNCREF, e.get(7).type());
    }

    @Test
    void decodesAllDataSegmentEncodings() {
        byte[] datas = section(DATA, b(3, 0, 0x41, 1, 0x0B, 1, 0xAA, 1, 2, 0xBB, 0xCC, 2, 0, 0x41, 2, 0x0B, 0));
        WasmModule m = ModuleReader.read("m", module(section(MEMORY, b(1, 0, 1)), section(DATA_COUNT, b(3)), datas));
        List<DataSegment> d = m.datas();
        assertEquals(SegmentMode.ACTIVE, d.get(0).mode());
        assertArrayEquals(new byte[]{(byte) 0xAA}, d.get(0).bytes());
        assertEquals(SegmentMode.PASSIVE, d.get(1).mode());
        assertNull(d.get(1).offset());
        assertEquals(2, d.get(1).bytes().length);
        assertEquals(2, d.get(2).offset().instructions().get(0).immediate());
        assertEquals(3, m.dataCount());
    }

    @Test
    void decodesConstantExpressions() {
        byte[] globals = section(GLOBAL, concat(b(4),
                        b(0x7D, 0, 0x43, 0x00, 0x00, 0xC0, 0x7F, 0x0B),                       // f32.const nan bits
                        b(0x7C, 0, 0x44, 1, 2, 3, 4, 5, 6, 7, 0x80, 0x0B),                    // f64.const raw bits
                        b(0x70, 1, 0xD0, 0x70, 0x0B),                                         // ref.null func
                        b(0x7F, 0, 0x02, 0x7F, 0x41, 1, 0x0B, 0x23, 0, 0x6A, 0x0B)));         // block ... end; non-constant
        WasmModule m = ModuleReader.read("m", module(globals));
        assertEquals(0x7FC00000L, m.globals().get(0).init().instructions().get(0).immediate());
        assertEquals(0x8007060504030201L, m.globals().get(1).init().instructions().get(0).immediate());
        assertEquals(0x70, m.globals().get(2).init().instructions().get(0).immediate());
        assertTrue(m.globals().get(2).type().mutable());
        // The block's own end does not close the expression; the validator rejects the block.
        List<Opcode> nested = m.globals().get(3).init().instructions().stream().map(Instruction::opcode).toList();
        assertEquals(List.of(Opcode.BLOCK, Opcode.I32_CONST, Opcode.END, Opcode.GLOBAL_GET, Opcode.I32_ADD), nested);
    }

    @Test
    void clampsHugeIndices() {
        byte[] export = section(EXPORT, b(1, 1, 'x', 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        WasmModule m = ModuleReader.read("m", module(export));
        assertEquals(Integer.MAX_VALUE, m.exports().get(0).index());
    }

    @Test
    void acceptsDataCountBetweenElementAndCode() {
        byte[] bytes = module(TYPE_VOID, section(FUNCTION, b(1, 0)), section(ELEMENT, b(0)), section(DATA_COUNT, b(0)), CODE_EMPTY,
                        section(DATA, b(0)));
        assertEquals(0, ModuleReader.read("m", bytes).dataCount());
    }

    // ---- malformed modules: header and sections ----

    @Test
    void rejectsTruncatedHeader() {
        assertMalformed(UNEXPECTED_END, new byte[0]);
        assertMalformed(UNEXPECTED_END, b(0, 'a', 's', 'm', 1));
    }

    @Test
    void rejectsBadMagic() {
        assertMalformed("magic header not detected", b('a', 's', 'm', 0, 1, 0, 0, 0));
    }

    @Test
    void rejectsBadVersion() {
        assertMalformed("unknown binary version", b(0, 'a', 's', 'm', 2, 0, 0, 0));
    }

    @Test
    void rejectsUnknownSectionId() {
        assertMalformed("malformed section id", module(b(13, 0)));
        assertMalformed("malformed section id", module(b(0x80, 0)));
    }

    @Test
    void rejectsSectionsOutOfOrder() {
        assertMalformed("unexpected content after last section", module(section(FUNCTION, b(0)), section(TYPE, b(0))));
        assertMalformed("unexpected content after last section", module(section(CODE, b(0)), section(DATA_COUNT, b(0))));
    }

    @Test
    void rejectsDuplicateSection() {
        assertMalformed("unexpected content after last section", module(TYPE_VOID, section(FUNCTION, b(1, 0)),
                        section(START, b(0)), section(START, b(0)), CODE_EMPTY));
    }

    @Test
    void rejectsSectionSizeMismatch() {
        // One type declared, two given.
        assertMalformed("section size mismatch", module(section(TYPE, b(1, 0x60, 0, 0, 0x60, 0, 0))));
        // A custom section name longer than the section.
        assertMalformed(UNEXPECTED_END, module(b(CUSTOM, 1, 3, 'a', 'b', 'c')));
    }

    @Test
    void rejectsLengthsPastTheEnd() {
        assertMalformed("length out of bounds", module(b(TYPE, 7, 2, 0x60, 0, 0)));
        assertMalformed("length out of bounds", module(b(EXPORT, 4, 1, 100, 'a', 'b')));
    }

    @Test
    void rejectsContentsPastTheEnd() {
        // One memory declared, none given, at the end of the module.
        assertMalformed(UNEXPECTED_END, module(section(MEMORY, b(1))));
    }

    @Test
    void rejectsFunctionsWithoutBodies() {
        assertMalformed("function and code section have inconsistent lengths", module(TYPE_VOID, section(FUNCTION, b(2, 0, 0)), CODE_EMPTY));
        assertMalformed("function and code section have inconsistent lengths", module(CODE_EMPTY));
    }

    @Test
    void rejectsWrongDataCount() {
        byte[] passive = section(DATA, b(1, 1, 0));
        assertMalformed("data count and data section have inconsistent lengths", module(section(DATA_COUNT, b(2)), passive));
        assertMalformed("data count and data section have inconsistent lengths", module(section(DATA_COUNT, b(1))));
    }

    @Test
    void leavesDataCountRequirementToValidator() {
        // memory.init without a data count section: a function-body check, made by the validator.
        byte[] code = section(CODE, b(1, 12, 0, 0x41, 0, 0x41, 0, 0x41, 0, 0xFC, 8, 0, 0, 0x0B));
        WasmModule m = ModuleReader.read("m", module(TYPE_VOID, section(FUNCTION, b(1, 0)), section(MEMORY, b(1, 0, 1)), code,
                        section(DATA, b(1, 1, 0))));
        assertEquals(-1, m.dataCount());
    }

    // ---- malformed modules: contents ----

    @Test
    void rejectsTooManyLocals() {
        // 0xFFFFFFFF i32 plus 2 i64: more than 2^32-1.
        byte[] huge = section(CODE, b(1, 10, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 2, 0x7E, 0x0B));
        assertMalformed("too many locals", module(TYPE_VOID, section(FUNCTION, b(1, 0)), huge));
        // Representable, but beyond what a function may allocate.
        byte[] many = section(CODE, b(1, 6, 1, 0xD1, 0x86, 0x03, 0x7F, 0x0B)); // 50001 locals
        assertMalformed("too many locals", module(TYPE_VOID, section(FUNCTION, b(1, 0)), many));
    }

    @Test
    void rejectsOverlongAndOversizedIntegers() {
        // A local count of 2^32 does not fit in a u32.
        byte[] code = section(CODE, b(1, 10, 2, 0x80, 0x80, 0x80, 0x80, 0x10, 0x7F, 2, 0x7E, 0x0B));
        assertMalformed("integer too large", module(TYPE_VOID, section(FUNCTION, b(1, 0)), code));
        // Limits flags are a one-bit LEB128.
        assertMalformed("integer too large", module(section(MEMORY, b(1, 2, 0))));
        assertMalformed("integer representation too long", module(section(MEMORY, b(1, 0x81, 0, 0, 0))));
        assertMalformed("integer representation too long", module(section(MEMORY, b(1, 0, 0x82, 0x80, 0x80, 0x80, 0x80, 0))));
    }

    @Test
    void rejectsUnknownImportKind() {
        assertMalformed("malformed import kind", module(section(IMPORT, b(1, 0, 0, 4))));
        assertMalformed("malformed import kind", module(section(IMPORT, b(1, 0, 0, 0x80, 0))));
    }

    @Test
    void rejectsUnknownExportKind() {
        assertMalformed("malformed export kind", module(section(EXPORT, b(1, 1, 'e', 4, 0))));
    }

    @Test
    void rejectsUnknownMutability() {
        assertMalformed("malformed mutability", module(section(GLOBAL, b(1, 0x7F, 2, 0x41, 0, 0x0B))));
        assertMalformed("malformed mutability", module(section(IMPORT, b(1, 0, 0, 3, 0x7F, 0xFF))));
    }

    @Test
    void rejectsUnknownTypes() {
        assertMalformed("malformed reference type", module(section(TABLE, b(1, 0x7F, 0, 0))));
        assertMalformed("malformed reference type", module(section(TYPE, b(1, 0x60, 1, 0x40, 0))));
        assertMalformed("malformed function type", module(section(TYPE, b(1, 0x61, 0, 0))));
        // A passive segment of expressions typed i32.
        assertMalformed("malformed reference type", module(TYPE_VOID, section(FUNCTION, b(1, 0)),
                        section(ELEMENT, b(1, 5, 0x7F, 1, 0xD2, 0, 0x0B)), CODE_EMPTY));
    }

    @Test
    void rejectsMalformedNames() {
        assertMalformed("malformed UTF-8 encoding", module(section(IMPORT, b(1, 1, 0xFF, 0, 0, 0))));
        assertMalformed("malformed UTF-8 encoding", module(b(CUSTOM, 3, 2, 0xC0, 0x80)));
    }

    @Test
    void rejectsNonZeroReservedByte() {
        // memory.size in a global initialiser still decodes its reserved byte.
        assertMalformed("zero byte expected", module(section(GLOBAL, b(1, 0x7F, 0, 0x3F, 1, 0x0B))));
        assertMalformed("zero byte expected", module(section(GLOBAL, b(1, 0x7F, 0, 0x3F, 0x80, 0, 0x0B))));
    }

    @Test
    void rejectsUnknownSegmentKinds() {
        assertMalformed("malformed elements segment kind", module(section(ELEMENT, b(1, 8))));
        assertMalformed("malformed element kind", module(section(ELEMENT, b(1, 1, 1, 0))));
        assertMalformed("malformed data segment kind", module(section(DATA, b(1, 3))));
    }

    @Test
    void rejectsIllegalOpcodeInConstantExpression() {
        CompileError e = assertThrows(CompileError.class, () -> ModuleReader.read("m", module(section(GLOBAL, b(1, 0x7F, 0, 0x06, 0x0B)))));
        assertTrue(e.problem().startsWith("illegal opcode"), e.problem());
        // A missing end reads on into the next section, as in the reference interpreter.
        e = assertThrows(CompileError.class, () -> ModuleReader.read("m", module(TYPE_VOID, section(FUNCTION, b(1, 0)),
                        section(GLOBAL, b(1, 0x7F, 0, 0x41, 0)), CODE_EMPTY)));
        assertTrue(e.problem().startsWith("illegal opcode"), e.problem());
    }

    @Test
    void rejectsElseClosingConstantExpression() {
        assertMalformed("END opcode expected", module(section(GLOBAL, b(1, 0x7F, 0, 0x41, 0, 0x05))));
    }

    @Test
    void rejectsLocalsRunningPastTheBody() {
        // Body size 2 holds the group count and half a group.
        byte[] code = section(CODE, b(1, 2, 1, 1, 0x7F, 0x0B));
        assertMalformed(UNEXPECTED_END, module(TYPE_VOID, section(FUNCTION, b(1, 0)), code));
    }

    // ---- helpers ----

    private static void assertMalformed(String problem, byte[] bytes) {
        CompileError e = assertThrows(CompileError.class, () -> ModuleReader.read("test", bytes));
        assertEquals(problem, e.problem());
        assertFalse(e.offset() < 0);
    }

    private static byte[] module(byte[]... sections) {
        return concat(b(0, 'a', 's', 'm', 1, 0, 0, 0), concat(sections));
    }

    /** A section with its size computed from the contents. */
    private static byte[] section(int id, byte[] contents) {
        return concat(b(id), leb(contents.length), contents);
    }

    private static byte[] custom(String name, byte[] contents) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return section(CUSTOM, concat(leb(n.length), n, contents));
    }

    private static byte[] b(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    private static byte[] leb(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int v = value;
        do {
            int low = v & 0x7F;
            v >>>= 7;
            out.write(v == 0 ? low : low | 0x80);
        } while (v != 0);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Assembles text with wabt's wat2wasm; tests using it are skipped where wabt is not installed. */
    private static byte[] wat(String text, String... options) {
        try {
            Path dir = Files.createTempDirectory("enoki-wat");
            Path source = Files.writeString(dir.resolve("m.wat"), text);
            Path binary = dir.resolve("m.wasm");
            List<String> command = new ArrayList<>(List.of("wat2wasm", source.toString(), "-o", binary.toString()));
            command.addAll(List.of(options));
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                Assumptions.abort("wat2wasm is not installed");
                return null;
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, output);
            return Files.readAllBytes(binary);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}

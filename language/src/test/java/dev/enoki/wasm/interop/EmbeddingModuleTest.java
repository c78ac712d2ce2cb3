package dev.enoki.wasm.interop;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.enoki.wasm.interop.WasmTestSupport.exports;
import static dev.enoki.wasm.interop.WasmTestSupport.module;
import static dev.enoki.wasm.interop.WasmTestSupport.wat;
import static dev.enoki.wasm.interop.WasmTestSupport.withCustomSection;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Modules and instances as an embedder sees them through {@link Value}. */
class EmbeddingModuleTest {
    private static final String IMPORTING = """
            (module
              (import "env" "f" (func (param i32) (result i64)))
              (import "env" "tab" (table 3 funcref))
              (import "env" "mem" (memory 1 2))
              (import "other" "g" (global (mut f64)))
              (import "other" "h" (global i32)))
            """;

    private static final String EXPORTING = """
            (module
              (func $add (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
              (memory $m 2 5)
              (table $t 4 externref)
              (global $g (mut i64) (i64.const 7))
              (global $c f32 (f32.const 1.5))
              (export "zeta" (func $add))
              (export "memory" (memory $m))
              (export "alpha" (global $g))
              (export "table" (table $t))
              (export "mid" (global $c))
              (export "add2" (func $add)))
            """;

    private Context context;

    @BeforeEach
    void open() {
        context = WasmTestSupport.context();
    }

    @AfterEach
    void close() {
        context.close();
    }

    private static List<String> keys(Value value) {
        return new ArrayList<>(value.getMemberKeys());
    }

    @Test
    void moduleCanBeInstantiatedAndInstanceHasExports() {
        Value module = module(context, "answer", "(module (func (export \"answer\") (result i32) i32.const 42))");
        assertTrue(module.canInstantiate());
        assertFalse(module.canExecute());
        Value instance = module.newInstance();
        assertTrue(instance.hasMember("exports"));
        assertEquals(List.of("exports"), keys(instance));
        Value answer = instance.getMember("exports").getMember("answer");
        assertTrue(answer.canExecute());
        assertEquals(42, answer.execute().asInt());
    }

    @Test
    void eachInstantiationMakesAFreshInstance() {
        Value module = module(context, "counter", """
                (module (global $n (mut i32) (i32.const 0))
                  (func (export "next") (result i32) global.get $n i32.const 1 i32.add global.set $n global.get $n))
                """);
        Value first = module.newInstance().getMember("exports").getMember("next");
        Value second = module.newInstance().getMember("exports").getMember("next");
        assertEquals(1, first.execute().asInt());
        assertEquals(2, first.execute().asInt());
        assertEquals(1, second.execute().asInt(), "a second instance has its own globals");
    }

    @Test
    void moduleDescribesItsImports() {
        Value module = module(context, "importing", IMPORTING);
        assertTrue(module.hasMember("imports"));
        Value imports = module.getMember("imports");
        assertTrue(imports.hasArrayElements());
        assertEquals(5, imports.getArraySize());
        String[][] expected = {
            {"env", "f", "function", "(i32)i64"},
            {"env", "tab", "table", "funcref 3.."},
            {"env", "mem", "memory", "1..2"},
            {"other", "g", "global", "f64 mut"},
            {"other", "h", "global", "i32 const"},
        };
        for (int i = 0; i < expected.length; i++) {
            Value description = imports.getArrayElement(i);
            assertEquals(expected[i][0], description.getMember("module").asString(), "import " + i + " module");
            assertEquals(expected[i][1], description.getMember("name").asString(), "import " + i + " name");
            assertEquals(expected[i][2], description.getMember("kind").asString(), "import " + i + " kind");
            assertEquals(expected[i][3], description.getMember("type").asString(), "import " + i + " type");
        }
    }

    @Test
    void moduleDescribesItsExports() {
        Value module = module(context, "exporting", EXPORTING);
        Value described = module.getMember("exports");
        assertTrue(described.hasArrayElements());
        String[][] expected = {
            {"zeta", "function", "(i32 i32)i32"},
            {"memory", "memory", "2..5"},
            {"alpha", "global", "i64 mut"},
            {"table", "table", "externref 4.."},
            {"mid", "global", "f32 const"},
            {"add2", "function", "(i32 i32)i32"},
        };
        assertEquals(expected.length, described.getArraySize());
        for (int i = 0; i < expected.length; i++) {
            Value description = described.getArrayElement(i);
            assertEquals(expected[i][0], description.getMember("name").asString());
            assertEquals(expected[i][1], description.getMember("kind").asString());
            assertEquals(expected[i][2], description.getMember("type").asString());
        }
        assertEquals(0, module(context, "empty", "(module)").getMember("exports").getArraySize());
        assertEquals(0, module(context, "empty", "(module)").getMember("imports").getArraySize());
    }

    @Test
    void exportsObjectListsMembersInDeclarationOrder() {
        Value exports = exports(context, EXPORTING);
        assertEquals(List.of("zeta", "memory", "alpha", "table", "mid", "add2"), keys(exports));
        for (String key : keys(exports)) {
            assertTrue(exports.hasMember(key));
            assertNotNull(exports.getMember(key), key);
        }
        assertFalse(exports.hasMember("nope"));
        assertTrue(exports.getMember("zeta").canExecute());
        assertTrue(exports.getMember("memory").hasBufferElements());
        assertTrue(exports.getMember("table").hasArrayElements());
        assertEquals(7L, exports.getMember("alpha").getMember("value").asLong());
        assertEquals(1.5f, exports.getMember("mid").getMember("value").asFloat());
        assertEquals(9, exports.getMember("add2").execute(4, 5).asInt(), "two exports of one function both work");
    }

    @Test
    void customSectionsAreReadableByName() {
        byte[] binary = wat("(module)");
        binary = withCustomSection(binary, "meta", "hello".getBytes(StandardCharsets.UTF_8));
        binary = withCustomSection(binary, "other", new byte[]{1, 2, 3});
        binary = withCustomSection(binary, "meta", new byte[]{(byte) 0xFF, 0, 0x7F});
        binary = withCustomSection(binary, "empty", new byte[0]);
        Value module = module(context, "custom", binary);
        assertTrue(module.canInvokeMember("customSections"));

        Value meta = module.invokeMember("customSections", "meta");
        assertTrue(meta.hasArrayElements());
        assertEquals(2, meta.getArraySize(), "both sections named meta, in order");
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), bytesOf(meta.getArrayElement(0)));
        assertArrayEquals(new byte[]{(byte) 0xFF, 0, 0x7F}, bytesOf(meta.getArrayElement(1)));

        Value other = module.invokeMember("customSections", "other");
        assertEquals(1, other.getArraySize());
        Value buffer = other.getArrayElement(0);
        assertTrue(buffer.hasBufferElements());
        assertFalse(buffer.isBufferWritable(), "a module's custom section cannot be changed through the host");
        assertEquals(0x0302, buffer.readBufferShort(java.nio.ByteOrder.LITTLE_ENDIAN, 1));
        assertEquals(0x0203, buffer.readBufferShort(java.nio.ByteOrder.BIG_ENDIAN, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> buffer.readBufferByte(3));
        assertThrows(IndexOutOfBoundsException.class, () -> buffer.readBufferShort(java.nio.ByteOrder.LITTLE_ENDIAN, 2));
        for (long huge : new long[]{Long.MAX_VALUE, Long.MAX_VALUE - 3, Long.MIN_VALUE}) {
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.readBufferByte(huge));
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.readBufferInt(java.nio.ByteOrder.LITTLE_ENDIAN, huge));
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.readBufferLong(java.nio.ByteOrder.BIG_ENDIAN, huge));
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.readBuffer(huge, new byte[2], 0, 2));
        }

        assertEquals(0, module.invokeMember("customSections", "empty").getArrayElement(0).getBufferSize());
        assertEquals(0, module.invokeMember("customSections", "absent").getArraySize());
        assertThrows(IllegalArgumentException.class, () -> module.invokeMember("customSections", 5));
    }

    private static byte[] bytesOf(Value buffer) {
        assertTrue(buffer.hasBufferElements());
        byte[] bytes = new byte[(int) buffer.getBufferSize()];
        buffer.readBuffer(0, bytes, 0, bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            assertEquals(bytes[i], buffer.readBufferByte(i));
        }
        return bytes;
    }

    @Test
    void moduleAndInstanceDisplayTheirName() {
        Value module = module(context, "calculator", "(module (memory (export \"memory\") 17))");
        assertEquals("wasm-module(calculator)", module.toString());
        Value memory = module.newInstance().getMember("exports").getMember("memory");
        assertEquals("wasm-memory[pages=17]", memory.toString());
    }

    @Test
    void missingImportFailsInstantiationCleanly() {
        Value module = module(context, "importing", IMPORTING);
        PolyglotException noImports = assertThrows(PolyglotException.class, module::newInstance);
        assertTrue(noImports.isGuestException());
        assertTrue(noImports.getMessage().contains("env.f"), noImports.getMessage());
    }

    @Test
    void invalidModuleIsASyntaxError() {
        byte[] notWasm = {0, 'a', 's', 'x', 1, 0, 0, 0};
        PolyglotException e = assertThrows(PolyglotException.class, () -> module(context, "bad", notWasm));
        assertTrue(e.isSyntaxError());
    }
}

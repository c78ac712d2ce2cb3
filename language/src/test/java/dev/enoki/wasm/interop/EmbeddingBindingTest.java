package dev.enoki.wasm.interop;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.Set;

import static dev.enoki.wasm.interop.WasmTestSupport.PAGE;
import static dev.enoki.wasm.interop.WasmTestSupport.exports;
import static dev.enoki.wasm.interop.WasmTestSupport.imports;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Memories, tables and globals created by the host through the {@code WebAssembly} polyglot binding. */
class EmbeddingBindingTest {
    private static final String MEMORY_USER = """
            (module
              (import "env" "memory" (memory 1))
              (func (export "load") (param i32) (result i32) local.get 0 i32.load)
              (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store)
              (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
              (func (export "size") (result i32) memory.size))
            """;

    private Context context;
    private Value webAssembly;

    @BeforeEach
    void open() {
        context = WasmTestSupport.contextWithBindings();
        context.initialize(WasmTestSupport.WASM);
        webAssembly = context.getPolyglotBindings().getMember("WebAssembly");
    }

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void bindingOffersTheAllocators() {
        assertNotNull(webAssembly, "the binding is exported when polyglot access is allowed");
        for (String member : new String[]{"mem_alloc", "table_alloc", "global_alloc", "ref_null"}) {
            assertTrue(webAssembly.hasMember(member), member);
            assertTrue(webAssembly.getMember(member).canExecute(), member);
        }
        assertTrue(webAssembly.getMember("ref_null").execute().isNull());
    }

    @Test
    void bindingIsAbsentWithoutPolyglotAccess() {
        try (Context plain = WasmTestSupport.context()) {
            plain.initialize(WasmTestSupport.WASM);
            Value bindings;
            try {
                bindings = plain.getPolyglotBindings();
            } catch (SecurityException | PolyglotException e) {
                return; // no polyglot bindings at all: nothing is exported either
            }
            assertFalse(bindings.hasMember("WebAssembly"));
        }
    }

    @Test
    void hostMemoryIsSharedBetweenInstancesAndTheHost() {
        Value memory = webAssembly.getMember("mem_alloc").execute(1, 4, false);
        assertTrue(memory.hasBufferElements());
        assertEquals(PAGE, memory.getBufferSize());
        assertEquals(1, memory.getMember("size").asLong());

        Value a = exports(context, MEMORY_USER, imports("env", "memory", memory));
        Value b = exports(context, MEMORY_USER, imports("env", "memory", memory));
        a.getMember("store").execute(64, 0x01020304);
        assertEquals(0x01020304, b.getMember("load").execute(64).asInt(), "b sees a's write");
        assertEquals(0x01020304, memory.readBufferInt(ByteOrder.LITTLE_ENDIAN, 64), "the host sees it too");
        memory.writeBufferInt(ByteOrder.LITTLE_ENDIAN, 128, -9);
        assertEquals(-9, a.getMember("load").execute(128).asInt());
        assertEquals(-9, b.getMember("load").execute(128).asInt());

        assertEquals(1, b.getMember("grow").execute(2).asInt());
        assertEquals(3, a.getMember("size").execute().asInt());
        assertEquals(3L * PAGE, memory.getBufferSize());
        assertEquals(-1, a.getMember("grow").execute(2).asInt(), "the host-given maximum of 4 pages holds");
        assertEquals("wasm-memory[pages=3]", memory.toString());
    }

    @Test
    void hostMemoryLimitsAreCheckedAtLinking() {
        Value unbounded = webAssembly.getMember("mem_alloc").execute(2, 65536, false);
        assertEquals(2L * PAGE, unbounded.getBufferSize());
        Value user = exports(context, MEMORY_USER, imports("env", "memory", unbounded));
        assertEquals(2, user.getMember("size").execute().asInt());
        String wantsMax = "(module (import \"env\" \"memory\" (memory 1 8)))";
        PolyglotException e = assertThrows(PolyglotException.class, () -> exports(context, wantsMax, imports("env", "memory", unbounded)),
                        "a memory without maximum does not match an import with one");
        assertTrue(e.isGuestException());
        Value bounded = webAssembly.getMember("mem_alloc").execute(1, 8, false);
        exports(context, wantsMax, imports("env", "memory", bounded));
        String wantsThree = "(module (import \"env\" \"memory\" (memory 3)))";
        assertThrows(PolyglotException.class, () -> exports(context, wantsThree, imports("env", "memory", bounded)));
    }

    @Test
    void badMemoryRequestsFailCleanly() {
        Value memAlloc = webAssembly.getMember("mem_alloc");
        assertBindingRejects(() -> memAlloc.execute(1, 2, true), "shared memories are not supported");
        assertBindingRejects(() -> memAlloc.execute(5, 2, false), "initial above maximum");
        assertBindingRejects(() -> memAlloc.execute("one", 2, false), "pages must be numbers");
        assertThrows(IllegalArgumentException.class, () -> memAlloc.execute(1, 2));
    }

    /** The call fails with an exception an embedder can handle, never an internal error of the engine. */
    private static void assertBindingRejects(Runnable call, String why) {
        RuntimeException e = assertThrows(RuntimeException.class, call::run, why);
        if (e instanceof PolyglotException p) {
            assertFalse(p.isInternalError(), why + ": " + p);
            assertTrue(p.isGuestException(), why + ": " + p);
        } else {
            assertTrue(e instanceof IllegalArgumentException || e instanceof UnsupportedOperationException, why + ": " + e);
        }
    }

    @Test
    void hostTableIsSharedBetweenInstances() {
        Value table = webAssembly.getMember("table_alloc").execute(2, 5, "anyfunc", null);
        assertTrue(table.hasArrayElements());
        assertEquals(2, table.getArraySize());
        assertTrue(table.getArrayElement(0).isNull());

        String installer = """
                (module
                  (import "env" "table" (table $t 2 funcref))
                  (func $triple (param i32) (result i32) local.get 0 i32.const 3 i32.mul)
                  (elem (table $t) (i32.const 1) func $triple))
                """;
        String caller = """
                (module
                  (type $i2i (func (param i32) (result i32)))
                  (import "env" "table" (table $t 2 funcref))
                  (func (export "call") (param i32 i32) (result i32) local.get 1 local.get 0 call_indirect (type $i2i))
                  (func (export "grow") (param i32) (result i32) ref.null func local.get 0 table.grow $t))
                """;
        exports(context, installer, imports("env", "table", table));
        Value c = exports(context, caller, imports("env", "table", table));
        assertEquals(21, c.getMember("call").execute(1, 7).asInt(), "one instance installs, another calls");
        assertTrue(table.getArrayElement(1).canExecute(), "the host sees the installed function");
        table.setArrayElement(0, table.getArrayElement(1));
        assertEquals(6, c.getMember("call").execute(0, 2).asInt());

        assertEquals(2, c.getMember("grow").execute(3).asInt());
        assertEquals(5, table.getArraySize());
        assertEquals(-1, table.invokeMember("grow", 1).asInt(), "the host-given maximum of 5 holds");
    }

    @Test
    void hostExternrefTableHoldsHostObjects() {
        Object marker = new Object();
        Value table = webAssembly.getMember("table_alloc").execute(3, 3, "externref", marker);
        assertEquals(3, table.getArraySize());
        assertSame(marker, table.getArrayElement(2).asHostObject(), "elements start as the init value");
        Value user = exports(context, """
                (module
                  (import "env" "table" (table $t 1 externref))
                  (func (export "get") (param i32) (result externref) local.get 0 table.get $t)
                  (func (export "isNull") (param i32) (result i32) local.get 0 table.get $t ref.is_null))
                """, imports("env", "table", table));
        assertSame(marker, user.getMember("get").execute(0).asHostObject());
        table.setArrayElement(1, null);
        assertEquals(1, user.getMember("isNull").execute(1).asInt());
        assertEquals(0, user.getMember("isNull").execute(0).asInt());
        assertBindingRejects(() -> webAssembly.getMember("table_alloc").execute(1, 1, "i32", null), "not a reference type");
        Value tableAlloc = webAssembly.getMember("table_alloc");
        assertBindingRejects(() -> tableAlloc.execute(-1, 2, "anyfunc", null), "a negative size");
        assertBindingRejects(() -> tableAlloc.execute(5, 2, "anyfunc", null), "initial above maximum");
        assertBindingRejects(() -> tableAlloc.execute(Integer.MAX_VALUE, -1, "anyfunc", null), "far more elements than a table may have");
        assertBindingRejects(() -> tableAlloc.execute(1, 2, "anyfunc", "not a function"), "a funcref table's init must be a function or null");
    }

    @Test
    void hostGlobalsAreSharedBetweenInstances() {
        Value counter = webAssembly.getMember("global_alloc").execute("i32", true, 7);
        assertEquals(7, counter.getMember("value").asInt());
        String incrementer = """
                (module
                  (import "env" "counter" (global $g (mut i32)))
                  (func (export "inc") global.get $g i32.const 1 i32.add global.set $g)
                  (func (export "get") (result i32) global.get $g))
                """;
        Value a = exports(context, incrementer, imports("env", "counter", counter));
        Value b = exports(context, incrementer, imports("env", "counter", counter));
        a.getMember("inc").execute();
        b.getMember("inc").execute();
        assertEquals(9, a.getMember("get").execute().asInt());
        assertEquals(9, counter.getMember("value").asInt());
        counter.putMember("value", 100);
        assertEquals(100, b.getMember("get").execute().asInt());

        Value constant = webAssembly.getMember("global_alloc").execute("f64", false, 1.5);
        assertEquals(1.5, constant.getMember("value").asDouble());
        assertThrows(UnsupportedOperationException.class, () -> constant.putMember("value", 2.5));
        Value reader = exports(context, "(module (import \"env\" \"c\" (global $c f64)) (func (export \"get\") (result f64) global.get $c))",
                        imports("env", "c", constant));
        assertEquals(1.5, reader.getMember("get").execute().asDouble());
        String wantsMutable = "(module (import \"env\" \"c\" (global (mut f64))))";
        assertThrows(PolyglotException.class, () -> exports(context, wantsMutable, imports("env", "c", constant)));

        assertBindingRejects(() -> webAssembly.getMember("global_alloc").execute("i32", true, 1L << 40), "2^40 does not fit an i32");
        assertBindingRejects(() -> webAssembly.getMember("global_alloc").execute("v128", true, 0), "unknown type");
    }

    @Test
    void hostObjectsAreUsableBeforeAnyModuleIsLoaded() {
        try (Context fresh = WasmTestSupport.contextWithBindings()) {
            fresh.initialize(WasmTestSupport.WASM);
            Value binding = fresh.getPolyglotBindings().getMember("WebAssembly");
            Value memory = binding.getMember("mem_alloc").execute(1, 1, false);
            memory.writeBufferByte(0, (byte) 5);
            assertEquals(5, memory.readBufferByte(0));
            assertEquals(Set.of("size", "grow"), memory.getMemberKeys());
        }
    }
}

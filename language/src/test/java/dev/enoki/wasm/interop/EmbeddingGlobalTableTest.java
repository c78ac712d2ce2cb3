package dev.enoki.wasm.interop;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.enoki.wasm.interop.WasmTestSupport.exports;
import static dev.enoki.wasm.interop.WasmTestSupport.imports;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exported globals and tables: host reads and writes, and sharing between instances through imports. */
class EmbeddingGlobalTableTest {
    private static final String GLOBALS = """
            (module
              (global $c (export "const") i32 (i32.const 42))
              (global $m (export "mut") (mut i64) (i64.const -1))
              (global $f (export "f") (mut f64) (f64.const 0.5))
              (global $r (export "ref") (mut externref) (ref.null extern))
              (func (export "getMut") (result i64) global.get $m)
              (func (export "setMut") (param i64) local.get 0 global.set $m)
              (func (export "getF") (result f64) global.get $f)
              (func (export "refIsNull") (result i32) global.get $r ref.is_null))
            """;

    private static final String TABLE = """
            (module
              (type $i2i (func (param i32) (result i32)))
              (table $t (export "table") 2 10 funcref)
              (func $double (export "double") (param i32) (result i32) local.get 0 i32.const 2 i32.mul)
              (func $negate (export "negate") (param i32) (result i32) i32.const 0 local.get 0 i32.sub)
              (func $other (export "other") (param i64) (result i64) local.get 0)
              (elem (i32.const 0) $double)
              (func (export "callAt") (param i32 i32) (result i32) local.get 1 local.get 0 call_indirect (type $i2i))
              (func (export "size") (result i32) table.size $t)
              (func (export "grow") (param i32) (result i32) ref.null func local.get 0 table.grow $t))
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

    @Test
    void immutableGlobalIsReadableButNotWritable() {
        Value global = exports(context, GLOBALS).getMember("const");
        assertTrue(global.hasMember("value"));
        assertEquals(42, global.getMember("value").asInt());
        assertThrows(UnsupportedOperationException.class, () -> global.putMember("value", 1));
        assertEquals(42, global.getMember("value").asInt(), "the failed write changed nothing");
    }

    @Test
    void mutableGlobalIsSharedBetweenHostAndWasm() {
        Value exports = exports(context, GLOBALS);
        Value global = exports.getMember("mut");
        assertEquals(-1L, global.getMember("value").asLong());
        global.putMember("value", 1L << 40);
        assertEquals(1L << 40, exports.getMember("getMut").execute().asLong(), "Wasm sees the host's write");
        exports.getMember("setMut").execute(-7L);
        assertEquals(-7L, global.getMember("value").asLong(), "the host sees Wasm's write");
        global.putMember("value", 3);
        assertEquals(3L, exports.getMember("getMut").execute().asLong(), "an Integer fits an i64");
        assertThrows(IllegalArgumentException.class, () -> global.putMember("value", 1.5));
        assertThrows(IllegalArgumentException.class, () -> global.putMember("value", "3"));
        assertEquals(3L, global.getMember("value").asLong());

        Value f = exports.getMember("f");
        f.putMember("value", 2);
        assertEquals(2.0, exports.getMember("getF").execute().asDouble());

        Value ref = exports.getMember("ref");
        assertTrue(ref.getMember("value").isNull());
        Object host = new Object();
        ref.putMember("value", host);
        assertEquals(0, exports.getMember("refIsNull").execute().asInt());
        assertEquals(host, ref.getMember("value").asHostObject());
        ref.putMember("value", null);
        assertEquals(1, exports.getMember("refIsNull").execute().asInt());
    }

    @Test
    void mutableGlobalImportIsSharedBetweenInstances() {
        Value first = exports(context, GLOBALS);
        Value second = exports(context, """
                (module
                  (import "a" "counter" (global $g (mut i64)))
                  (func (export "bump") global.get $g i64.const 10 i64.add global.set $g)
                  (func (export "get") (result i64) global.get $g))
                """, imports("a", "counter", first.getMember("mut")));
        assertEquals(-1L, second.getMember("get").execute().asLong());
        second.getMember("bump").execute();
        assertEquals(9L, first.getMember("getMut").execute().asLong(), "the exporter sees the importer's write");
        assertEquals(9L, first.getMember("mut").getMember("value").asLong());
        first.getMember("setMut").execute(100L);
        assertEquals(100L, second.getMember("get").execute().asLong());
    }

    @Test
    void globalImportsAreTypeChecked() {
        Value first = exports(context, GLOBALS);
        String wantsMutI32 = "(module (import \"a\" \"g\" (global (mut i32))))";
        PolyglotException e = assertThrows(PolyglotException.class, () -> exports(context, wantsMutI32, imports("a", "g", first.getMember("mut"))));
        assertTrue(e.isGuestException());
        String wantsConstI64 = "(module (import \"a\" \"g\" (global i64)))";
        assertThrows(PolyglotException.class, () -> exports(context, wantsConstI64, imports("a", "g", first.getMember("mut"))), "mutability must match");
        String wantsMutI64 = "(module (import \"a\" \"g\" (global (mut i64))))";
        assertThrows(PolyglotException.class, () -> exports(context, wantsMutI64, imports("a", "g", 5L)), "a plain number cannot be a mutable global");
        Value constant = exports(context, "(module (import \"a\" \"g\" (global $g i64)) (func (export \"get\") (result i64) global.get $g))", imports("a", "g", 5));
        assertEquals(5L, constant.getMember("get").execute().asLong(), "a plain number can initialise an immutable global import");
    }

    @Test
    void tableElementsAreFunctionReferences() {
        Value exports = exports(context, TABLE);
        Value table = exports.getMember("table");
        assertTrue(table.hasArrayElements());
        assertEquals(2, table.getArraySize());
        Value first = table.getArrayElement(0);
        assertTrue(first.canExecute(), "the element segment put $double at 0");
        assertEquals(14, first.execute(7).asInt());
        assertTrue(table.getArrayElement(1).isNull(), "elements start as null");

        table.setArrayElement(1, exports.getMember("negate"));
        assertEquals(-5, exports.getMember("callAt").execute(1, 5).asInt(), "Wasm calls what the host stored");
        assertEquals(-3, table.getArrayElement(1).execute(3).asInt());

        table.setArrayElement(0, null);
        PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("callAt").execute(0, 1));
        assertTrue(e.isGuestException());
        assertTrue(e.getMessage().contains("uninitialized element"), e.getMessage());

        table.setArrayElement(0, exports.getMember("other"));
        e = assertThrows(PolyglotException.class, () -> exports.getMember("callAt").execute(0, 1));
        assertTrue(e.getMessage().contains("indirect call type mismatch"), e.getMessage());

        assertThrows(ArrayIndexOutOfBoundsException.class, () -> table.getArrayElement(2));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> table.setArrayElement(2, exports.getMember("double")));
        // Value.setArrayElement reports a value of a type the array cannot hold as ClassCastException.
        assertThrows(ClassCastException.class, () -> table.setArrayElement(0, "not a function"));
        ProxyExecutable hostFunction = args -> 0;
        assertThrows(ClassCastException.class, () -> table.setArrayElement(0, hostFunction), "a funcref table holds Wasm functions");
        assertEquals(2, table.getArraySize());
    }

    @Test
    void tableGrowsFromHostAndFromWasm() {
        Value exports = exports(context, TABLE);
        Value table = exports.getMember("table");
        assertTrue(table.canInvokeMember("grow"));
        assertEquals(2, table.invokeMember("grow", 3).asInt(), "grow returns the old size");
        assertEquals(5, table.getArraySize());
        assertEquals(5, exports.getMember("size").execute().asInt());
        assertTrue(table.getArrayElement(4).isNull());

        assertEquals(5, table.invokeMember("grow", 1, exports.getMember("double")).asInt());
        assertEquals(12, table.getArrayElement(5).execute(6).asInt(), "new elements take the given init value");
        assertEquals(12, exports.getMember("callAt").execute(5, 6).asInt());

        assertEquals(6, exports.getMember("grow").execute(2).asInt());
        assertEquals(8, table.getArraySize(), "the host sees growth from inside Wasm");
        assertEquals(-1, table.invokeMember("grow", 3).asInt(), "past the maximum of 10");
        assertEquals(-1, exports.getMember("grow").execute(3).asInt());
        assertEquals(8, table.getArraySize());
        assertEquals(8, table.invokeMember("grow", 2).asInt());
        assertEquals(10, table.getArraySize());
    }

    @Test
    void tableImportIsSharedBetweenInstances() {
        Value owner = exports(context, TABLE);
        Value table = owner.getMember("table");
        Value user = exports(context, """
                (module
                  (import "a" "table" (table $t 2 funcref))
                  (func $plus100 (param i32) (result i32) local.get 0 i32.const 100 i32.add)
                  (elem (table $t) (i32.const 1) func $plus100)
                  (func (export "set0") (param funcref) i32.const 0 local.get 0 table.set $t)
                  (func (export "size") (result i32) table.size $t))
                """, imports("a", "table", table));
        assertEquals(105, owner.getMember("callAt").execute(1, 5).asInt(), "the importer's element segment wrote the shared table");
        assertEquals(101, table.getArrayElement(1).execute(1).asInt());
        user.getMember("set0").execute(owner.getMember("negate"));
        assertEquals(-9, owner.getMember("callAt").execute(0, 9).asInt());
        table.invokeMember("grow", 1);
        assertEquals(3, user.getMember("size").execute().asInt());

        String tooBig = "(module (import \"a\" \"table\" (table 20 funcref)))";
        assertThrows(PolyglotException.class, () -> exports(context, tooBig, imports("a", "table", table)));
        String wrongType = "(module (import \"a\" \"table\" (table 1 externref)))";
        assertThrows(PolyglotException.class, () -> exports(context, wrongType, imports("a", "table", table)));
    }

    @Test
    void globalsAndTablesDisplayWhatTheyAre() {
        Value exports = exports(context, GLOBALS + "");
        String text = exports.getMember("mut").toString();
        assertTrue(text.contains("i64") && text.contains("mut"), text);
        Value table = exports(context, TABLE).getMember("table");
        assertTrue(table.toString().contains("funcref"), table.toString());
        assertFalse(table.canExecute());
    }
}

package dev.enoki.wasm.interop;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static dev.enoki.wasm.interop.WasmTestSupport.exports;
import static dev.enoki.wasm.interop.WasmTestSupport.imports;
import static dev.enoki.wasm.interop.WasmTestSupport.module;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exported functions called from the host: argument conversion, references, multiple results and traps. */
class EmbeddingFunctionTest {
    private static final String FUNCTIONS = """
            (module
              (func (export "i32") (param i32) (result i32) local.get 0 i32.const 1 i32.add)
              (func (export "i64") (param i64) (result i64) local.get 0 i64.const 1 i64.add)
              (func (export "f32") (param f32) (result f32) local.get 0 f32.const 0.5 f32.add)
              (func (export "f64") (param f64) (result f64) local.get 0 f64.const 0.5 f64.add)
              (func (export "mixed") (param i32 i64 f32 f64) (result f64)
                local.get 0 f64.convert_i32_s local.get 1 f64.convert_i64_s f64.add
                local.get 2 f64.promote_f32 f64.add local.get 3 f64.add)
              (func (export "nothing"))
              (func (export "swap") (param i32 i64) (result i64 i32) local.get 1 local.get 0)
              (func (export "three") (result i32 f64 i64) i32.const -1 f64.const 2.5 i64.const 0x100000000)
              (func (export "externIsNull") (param externref) (result i32) local.get 0 ref.is_null)
              (func (export "externId") (param externref) (result externref) local.get 0)
              (func (export "funcIsNull") (param funcref) (result i32) local.get 0 ref.is_null)
              (func (export "funcId") (param funcref) (result funcref) local.get 0)
              (func (export "nullFunc") (result funcref) ref.null func))
            """;

    private Context context;
    private Value exports;

    @BeforeEach
    void open() {
        context = WasmTestSupport.context();
        exports = exports(context, FUNCTIONS);
    }

    @AfterEach
    void close() {
        context.close();
    }

    private Value fn(String name) {
        Value function = exports.getMember(name);
        assertTrue(function.canExecute(), name + " is executable");
        return function;
    }

    @Test
    void numbersThatFitLosslesslyAreAccepted() {
        assertEquals(6, fn("i32").execute(5L).asInt(), "a Long that fits an int");
        assertEquals(6, fn("i32").execute((short) 5).asInt());
        assertEquals(6, fn("i32").execute((byte) 5).asInt());
        assertEquals(6, fn("i32").execute(5.0).asInt(), "a double with an integral value fits an int");
        assertEquals(Integer.MIN_VALUE, fn("i32").execute(Integer.MAX_VALUE).asInt(), "i32.add wraps");
        assertEquals(1L << 40 | 1, fn("i64").execute(1L << 40).asLong());
        assertEquals(6L, fn("i64").execute(5).asLong(), "an Integer for i64");
        assertEquals(Long.MIN_VALUE, fn("i64").execute(BigInteger.valueOf(Long.MAX_VALUE)).asLong());
        assertEquals(5.5f, fn("f32").execute(5).asFloat(), "an Integer for f32");
        assertEquals(2.0f, fn("f32").execute(1.5).asFloat(), "a double exactly representable as a float");
        assertEquals(5.5, fn("f64").execute(5).asDouble(), "an Integer for f64");
        assertEquals(2.0, fn("f64").execute(1.5f).asDouble(), "a float for f64");
        assertEquals((double) (1L << 52) + 0.5, fn("f64").execute(1L << 52).asDouble());
        assertEquals(1 + 2 + 0.5 + 0.25, fn("mixed").execute(1L, 2, 0.5f, 0.25).asDouble());
    }

    @Test
    void resultsHaveTheirWasmTypes() {
        Value i32 = fn("i32").execute(1);
        assertTrue(i32.isNumber() && i32.fitsInInt());
        Value i64 = fn("i64").execute(Long.MAX_VALUE - 1);
        assertEquals(Long.MAX_VALUE, i64.asLong());
        assertFalse(i64.fitsInInt());
        assertTrue(fn("f32").execute(0).fitsInFloat());
        Value nothing = fn("nothing").execute();
        assertTrue(nothing.isNull(), "a function without results returns null");
    }

    private static void assertRejected(Value function, Object argument, int index, String expectedType) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> function.execute(argument),
                        () -> function + " must reject " + argument);
        String message = e.getMessage();
        assertTrue(message.contains("argument " + index), "the message names the parameter: " + message);
        assertTrue(message.contains(expectedType), "the message names the expected type " + expectedType + ": " + message);
    }

    @Test
    void numbersThatDoNotFitAreRejectedNamingParameterAndType() {
        assertRejected(fn("i32"), 1L << 40, 0, "i32");
        assertRejected(fn("i32"), 1.5, 0, "i32");
        assertRejected(fn("i32"), "5", 0, "i32");
        assertRejected(fn("i64"), 1.5, 0, "i64");
        assertRejected(fn("i64"), BigInteger.ONE.shiftLeft(64), 0, "i64");
        assertRejected(fn("f32"), 0.1, 0, "f32");
        assertRejected(fn("f64"), (1L << 53) + 1, 0, "f64");
        assertRejected(fn("f64"), true, 0, "f64");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fn("mixed").execute(1, 2, 3, "x"));
        assertTrue(e.getMessage().contains("argument 3"), e.getMessage());
        assertTrue(e.getMessage().contains("f64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> fn("mixed").execute(1, 1.25, 3, 4));
        assertTrue(e.getMessage().contains("argument 1"), e.getMessage());
        assertTrue(e.getMessage().contains("i64"), e.getMessage());
    }

    @Test
    void wrongArgumentCountIsAnArityError() {
        assertThrows(IllegalArgumentException.class, () -> fn("i32").execute());
        assertThrows(IllegalArgumentException.class, () -> fn("i32").execute(1, 2));
        assertThrows(IllegalArgumentException.class, () -> fn("nothing").execute(1));
    }

    @Test
    void hostNullIsTheNullReference() {
        assertEquals(1, fn("externIsNull").execute((Object) null).asInt());
        assertEquals(1, fn("funcIsNull").execute((Object) null).asInt());
        assertEquals(1, fn("externIsNull").execute(context.asValue(null)).asInt());
        assertTrue(fn("externId").execute((Object) null).isNull());
        assertTrue(fn("nullFunc").execute().isNull(), "ref.null reaches the host as null");
        assertEquals(1, fn("funcIsNull").execute(fn("nullFunc").execute()).asInt(), "and goes back as the null reference");
    }

    @Test
    void referencesPassThroughUnchanged() {
        Object host = new Object();
        assertEquals(0, fn("externIsNull").execute(host).asInt());
        assertSame(host, fn("externId").execute(host).asHostObject(), "an externref is the host object itself");
        assertEquals(0, fn("funcIsNull").execute(fn("i32")).asInt());
        Value back = fn("funcId").execute(fn("i32"));
        assertTrue(back.canExecute());
        assertEquals(11, back.execute(10).asInt());
        assertRejected(fn("funcId"), "not a function", 0, "funcref");
    }

    @Test
    void multipleResultsAreAnArray() {
        Value swapped = fn("swap").execute(7, 1L << 33);
        assertTrue(swapped.hasArrayElements());
        assertEquals(2, swapped.getArraySize());
        assertEquals(1L << 33, swapped.getArrayElement(0).asLong());
        assertEquals(7, swapped.getArrayElement(1).asInt());

        Value three = fn("three").execute();
        assertEquals(3, three.getArraySize());
        assertEquals(-1, three.getArrayElement(0).asInt());
        assertEquals(2.5, three.getArrayElement(1).asDouble());
        assertEquals(1L << 32, three.getArrayElement(2).asLong());
        List<Object> asList = new ArrayList<>();
        for (long i = 0; i < three.getArraySize(); i++) {
            asList.add(three.getArrayElement(i).as(Object.class));
        }
        assertEquals(3, asList.size());
    }

    @Test
    void hostFunctionsCanBeImported() {
        List<Object> seen = new ArrayList<>();
        ProxyExecutable log = args -> {
            seen.add(args[0].asLong());
            return null;
        };
        ProxyExecutable twice = args -> args[0].asInt() * 2;
        ProxyExecutable pair = args -> ProxyArray.fromArray(args[0].asInt(), -args[0].asInt());
        Value exported = exports(context, """
                (module
                  (import "host" "log" (func $log (param i64)))
                  (import "host" "twice" (func $twice (param i32) (result i32)))
                  (import "host" "pair" (func $pair (param i32) (result i32 i32)))
                  (func (export "run") (param i32) (result i32)
                    local.get 0 i64.extend_i32_s call $log
                    local.get 0 call $twice call $pair i32.sub))
                """, imports("host", "log", log, "host", "twice", twice, "host", "pair", pair));
        // run(10): log(10); twice(10) = 20; pair(20) = (20, -20); 20 - (-20) = 40
        assertEquals(40, exported.getMember("run").execute(10).asInt());
        assertEquals(List.of(10L), seen);
    }

    @Test
    void trapsAreGuestExceptionsWithAWasmStackTrace() {
        Value exported = exports(context, """
                (module
                  (func $inner (param i32) (result i32)
                    i32.const 100 local.get 0 i32.div_s)
                  (func $outer (export "outer") (param i32) (result i32)
                    local.get 0 call $inner i32.const 1 i32.add))
                """);
        Value outer = exported.getMember("outer");
        assertEquals(51, outer.execute(2).asInt());
        PolyglotException e = assertThrows(PolyglotException.class, () -> outer.execute(0));
        assertTrue(e.isGuestException());
        assertFalse(e.isHostException());
        assertFalse(e.isInternalError());
        assertFalse(e.isCancelled());
        assertTrue(e.getMessage().contains("integer divide by zero"), e.getMessage());

        List<String> guestFrames = new ArrayList<>();
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame()) {
                assertEquals("wasm", frame.getLanguage().getId());
                guestFrames.add(frame.getRootName());
            }
        }
        assertEquals(List.of("inner", "outer"), guestFrames, "innermost first, named from the name section");
    }

    @Test
    void unreachableTrapsAndTheInstanceStaysUsable() {
        Value exported = exports(context, """
                (module
                  (global $calls (mut i32) (i32.const 0))
                  (func (export "boom") global.get $calls i32.const 1 i32.add global.set $calls unreachable)
                  (func (export "calls") (result i32) global.get $calls))
                """);
        for (int i = 1; i <= 3; i++) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> exported.getMember("boom").execute());
            assertTrue(e.isGuestException());
            assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
            assertEquals(i, exported.getMember("calls").execute().asInt());
        }
    }

    @Test
    void hostExceptionsPropagateThroughWasm() {
        ProxyExecutable fail = args -> {
            throw new IllegalStateException("from the host");
        };
        Value exported = exports(context, """
                (module (import "h" "fail" (func $fail)) (func (export "run") call $fail))
                """, imports("h", "fail", fail));
        PolyglotException e = assertThrows(PolyglotException.class, () -> exported.getMember("run").execute());
        assertTrue(e.isHostException());
        assertTrue(e.asHostException() instanceof IllegalStateException);
    }

    @Test
    void functionsDisplayTheirName() {
        Value module = module(context, "named", "(module (func $work (export \"work\")))");
        String text = module.newInstance().getMember("exports").getMember("work").toString();
        assertTrue(text.contains("work"), text);
    }
}

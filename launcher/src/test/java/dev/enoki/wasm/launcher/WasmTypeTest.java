package dev.enoki.wasm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

class WasmTypeTest {

    @Test
    void i32TakesDecimalAndHexSignedOrUnsigned() {
        assertEquals(42, WasmType.I32.parse("42"));
        assertEquals(-42, WasmType.I32.parse("-42"));
        assertEquals(-1, WasmType.I32.parse("0xffffffff"));
        assertEquals(-1, WasmType.I32.parse("4294967295"));
        assertEquals(Integer.MIN_VALUE, WasmType.I32.parse("-2147483648"));
        assertEquals(255, WasmType.I32.parse("0XFF"));
        assertEquals(1_000_000, WasmType.I32.parse("1_000_000"));
    }

    @Test
    void i32RejectsWhatDoesNotFitOrIsNoInteger() {
        assertMessage("'4294967296' does not fit in an i32", () -> WasmType.I32.parse("4294967296"));
        assertMessage("'-2147483649' does not fit in an i32", () -> WasmType.I32.parse("-2147483649"));
        assertMessage("'1.5' is not an i32 (expected a decimal or 0x hex integer)", () -> WasmType.I32.parse("1.5"));
        assertMessage("'--1' is not an i32 (expected a decimal or 0x hex integer)", () -> WasmType.I32.parse("--1"));
        assertMessage("'' is not an i32 (expected a decimal or 0x hex integer)", () -> WasmType.I32.parse(""));
    }

    @Test
    void i64CoversTheSignedAndUnsignedRange() {
        assertEquals(-1L, WasmType.I64.parse("18446744073709551615"));
        assertEquals(Long.MIN_VALUE, WasmType.I64.parse("-0x8000000000000000"));
        assertEquals(Long.MAX_VALUE, WasmType.I64.parse("9223372036854775807"));
        assertMessage("'18446744073709551616' does not fit in an i64", () -> WasmType.I64.parse("18446744073709551616"));
    }

    @Test
    void floatsTakeDecimalHexInfAndNan() {
        assertEquals(0.1f, WasmType.F32.parse("0.1"));
        assertEquals(3.0f, WasmType.F32.parse("0x1.8p1"));
        assertEquals(10.0f, WasmType.F32.parse("0xa"));
        assertEquals(Float.NEGATIVE_INFINITY, WasmType.F32.parse("-inf"));
        assertTrue(Float.isNaN((Float) WasmType.F32.parse("nan")));
        assertEquals(1e300, WasmType.F64.parse("1e300"));
        assertEquals(Double.POSITIVE_INFINITY, WasmType.F64.parse("Infinity"));
        assertMessage("'1f' is not an f64 (expected a decimal or hex float, inf or nan)", () -> WasmType.F64.parse("1f"));
        assertMessage("'one' is not an f32 (expected a decimal or hex float, inf or nan)", () -> WasmType.F32.parse("one"));
    }

    @Test
    void referenceAndVectorTypesCannotBeGivenOnTheCommandLine() {
        assertMessage("the launcher cannot pass a v128 from the command line", () -> WasmType.V128.parse("0"));
        assertMessage("the launcher cannot pass a funcref from the command line", () -> WasmType.FUNCREF.parse("0"));
    }

    @Test
    void resultsPrintAsWasmtimePrintsThem() {
        assertEquals("-1", WasmType.I32.format(Value.asValue(-1)));
        assertEquals("9223372036854775807", WasmType.I64.format(Value.asValue(Long.MAX_VALUE)));
        assertEquals("0.1", WasmType.F32.format(Value.asValue(0.1f)));
        assertEquals("1.5", WasmType.F64.format(Value.asValue(1.5)));
        assertEquals("10000000000", WasmType.F64.format(Value.asValue(1e10)));
        assertEquals("3", WasmType.F64.format(Value.asValue(3.0)));
        assertEquals("-0", WasmType.F32.format(Value.asValue(-0.0f)));
        assertEquals("0.000001", WasmType.F64.format(Value.asValue(1e-6)));
        assertEquals("nan", WasmType.F64.format(Value.asValue(Double.NaN)));
        assertEquals("-inf", WasmType.F32.format(Value.asValue(Float.NEGATIVE_INFINITY)));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable executable) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, executable).getMessage());
    }
}

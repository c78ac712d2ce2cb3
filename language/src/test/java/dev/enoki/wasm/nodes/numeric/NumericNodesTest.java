package dev.enoki.wasm.nodes.numeric;

import static dev.enoki.wasm.nodes.numeric.NumericRunner.f32;
import static dev.enoki.wasm.nodes.numeric.NumericRunner.f32Bits;
import static dev.enoki.wasm.nodes.numeric.NumericRunner.f64;
import static dev.enoki.wasm.nodes.numeric.NumericRunner.f64Bits;
import static dev.enoki.wasm.nodes.numeric.NumericRunner.i32;
import static dev.enoki.wasm.nodes.numeric.NumericRunner.i64;
import static dev.enoki.wasm.nodes.numeric.NumericRunner.run;
import static dev.enoki.wasm.nodes.numeric.NumericRunner.runF32Bits;
import static dev.enoki.wasm.nodes.numeric.NumericRunner.runF64Bits;
import static dev.enoki.wasm.nodes.numeric.NumericRunner.runI32;
import static dev.enoki.wasm.nodes.numeric.NumericRunner.runI64;
import static dev.enoki.wasm.nodes.numeric.NumericRunner.runTrapping;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.enoki.wasm.errors.Trap;
import dev.enoki.wasm.module.ImmediateKind;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * Numeric nodes on the values where Wasm and naive Java part ways. Expected values are the spec's: most are copied
 * from the official suite (i32.wast, i64.wast, conversions.wast, f32.wast, float_misc.wast, ...), the rest follow
 * from the spec's definitions (IEEE 754 round-to-nearest-even, NaN propagation rules).
 */
class NumericNodesTest {
    private static final int F32_CANONICAL_NAN = 0x7FC0_0000;
    private static final long F64_CANONICAL_NAN = 0x7FF8_0000_0000_0000L;
    /** nan:0x200000 and nan:0x4000000000000: quiet NaNs with a payload, as in the suite. */
    private static final int F32_QUIET_PAYLOAD_NAN = 0x7FA0_0000 | 0x0040_0000;
    /** nan:0x0f1e2 (float_misc.wast): a signalling NaN, quiet bit clear. */
    private static final int F32_SIGNALLING_NAN = 0x7F80_F1E2;
    /** nan:0x0f1e27a6b (float_misc.wast). */
    private static final long F64_SIGNALLING_NAN = 0x7FF0_0000_F1E2_7A6BL;

    // ---- the factory

    @Test
    void everyNumericOpcodeHasANodeProducingItsResultType() {
        int count = 0;
        for (Opcode op : Opcode.values()) {
            if (op.immediate != ImmediateKind.NONE || !op.hasFixedSignature()) {
                assertFalse(NumericNodes.isNumeric(op), op.text);
                continue;
            }
            assertTrue(NumericNodes.isNumeric(op), op.text);
            ValueType[] types = op.operands();
            ExpressionNode[] operands = new ExpressionNode[types.length];
            for (int i = 0; i < types.length; i++) {
                // 1 of each type: no operation traps on it.
                operands[i] = switch (types[i]) {
                    case I32 -> i32(1);
                    case I64 -> i64(1);
                    case F32 -> f32(1);
                    case F64 -> f64(1);
                    default -> throw new AssertionError(op.text);
                };
            }
            Class<?> boxed = switch (op.results()[0]) {
                case I32 -> Integer.class;
                case I64 -> Long.class;
                case F32 -> Float.class;
                case F64 -> Double.class;
                default -> throw new AssertionError(op.text);
            };
            assertInstanceOf(boxed, run(op, operands), op.text);
            count++;
        }
        // 123 core numeric instructions, 5 sign extensions, 8 saturating truncations.
        assertEquals(136, count);
    }

    @Test
    void nonNumericOpcodesAndWrongOperandCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> NumericNodes.create(Opcode.I32_CONST));
        assertThrows(IllegalArgumentException.class, () -> NumericNodes.create(Opcode.SELECT, i32(1), i32(2), i32(3)));
        assertThrows(IllegalArgumentException.class, () -> NumericNodes.create(Opcode.REF_IS_NULL, i32(1)));
        assertThrows(IllegalArgumentException.class, () -> NumericNodes.create(Opcode.I32_LOAD, i32(1)));
        assertThrows(IllegalArgumentException.class, () -> NumericNodes.create(Opcode.I32_ADD, i32(1)));
        assertThrows(IllegalArgumentException.class, () -> NumericNodes.create(Opcode.I32_EQZ, i32(1), i32(2)));
    }

    // ---- integer arithmetic

    @Test
    void i32DivisionAndRemainder() {
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I32_DIV_S, i32(0x8000_0000), i32(-1));
        assertTrap(Trap.DIVIDE_BY_ZERO, Opcode.I32_DIV_S, i32(1), i32(0));
        assertTrap(Trap.DIVIDE_BY_ZERO, Opcode.I32_DIV_S, i32(0x8000_0000), i32(0));
        assertTrap(Trap.DIVIDE_BY_ZERO, Opcode.I32_DIV_U, i32(1), i32(0));
        assertTrap(Trap.DIVIDE_BY_ZERO, Opcode.I32_REM_S, i32(1), i32(0));
        assertTrap(Trap.DIVIDE_BY_ZERO, Opcode.I32_REM_U, i32(1), i32(0));
        assertEquals(0xC000_0000, runI32(Opcode.I32_DIV_S, i32(0x8000_0000), i32(2)));
        assertEquals(-2, runI32(Opcode.I32_DIV_S, i32(-5), i32(2)));
        assertEquals(2, runI32(Opcode.I32_DIV_S, i32(-7), i32(-3)));
        assertEquals(0x4000_0000, runI32(Opcode.I32_DIV_U, i32(0x8000_0000), i32(2)));
        assertEquals(0x7FFF_FFFD, runI32(Opcode.I32_DIV_U, i32(-5), i32(2)));
        assertEquals(0, runI32(Opcode.I32_DIV_U, i32(-5), i32(-2)));
        // rem_s of the most negative value by -1 is 0, not a trap.
        assertEquals(0, runI32(Opcode.I32_REM_S, i32(0x8000_0000), i32(-1)));
        assertEquals(-1, runI32(Opcode.I32_REM_S, i32(-5), i32(2)));
        assertEquals(-1, runI32(Opcode.I32_REM_S, i32(-7), i32(-3)));
        assertEquals(-5, runI32(Opcode.I32_REM_U, i32(-5), i32(-2)));
        assertEquals(3, runI32(Opcode.I32_REM_U, i32(17), i32(7)));
    }

    @Test
    void i64DivisionAndRemainder() {
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I64_DIV_S, i64(Long.MIN_VALUE), i64(-1));
        assertTrap(Trap.DIVIDE_BY_ZERO, Opcode.I64_DIV_S, i64(Long.MIN_VALUE), i64(0));
        assertTrap(Trap.DIVIDE_BY_ZERO, Opcode.I64_DIV_U, i64(0), i64(0));
        assertTrap(Trap.DIVIDE_BY_ZERO, Opcode.I64_REM_S, i64(1), i64(0));
        assertTrap(Trap.DIVIDE_BY_ZERO, Opcode.I64_REM_U, i64(1), i64(0));
        assertEquals(0xFFDF_3B64_5A1C_AC09L, runI64(Opcode.I64_DIV_S, i64(0x8000_0000_0000_0001L), i64(1000)));
        assertEquals(-2, runI64(Opcode.I64_DIV_S, i64(-7), i64(3)));
        assertEquals(0x8FF0_0FEFL, runI64(Opcode.I64_DIV_U, i64(0x8FF0_0FF0_0FF0_0FF0L), i64(0x1_0000_0001L)));
        assertEquals(0x7FFF_FFFF_FFFF_FFFDL, runI64(Opcode.I64_DIV_U, i64(-5), i64(2)));
        assertEquals(0, runI64(Opcode.I64_REM_S, i64(Long.MIN_VALUE), i64(-1)));
        assertEquals(-807, runI64(Opcode.I64_REM_S, i64(0x8000_0000_0000_0001L), i64(1000)));
        assertEquals(-5, runI64(Opcode.I64_REM_U, i64(-5), i64(-2)));
    }

    @Test
    void bitCounts() {
        assertEquals(32, runI32(Opcode.I32_CLZ, i32(0)));
        assertEquals(24, runI32(Opcode.I32_CLZ, i32(0xFF)));
        assertEquals(0, runI32(Opcode.I32_CLZ, i32(0xFFFF_FFFF)));
        assertEquals(32, runI32(Opcode.I32_CTZ, i32(0)));
        assertEquals(31, runI32(Opcode.I32_CTZ, i32(0x8000_0000)));
        assertEquals(24, runI32(Opcode.I32_POPCNT, i32(0xDEAD_BEEF)));
        assertEquals(32, runI32(Opcode.I32_POPCNT, i32(-1)));
        assertEquals(64, runI64(Opcode.I64_CLZ, i64(0)));
        assertEquals(56, runI64(Opcode.I64_CLZ, i64(0xFF)));
        assertEquals(64, runI64(Opcode.I64_CTZ, i64(0)));
        assertEquals(63, runI64(Opcode.I64_CTZ, i64(Long.MIN_VALUE)));
        assertEquals(32, runI64(Opcode.I64_POPCNT, i64(0xAAAA_AAAA_5555_5555L)));
        assertEquals(48, runI64(Opcode.I64_POPCNT, i64(0xDEAD_BEEF_DEAD_BEEFL)));
    }

    @Test
    void shiftAndRotateCountsAreModular() {
        assertEquals(1, runI32(Opcode.I32_SHL, i32(1), i32(32)));
        assertEquals(0x8000_0000, runI32(Opcode.I32_SHL, i32(1), i32(-1)));
        assertEquals(-1, runI32(Opcode.I32_SHR_S, i32(-1), i32(1)));
        assertEquals(0x7FFF_FFFF, runI32(Opcode.I32_SHR_U, i32(-1), i32(1)));
        assertEquals(1, runI32(Opcode.I32_SHR_U, i32(-1), i32(0x7FFF_FFFF)));
        assertEquals(0xE00D_C00F, runI32(Opcode.I32_ROTL, i32(0xFE00_DC00), i32(4)));
        assertEquals(0x183A_5C76, runI32(Opcode.I32_ROTL, i32(0xB0C1_D2E3), i32(0xFF05)));
        assertEquals(0x0000_0400, runI32(Opcode.I32_ROTR, i32(0x0000_8000), i32(37)));
        assertEquals(0xE6FB_B4D5, runI32(Opcode.I32_ROTR, i32(0x769A_BCDF), i32(0x8000_000D)));
        assertEquals(1, runI64(Opcode.I64_SHL, i64(1), i64(64)));
        assertEquals(0x4000_0000_0000_0000L, runI64(Opcode.I64_SHR_U, i64(Long.MIN_VALUE), i64(65)));
        assertEquals(1, runI64(Opcode.I64_ROTL, i64(1), i64(64)));
        assertEquals(0x013579A2469DEACFL, runI64(Opcode.I64_ROTL, i64(0xABCD1234EF567809L), i64(53)));
        assertEquals(0x55E891A77AB3C04EL, runI64(Opcode.I64_ROTL, i64(0xABD1234EF567809CL), i64(63)));
        // A count with high bits set: only its low six bits count.
        assertEquals(2, runI64(Opcode.I64_ROTL, i64(1), i64(0x1_0000_0041L)));
        assertEquals(Long.MIN_VALUE, runI64(Opcode.I64_ROTR, i64(1), i64(0x1_0000_0041L)));
    }

    @Test
    void signExtension() {
        assertEquals(-128, runI32(Opcode.I32_EXTEND8_S, i32(0x80)));
        assertEquals(-0x80, runI32(Opcode.I32_EXTEND8_S, i32(0xFEDC_BA80)));
        assertEquals(127, runI32(Opcode.I32_EXTEND8_S, i32(0x7F)));
        assertEquals(-32768, runI32(Opcode.I32_EXTEND16_S, i32(0x8000)));
        assertEquals(0, runI32(Opcode.I32_EXTEND16_S, i32(0x0123_0000)));
        assertEquals(-0x80, runI64(Opcode.I64_EXTEND8_S, i64(0xFEDC_BA98_7654_3280L)));
        assertEquals(-0x8000, runI64(Opcode.I64_EXTEND16_S, i64(0x8000)));
        assertEquals(0xFFFF_FFFF_8000_0000L, runI64(Opcode.I64_EXTEND32_S, i64(0x8000_0000L)));
        assertEquals(0x7FFF_FFFF, runI64(Opcode.I64_EXTEND32_S, i64(0x0123_4567_7FFF_FFFFL)));
        assertEquals(0xFFFF_FFFF_8000_0000L, runI64(Opcode.I64_EXTEND_I32_S, i32(0x8000_0000)));
        assertEquals(0x0000_0000_FFFF_D8F0L, runI64(Opcode.I64_EXTEND_I32_U, i32(-10000)));
        assertEquals(0x7FFF_FFFF, runI32(Opcode.I32_WRAP_I64, i64(0xFFFF_FFFF_7FFF_FFFFL)));
    }

    @Test
    void integerComparisons() {
        assertEquals(1, runI32(Opcode.I32_EQZ, i32(0)));
        assertEquals(0, runI32(Opcode.I32_EQZ, i32(0x8000_0000)));
        assertEquals(1, runI32(Opcode.I64_EQZ, i64(0)));
        assertEquals(0, runI32(Opcode.I64_EQZ, i64(Long.MIN_VALUE)));
        assertEquals(1, runI32(Opcode.I32_LT_S, i32(-1), i32(1)));
        assertEquals(0, runI32(Opcode.I32_LT_U, i32(-1), i32(1)));
        assertEquals(1, runI32(Opcode.I32_GE_U, i32(0x8000_0000), i32(0x7FFF_FFFF)));
        assertEquals(0, runI32(Opcode.I32_GE_S, i32(0x8000_0000), i32(0x7FFF_FFFF)));
        assertEquals(1, runI32(Opcode.I64_GT_U, i64(Long.MIN_VALUE), i64(Long.MAX_VALUE)));
        assertEquals(0, runI32(Opcode.I64_GT_S, i64(Long.MIN_VALUE), i64(Long.MAX_VALUE)));
        assertEquals(1, runI32(Opcode.I64_LE_U, i64(0), i64(-1)));
        assertEquals(1, runI32(Opcode.I64_NE, i64(0x1_0000_0000L), i64(0)));
    }

    // ---- float arithmetic

    @Test
    void signOperationsAreBitwiseOnNaNs() {
        // float_misc.wast: abs, neg and copysign change only the sign bit, even of a signalling NaN.
        int negSignalling = F32_SIGNALLING_NAN | 0x8000_0000;
        assertEquals(F32_SIGNALLING_NAN, runF32Bits(Opcode.F32_ABS, f32Bits(negSignalling)));
        assertEquals(negSignalling, runF32Bits(Opcode.F32_NEG, f32Bits(F32_SIGNALLING_NAN)));
        assertEquals(F32_SIGNALLING_NAN, runF32Bits(Opcode.F32_NEG, f32Bits(negSignalling)));
        assertEquals(negSignalling,
                        runF32Bits(Opcode.F32_COPYSIGN, f32Bits(F32_SIGNALLING_NAN), f32Bits(0xFFC0_0000)));
        assertEquals(F32_SIGNALLING_NAN,
                        runF32Bits(Opcode.F32_COPYSIGN, f32Bits(negSignalling), f32Bits(F32_CANONICAL_NAN)));
        long negSignalling64 = F64_SIGNALLING_NAN | Long.MIN_VALUE;
        assertEquals(F64_SIGNALLING_NAN, runF64Bits(Opcode.F64_ABS, f64Bits(negSignalling64)));
        assertEquals(negSignalling64, runF64Bits(Opcode.F64_NEG, f64Bits(F64_SIGNALLING_NAN)));
        assertEquals(negSignalling64, runF64Bits(Opcode.F64_COPYSIGN, f64Bits(F64_SIGNALLING_NAN), f64(-1)));
        // f32_bitwise.wast: the sign of a NaN is copied too.
        assertEquals(0x8000_0001, runF32Bits(Opcode.F32_COPYSIGN, f32Bits(1), f32Bits(0xFFC0_0000)));
        assertEquals(0x8000_0000, runF32Bits(Opcode.F32_NEG, f32(0.0f)));
    }

    @Test
    void minAndMaxOrderZerosAndPropagateNaNs() {
        assertEquals(0x8000_0000, runF32Bits(Opcode.F32_MIN, f32(0.0f), f32(-0.0f)));
        assertEquals(0x8000_0000, runF32Bits(Opcode.F32_MIN, f32(-0.0f), f32(0.0f)));
        assertEquals(0, runF32Bits(Opcode.F32_MAX, f32(-0.0f), f32(0.0f)));
        assertEquals(0, runF32Bits(Opcode.F32_MAX, f32(0.0f), f32(-0.0f)));
        assertEquals(Long.MIN_VALUE, runF64Bits(Opcode.F64_MIN, f64(0.0), f64(-0.0)));
        assertEquals(0L, runF64Bits(Opcode.F64_MAX, f64(-0.0), f64(0.0)));
        assertEquals(Float.floatToRawIntBits(-1.0f), runF32Bits(Opcode.F32_MIN, f32(-1), f32(0x1p-149f)));
        assertEquals(Double.doubleToRawLongBits(Double.MAX_VALUE),
                        runF64Bits(Opcode.F64_MAX, f64(Double.MAX_VALUE), f64(Double.NEGATIVE_INFINITY)));
        // f32.wast: a NaN operand, on either side, makes the result a NaN; canonical in, canonical out.
        assertCanonical32(runF32Bits(Opcode.F32_MIN, f32Bits(F32_CANONICAL_NAN), f32(0)));
        assertCanonical32(runF32Bits(Opcode.F32_MAX, f32(Float.POSITIVE_INFINITY), f32Bits(0xFFC0_0000)));
        assertArithmetic32(runF32Bits(Opcode.F32_MIN, f32(0), f32Bits(F32_QUIET_PAYLOAD_NAN)));
        assertCanonical64(runF64Bits(Opcode.F64_MAX, f64Bits(F64_CANONICAL_NAN), f64(1)));
        // A signalling operand must still give an arithmetic (quiet) NaN.
        assertArithmetic32(runF32Bits(Opcode.F32_MIN, f32(0), f32Bits(F32_SIGNALLING_NAN)));
        assertArithmetic32(runF32Bits(Opcode.F32_MAX, f32Bits(F32_SIGNALLING_NAN), f32(0)));
        assertArithmetic64(runF64Bits(Opcode.F64_MIN, f64Bits(F64_SIGNALLING_NAN), f64(0)));
        assertArithmetic64(runF64Bits(Opcode.F64_MAX, f64(0), f64Bits(F64_SIGNALLING_NAN)));
    }

    @Test
    void roundingToIntegers() {
        // nearest rounds half to even and keeps the sign of a zero result.
        assertEquals(0x8000_0000, runF32Bits(Opcode.F32_NEAREST, f32(-0.5f)));
        assertEquals(Long.MIN_VALUE, runF64Bits(Opcode.F64_NEAREST, f64(-0.5)));
        assertEquals(Float.floatToRawIntBits(2.0f), runF32Bits(Opcode.F32_NEAREST, f32(2.5f)));
        assertEquals(Float.floatToRawIntBits(-4.0f), runF32Bits(Opcode.F32_NEAREST, f32(-3.5f)));
        assertEquals(Double.doubleToRawLongBits(2.0), runF64Bits(Opcode.F64_NEAREST, f64(1.5)));
        // float_misc.wast: 2^52 - 0.5 is a tie between 2^52 - 1 and the even 2^52; 2^23 + 1 is integral already.
        assertEquals(Double.doubleToRawLongBits(0x1p52), runF64Bits(Opcode.F64_NEAREST, f64(0x1.fffffffffffffp51)));
        assertEquals(Float.floatToRawIntBits(0x1.000002p23f), runF32Bits(Opcode.F32_NEAREST, f32(0x1.000002p23f)));
        assertEquals(0x8000_0000, runF32Bits(Opcode.F32_CEIL, f32(-0.5f)));
        assertEquals(0x8000_0000, runF32Bits(Opcode.F32_TRUNC, f32(-0.9f)));
        assertEquals(Long.MIN_VALUE, runF64Bits(Opcode.F64_TRUNC, f64(-0.9)));
        assertEquals(Long.MIN_VALUE, runF64Bits(Opcode.F64_FLOOR, f64(-0.0)));
        assertEquals(Float.floatToRawIntBits(1.0f), runF32Bits(Opcode.F32_CEIL, f32(0x1.fffffep-1f)));
        assertEquals(Float.floatToRawIntBits(-2.0f), runF32Bits(Opcode.F32_FLOOR, f32(-0x1.000002p0f)));
        assertEquals(Double.doubleToRawLongBits(2.0), runF64Bits(Opcode.F64_CEIL, f64(0x1.0000000000001p0)));
        // NaN in: canonical stays canonical, any other becomes quiet.
        assertCanonical32(runF32Bits(Opcode.F32_NEAREST, f32Bits(F32_CANONICAL_NAN)));
        assertArithmetic32(runF32Bits(Opcode.F32_FLOOR, f32Bits(F32_SIGNALLING_NAN)));
        assertArithmetic64(runF64Bits(Opcode.F64_TRUNC, f64Bits(F64_SIGNALLING_NAN)));
    }

    @Test
    void f32ArithmeticRoundsToF32() {
        // 1 + 2^-24 is a tie between 1 and 1 + 2^-23: even wins. Slightly above the tie rounds up.
        assertEquals(Float.floatToRawIntBits(1.0f), runF32Bits(Opcode.F32_ADD, f32(1), f32(0x1p-24f)));
        assertEquals(Float.floatToRawIntBits(0x1.000002p0f),
                        runF32Bits(Opcode.F32_ADD, f32(1), f32(0x1.000002p-24f)));
        // f32.wast: the largest finite values overflow to infinity in f32, not in some wider format.
        assertEquals(Float.floatToRawIntBits(Float.POSITIVE_INFINITY),
                        runF32Bits(Opcode.F32_MUL, f32(Float.MAX_VALUE), f32(2)));
        assertEquals(Float.floatToRawIntBits(0x1.6a09e6p0f), runF32Bits(Opcode.F32_SQRT, f32(2)));
        assertCanonical32(runF32Bits(Opcode.F32_SQRT, f32(-0x1p-149f)));
        assertEquals(0x8000_0000, runF32Bits(Opcode.F32_SQRT, f32(-0.0f)));
        assertCanonical64(runF64Bits(Opcode.F64_SUB, f64(Double.POSITIVE_INFINITY), f64(Double.POSITIVE_INFINITY)));
        assertArithmetic32(runF32Bits(Opcode.F32_ADD, f32Bits(F32_SIGNALLING_NAN), f32(1)));
    }

    @Test
    void floatComparisons() {
        assertEquals(0, runI32(Opcode.F32_EQ, f32Bits(F32_CANONICAL_NAN), f32Bits(F32_CANONICAL_NAN)));
        assertEquals(1, runI32(Opcode.F32_NE, f32Bits(F32_CANONICAL_NAN), f32Bits(F32_CANONICAL_NAN)));
        assertEquals(1, runI32(Opcode.F32_EQ, f32(-0.0f), f32(0.0f)));
        assertEquals(0, runI32(Opcode.F32_LT, f32(-0.0f), f32(0.0f)));
        assertEquals(1, runI32(Opcode.F32_LE, f32(-0.0f), f32(0.0f)));
        assertEquals(0, runI32(Opcode.F64_GE, f64Bits(F64_CANONICAL_NAN), f64(0)));
        assertEquals(0, runI32(Opcode.F64_LT, f64(0), f64Bits(F64_SIGNALLING_NAN)));
        assertEquals(1, runI32(Opcode.F64_GT, f64(Double.POSITIVE_INFINITY), f64(Double.MAX_VALUE)));
    }

    // ---- conversions

    @Test
    void trappingTruncationBoundaries() {
        assertEquals(-2147483648, runI32(Opcode.I32_TRUNC_F32_S, f32(-2147483648.0f)));
        assertEquals(2147483520, runI32(Opcode.I32_TRUNC_F32_S, f32(2147483520.0f)));
        assertEquals(-1, runI32(Opcode.I32_TRUNC_F32_S, f32(-1.9f)));
        assertEquals(0, runI32(Opcode.I32_TRUNC_F32_S, f32(-0x1p-149f)));
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I32_TRUNC_F32_S, f32(-2147483904.0f));
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I32_TRUNC_F32_S, f32(2147483648.0f));
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I32_TRUNC_F32_S, f32(Float.NEGATIVE_INFINITY));
        assertTrap(Trap.INVALID_CONVERSION, Opcode.I32_TRUNC_F32_S, f32Bits(F32_CANONICAL_NAN));
        assertTrap(Trap.INVALID_CONVERSION, Opcode.I32_TRUNC_F32_S, f32Bits(0xFFA0_0000));

        assertEquals(0x8000_0000, runI32(Opcode.I32_TRUNC_F32_U, f32(2147483648f)));
        assertEquals(-256, runI32(Opcode.I32_TRUNC_F32_U, f32(4294967040.0f)));
        assertEquals(0, runI32(Opcode.I32_TRUNC_F32_U, f32(-0x1.fffffep-1f)));
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I32_TRUNC_F32_U, f32(4294967296.0f));
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I32_TRUNC_F32_U, f32(-1.0f));

        assertEquals(-2147483648, runI32(Opcode.I32_TRUNC_F64_S, f64(-2147483648.9)));
        assertEquals(2147483647, runI32(Opcode.I32_TRUNC_F64_S, f64(2147483647.9)));
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I32_TRUNC_F64_S, f64(-2147483649.0));
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I32_TRUNC_F64_S, f64(2147483648.0));
        assertEquals(-1, runI32(Opcode.I32_TRUNC_F64_U, f64(4294967295.9)));
        assertEquals(0, runI32(Opcode.I32_TRUNC_F64_U, f64(-0.9999999999999999)));
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I32_TRUNC_F64_U, f64(4294967296.0));
        assertTrap(Trap.INVALID_CONVERSION, Opcode.I32_TRUNC_F64_U, f64Bits(0xFFF4_0000_0000_0000L));

        assertEquals(Long.MIN_VALUE, runI64(Opcode.I64_TRUNC_F32_S, f32(-9223372036854775808.0f)));
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I64_TRUNC_F32_S, f32(9223372036854775808.0f));
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I64_TRUNC_F32_S, f32(-9223373136366403584.0f));
        assertEquals(Long.MIN_VALUE, runI64(Opcode.I64_TRUNC_F64_S, f64(-9223372036854775808.0)));
        assertEquals(9223372036854774784L, runI64(Opcode.I64_TRUNC_F64_S, f64(9223372036854774784.0)));
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I64_TRUNC_F64_S, f64(9223372036854775808.0));
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I64_TRUNC_F64_S, f64(-9223372036854777856.0));
        assertEquals(-1099511627776L, runI64(Opcode.I64_TRUNC_F32_U, f32(18446742974197923840.0f)));
        assertEquals(-2048, runI64(Opcode.I64_TRUNC_F64_U, f64(18446744073709549568.0)));
        assertEquals(Long.MIN_VALUE, runI64(Opcode.I64_TRUNC_F64_U, f64(9223372036854775808.0)));
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I64_TRUNC_F64_U, f64(18446744073709551616.0));
        assertTrap(Trap.INTEGER_OVERFLOW, Opcode.I64_TRUNC_F64_U, f64(-1.0));
        assertTrap(Trap.INVALID_CONVERSION, Opcode.I64_TRUNC_F64_U, f64Bits(F64_CANONICAL_NAN));
    }

    @Test
    void saturatingTruncation() {
        assertEquals(0x7FFF_FFFF, runI32(Opcode.I32_TRUNC_SAT_F32_S, f32(2147483648.0f)));
        assertEquals(0x8000_0000, runI32(Opcode.I32_TRUNC_SAT_F32_S, f32(-2147483904.0f)));
        assertEquals(0, runI32(Opcode.I32_TRUNC_SAT_F32_S, f32Bits(0xFFA0_0000)));
        assertEquals(0xFFFF_FFFF, runI32(Opcode.I32_TRUNC_SAT_F32_U, f32(4294967296.0f)));
        assertEquals(0, runI32(Opcode.I32_TRUNC_SAT_F32_U, f32(-1.0f)));
        assertEquals(0, runI32(Opcode.I32_TRUNC_SAT_F32_U, f32(Float.NEGATIVE_INFINITY)));
        assertEquals(0, runI32(Opcode.I32_TRUNC_SAT_F64_U, f64Bits(F64_CANONICAL_NAN)));
        assertEquals(-1, runI32(Opcode.I32_TRUNC_SAT_F64_U, f64(4294967295.9)));
        assertEquals(0x8000_0000, runI32(Opcode.I32_TRUNC_SAT_F64_S, f64(Double.NEGATIVE_INFINITY)));
        assertEquals(Long.MAX_VALUE, runI64(Opcode.I64_TRUNC_SAT_F32_S, f32(Float.POSITIVE_INFINITY)));
        assertEquals(Long.MIN_VALUE, runI64(Opcode.I64_TRUNC_SAT_F64_S, f64(-9223372036854777856.0)));
        assertEquals(0, runI64(Opcode.I64_TRUNC_SAT_F64_S, f64Bits(0xFFF4_0000_0000_0000L)));
        assertEquals(-1L, runI64(Opcode.I64_TRUNC_SAT_F64_U, f64(18446744073709551616.0)));
        assertEquals(-2048, runI64(Opcode.I64_TRUNC_SAT_F64_U, f64(18446744073709549568.0)));
        assertEquals(Long.MIN_VALUE, runI64(Opcode.I64_TRUNC_SAT_F64_U, f64(9223372036854775808.0)));
        assertEquals(0, runI64(Opcode.I64_TRUNC_SAT_F64_U, f64(-0x1.fffffffffffffp-1)));
        assertEquals(0, runI64(Opcode.I64_TRUNC_SAT_F32_U, f32Bits(F32_SIGNALLING_NAN)));
        assertEquals(-1L, runI64(Opcode.I64_TRUNC_SAT_F32_U, f32(Float.POSITIVE_INFINITY)));
    }

    @Test
    void integerToFloatRoundsOnceToNearestEven() {
        // conversions.wast
        assertEquals(Float.floatToRawIntBits(0x1p64f), runF32Bits(Opcode.F32_CONVERT_I64_U, i64(-1)));
        assertEquals(Float.floatToRawIntBits(0x1p63f), runF32Bits(Opcode.F32_CONVERT_I64_U, i64(Long.MIN_VALUE)));
        assertEquals(Float.floatToRawIntBits(0x1.000002p63f),
                        runF32Bits(Opcode.F32_CONVERT_I64_U, i64(0x8000_0080_0000_0001L)));
        assertEquals(Float.floatToRawIntBits(0x1.fffffep63f),
                        runF32Bits(Opcode.F32_CONVERT_I64_U, i64(0xFFFF_FE80_0000_0001L)));
        assertEquals(Float.floatToRawIntBits(0x1.fffffep62f),
                        runF32Bits(Opcode.F32_CONVERT_I64_U, i64(0x7FFF_FFBF_FFFF_FFFFL)));
        // Exact ties above 2^63 go to even, down or up; a sticky bit just above the tie rounds up.
        assertEquals(Float.floatToRawIntBits(0x1p63f),
                        runF32Bits(Opcode.F32_CONVERT_I64_U, i64(0x8000_0080_0000_0000L)));
        assertEquals(Float.floatToRawIntBits(0x1.000004p63f),
                        runF32Bits(Opcode.F32_CONVERT_I64_U, i64(0x8000_0180_0000_0000L)));
        assertEquals(Float.floatToRawIntBits(0x1.000002p63f),
                        runF32Bits(Opcode.F32_CONVERT_I64_U, i64(0x8000_0080_0000_0001L)));
        assertEquals(Double.doubleToRawLongBits(0x1p64), runF64Bits(Opcode.F64_CONVERT_I64_U, i64(-1)));
        assertEquals(Double.doubleToRawLongBits(0x1p63),
                        runF64Bits(Opcode.F64_CONVERT_I64_U, i64(0x8000_0000_0000_0400L)));
        assertEquals(Double.doubleToRawLongBits(0x1.0000000000001p63),
                        runF64Bits(Opcode.F64_CONVERT_I64_U, i64(0x8000_0000_0000_0401L)));
        assertEquals(Double.doubleToRawLongBits(0x1.0000000000002p63),
                        runF64Bits(Opcode.F64_CONVERT_I64_U, i64(0x8000_0000_0000_0C00L)));
        assertEquals(Double.doubleToRawLongBits(0x1.ffffffffffffep63),
                        runF64Bits(Opcode.F64_CONVERT_I64_U, i64(0xFFFF_FFFF_FFFF_F400L)));
        assertEquals(Double.doubleToRawLongBits(0x1.fffffffffffffp63),
                        runF64Bits(Opcode.F64_CONVERT_I64_U, i64(0xFFFF_FFFF_FFFF_F401L)));
        assertEquals(Double.doubleToRawLongBits(9007199254740996.0),
                        runF64Bits(Opcode.F64_CONVERT_I64_U, i64(9007199254740995L)));
        assertEquals(Float.floatToRawIntBits(0x1.000002p53f),
                        runF32Bits(Opcode.F32_CONVERT_I64_S, i64(0x0020_0000_2000_0001L)));
        assertEquals(Float.floatToRawIntBits(-0x1.fffffep62f),
                        runF32Bits(Opcode.F32_CONVERT_I64_S, i64(0x8000_0040_0000_0001L)));
        assertEquals(Float.floatToRawIntBits(16777216.0f), runF32Bits(Opcode.F32_CONVERT_I32_S, i32(16777217)));
        assertEquals(Float.floatToRawIntBits(0x1p32f), runF32Bits(Opcode.F32_CONVERT_I32_U, i32(-1)));
        assertEquals(Float.floatToRawIntBits(0x1.fffffep31f),
                        runF32Bits(Opcode.F32_CONVERT_I32_U, i32(0xFFFF_FF7F)));
        assertEquals(Double.doubleToRawLongBits(4294967295.0), runF64Bits(Opcode.F64_CONVERT_I32_U, i32(-1)));
        assertEquals(Double.doubleToRawLongBits(-2147483648.0),
                        runF64Bits(Opcode.F64_CONVERT_I32_S, i32(0x8000_0000)));
    }

    @Test
    void demoteAndPromote() {
        assertEquals(Float.floatToRawIntBits(0x1.fffffep127f),
                        runF32Bits(Opcode.F32_DEMOTE_F64, f64(0x1.fffffefffffffp127)));
        assertEquals(Float.floatToRawIntBits(Float.POSITIVE_INFINITY),
                        runF32Bits(Opcode.F32_DEMOTE_F64, f64(0x1.ffffffp127)));
        assertEquals(Float.floatToRawIntBits(0x1p-149f),
                        runF32Bits(Opcode.F32_DEMOTE_F64, f64(0x1.0000000000001p-150)));
        assertEquals(0x8000_0000, runF32Bits(Opcode.F32_DEMOTE_F64, f64(-0x1p-150)));
        assertEquals(Double.doubleToRawLongBits(0x1p-149), runF64Bits(Opcode.F64_PROMOTE_F32, f32(0x1p-149f)));
        // conversions.wast: canonical NaNs stay canonical, others become arithmetic (quiet) NaNs.
        assertCanonical32(runF32Bits(Opcode.F32_DEMOTE_F64, f64Bits(F64_CANONICAL_NAN)));
        assertCanonical32(runF32Bits(Opcode.F32_DEMOTE_F64, f64Bits(0xFFF8_0000_0000_0000L)));
        assertArithmetic32(runF32Bits(Opcode.F32_DEMOTE_F64, f64Bits(0x7FFC_0000_0000_0000L)));
        assertArithmetic32(runF32Bits(Opcode.F32_DEMOTE_F64, f64Bits(F64_SIGNALLING_NAN)));
        assertArithmetic32(runF32Bits(Opcode.F32_DEMOTE_F64, f64Bits(0x7FF0_0000_0000_0001L)));
        assertCanonical64(runF64Bits(Opcode.F64_PROMOTE_F32, f32Bits(F32_CANONICAL_NAN)));
        assertCanonical64(runF64Bits(Opcode.F64_PROMOTE_F32, f32Bits(0xFFC0_0000)));
        assertArithmetic64(runF64Bits(Opcode.F64_PROMOTE_F32, f32Bits(F32_QUIET_PAYLOAD_NAN)));
        assertArithmetic64(runF64Bits(Opcode.F64_PROMOTE_F32, f32Bits(F32_SIGNALLING_NAN)));
        assertArithmetic64(runF64Bits(Opcode.F64_PROMOTE_F32, f32Bits(0x7F80_0001)));
    }

    @Test
    void reinterpretKeepsEveryBit() {
        assertEquals(F32_SIGNALLING_NAN, runI32(Opcode.I32_REINTERPRET_F32, f32Bits(F32_SIGNALLING_NAN)));
        assertEquals(0xFFA0_0000, runI32(Opcode.I32_REINTERPRET_F32, f32Bits(0xFFA0_0000)));
        assertEquals(0x8000_0000, runI32(Opcode.I32_REINTERPRET_F32, f32(-0.0f)));
        assertEquals(F32_SIGNALLING_NAN, runF32Bits(Opcode.F32_REINTERPRET_I32, i32(F32_SIGNALLING_NAN)));
        assertEquals(F64_SIGNALLING_NAN, runI64(Opcode.I64_REINTERPRET_F64, f64Bits(F64_SIGNALLING_NAN)));
        assertEquals(0xFFF4_0000_0000_0000L, runF64Bits(Opcode.F64_REINTERPRET_I64, i64(0xFFF4_0000_0000_0000L)));
        assertEquals(0x7FF0_0000_0000_0001L, runF64Bits(Opcode.F64_REINTERPRET_I64, i64(0x7FF0_0000_0000_0001L)));
    }

    // ---- assertions

    private static void assertTrap(String message, Opcode op, ExpressionNode... operands) {
        assertEquals(message, runTrapping(op, operands).getMessage(), op.text);
    }

    /** nan:canonical: quiet bit only, either sign. */
    private static void assertCanonical32(int bits) {
        assertEquals(F32_CANONICAL_NAN, bits & 0x7FFF_FFFF, () -> "not canonical: " + Integer.toHexString(bits));
    }

    /** nan:arithmetic: a NaN with the quiet bit set, any payload, either sign. */
    private static void assertArithmetic32(int bits) {
        assertEquals(F32_CANONICAL_NAN, bits & F32_CANONICAL_NAN, () -> "not arithmetic: " + Integer.toHexString(bits));
    }

    private static void assertCanonical64(long bits) {
        assertEquals(F64_CANONICAL_NAN, bits & Long.MAX_VALUE, () -> "not canonical: " + Long.toHexString(bits));
    }

    private static void assertArithmetic64(long bits) {
        assertEquals(F64_CANONICAL_NAN, bits & F64_CANONICAL_NAN, () -> "not arithmetic: " + Long.toHexString(bits));
    }
}

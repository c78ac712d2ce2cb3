package dev.enoki.wasm.validation;

import dev.enoki.wasm.module.ConstantExpression;
import dev.enoki.wasm.module.Instruction;
import dev.enoki.wasm.module.ValueType;

import java.util.List;

/**
 * Constant expressions (global initialisers, segment offsets and element items), as the reference interpreter checks
 * them: first every instruction must be constant ({@code t.const}, {@code ref.null}, {@code ref.func}, or
 * {@code global.get} of an immutable imported global), then the sequence must produce exactly the expected type.
 */
final class ConstantExpressionValidator {
    private ConstantExpressionValidator() {
    }

    static void validate(ConstantExpression expr, int expected, ValidationContext ctx) {
        List<Instruction> instructions = expr.instructions();
        for (Instruction i : instructions) {
            switch (i.opcode()) {
                case I32_CONST, I64_CONST, F32_CONST, F64_CONST, REF_NULL, REF_FUNC -> {
                }
                case GLOBAL_GET -> {
                    long g = i.immediate();
                    if (g < 0 || g >= ctx.importedGlobalCount) {
                        throw InvalidModuleException.unknown("global", g, i.offset());
                    }
                    if (ctx.globalMutable[(int) g]) {
                        throw new InvalidModuleException("constant expression required", i.offset());
                    }
                }
                default -> throw new InvalidModuleException("constant expression required", i.offset());
            }
        }
        int[] stack = new int[instructions.size()];
        int size = 0;
        for (Instruction i : instructions) {
            stack[size++] = switch (i.opcode()) {
                case I32_CONST -> TypeCodes.I32;
                case I64_CONST -> TypeCodes.I64;
                case F32_CONST -> TypeCodes.F32;
                case F64_CONST -> TypeCodes.F64;
                case REF_NULL -> referenceType(i);
                case REF_FUNC -> {
                    long f = i.immediate();
                    if (f < 0 || f >= ctx.functionCount) {
                        throw InvalidModuleException.unknown("function", f, i.offset());
                    }
                    if (!ctx.declaredFunctions[(int) f]) {
                        throw new InvalidModuleException("undeclared function reference", i.offset());
                    }
                    yield TypeCodes.FUNCREF;
                }
                case GLOBAL_GET -> ctx.globalTypes[(int) i.immediate()];
                default -> throw new AssertionError(i.opcode());
            };
        }
        if (size != 1 || stack[0] != expected) {
            throw new InvalidModuleException("type mismatch: block requires " + TypeCodes.format(TypeCodes.single(expected))
                            + " but stack has " + TypeCodes.format(stack, 0, size), expr.offset());
        }
    }

    /** {@code ref.null}'s immediate: the reference type's binary code (or, tolerated, its {@link ValueType} ordinal). */
    private static int referenceType(Instruction i) {
        long imm = i.immediate();
        if (imm == ValueType.FUNCREF.code || imm == ValueType.FUNCREF.ordinal()) {
            return TypeCodes.FUNCREF;
        } else if (imm == ValueType.EXTERNREF.code || imm == ValueType.EXTERNREF.ordinal()) {
            return TypeCodes.EXTERNREF;
        }
        throw new InvalidModuleException("malformed reference type", i.offset());
    }
}

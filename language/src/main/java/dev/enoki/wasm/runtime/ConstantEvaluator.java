package dev.enoki.wasm.runtime;

import dev.enoki.wasm.module.ConstantExpression;
import dev.enoki.wasm.module.Instruction;

import java.util.ArrayDeque;

/**
 * Evaluates validated constant expressions (global initialisers, segment offsets and items) to boxed values. Besides
 * the single instructions of Wasm 2.0 it accepts the extended-constant arithmetic of Wasm 3.0.
 */
final class ConstantEvaluator {
    private ConstantEvaluator() {
    }

    static Object evaluate(ConstantExpression expression, WasmInstance instance) {
        ArrayDeque<Object> stack = new ArrayDeque<>();
        for (Instruction instruction : expression.instructions()) {
            long imm = instruction.immediate();
            switch (instruction.opcode()) {
                case I32_CONST -> stack.push((int) imm);
                case I64_CONST -> stack.push(imm);
                case F32_CONST -> stack.push(Float.intBitsToFloat((int) imm));
                case F64_CONST -> stack.push(Double.longBitsToDouble(imm));
                case REF_NULL -> stack.push(WasmNull.INSTANCE);
                case REF_FUNC -> stack.push(instance.function((int) imm));
                case GLOBAL_GET -> stack.push(instance.global((int) imm).getBoxed());
                case I32_ADD, I32_SUB, I32_MUL -> {
                    int b = (Integer) stack.pop();
                    int a = (Integer) stack.pop();
                    stack.push(switch (instruction.opcode()) {
                        case I32_ADD -> a + b;
                        case I32_SUB -> a - b;
                        default -> a * b;
                    });
                }
                case I64_ADD, I64_SUB, I64_MUL -> {
                    long b = (Long) stack.pop();
                    long a = (Long) stack.pop();
                    stack.push(switch (instruction.opcode()) {
                        case I64_ADD -> a + b;
                        case I64_SUB -> a - b;
                        default -> a * b;
                    });
                }
                default -> throw new IllegalStateException("not a constant instruction: " + instruction.opcode());
            }
        }
        return stack.pop();
    }
}

package dev.enoki.wasm.nodes.numeric;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;

import dev.enoki.wasm.errors.Trap;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.nodes.ExpressionNode;

/** Builds one numeric node on constant operands and runs it under a root node, as a function body would. */
final class NumericRunner {
    private NumericRunner() {
    }

    static ExpressionNode i32(int value) {
        return new ExpressionNode() {
            @Override
            public int executeI32(VirtualFrame frame) {
                return value;
            }
        };
    }

    static ExpressionNode i64(long value) {
        return new ExpressionNode() {
            @Override
            public long executeI64(VirtualFrame frame) {
                return value;
            }
        };
    }

    static ExpressionNode f32(float value) {
        return new ExpressionNode() {
            @Override
            public float executeF32(VirtualFrame frame) {
                return value;
            }
        };
    }

    static ExpressionNode f64(double value) {
        return new ExpressionNode() {
            @Override
            public double executeF64(VirtualFrame frame) {
                return value;
            }
        };
    }

    /** f32 operand from raw bits, for NaNs with a payload. */
    static ExpressionNode f32Bits(int bits) {
        return f32(Float.intBitsToFloat(bits));
    }

    static ExpressionNode f64Bits(long bits) {
        return f64(Double.longBitsToDouble(bits));
    }

    /** Runs {@code op} on the operands through the typed execute method of its result type; the result boxed. */
    static Object run(Opcode op, ExpressionNode... operands) {
        ExpressionNode node = NumericNodes.create(op, operands);
        return new ResultRoot(node, op.results()[0]).getCallTarget().call();
    }

    static int runI32(Opcode op, ExpressionNode... operands) {
        return (Integer) run(op, operands);
    }

    static long runI64(Opcode op, ExpressionNode... operands) {
        return (Long) run(op, operands);
    }

    /** f32 result as raw bits, so that NaN payloads and the sign of zero are compared exactly. */
    static int runF32Bits(Opcode op, ExpressionNode... operands) {
        return Float.floatToRawIntBits((Float) run(op, operands));
    }

    static long runF64Bits(Opcode op, ExpressionNode... operands) {
        return Double.doubleToRawLongBits((Double) run(op, operands));
    }

    /** Asserts that {@code op} traps and returns the trap. */
    static Trap runTrapping(Opcode op, ExpressionNode... operands) {
        return assertThrows(Trap.class, () -> run(op, operands), op.text);
    }

    /** A language-less root that calls the one typed execute method matching the node's result type. */
    private static final class ResultRoot extends RootNode {
        @Child private ExpressionNode body;
        private final ValueType type;

        ResultRoot(ExpressionNode body, ValueType type) {
            super(null);
            this.body = body;
            this.type = type;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return switch (type) {
                case I32 -> body.executeI32(frame);
                case I64 -> body.executeI64(frame);
                case F32 -> body.executeF32(frame);
                case F64 -> body.executeF64(frame);
                default -> throw new AssertionError("not a numeric type: " + type);
            };
        }
    }
}

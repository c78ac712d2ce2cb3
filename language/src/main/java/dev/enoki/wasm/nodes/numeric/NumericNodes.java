package dev.enoki.wasm.nodes.numeric;

import dev.enoki.wasm.module.ImmediateKind;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.nodes.ExpressionNode;

/**
 * Builds the node of a numeric instruction: every {@link Opcode} with no immediate and a fixed signature (tests,
 * comparisons, arithmetic, conversions, sign extensions). The nodes are grouped in families by operand and result
 * type; each family node keeps its opcode in a final field, so partial evaluation folds its switch away.
 */
public final class NumericNodes {
    private NumericNodes() {
    }

    /** True for exactly the opcodes {@link #create} accepts. */
    public static boolean isNumeric(Opcode op) {
        return op.immediate == ImmediateKind.NONE && op.hasFixedSignature();
    }

    /**
     * The node computing {@code op} from {@code operands}, given in Wasm operand order (the first pushed first; it is
     * also evaluated first). Each operand node must produce the type {@code op.operands()} names; the node produces
     * the single type {@code op.results()} names, through the matching typed execute method.
     *
     * @throws IllegalArgumentException if {@code op} is not numeric or the operand count is wrong
     */
    public static ExpressionNode create(Opcode op, ExpressionNode... operands) {
        if (!isNumeric(op)) {
            throw new IllegalArgumentException(op + " is not a numeric instruction");
        }
        if (operands.length != op.operands().length) {
            String counts = op.operands().length + " operands, not " + operands.length;
            throw new IllegalArgumentException(op + " takes " + counts);
        }
        ExpressionNode a = operands[0];
        ExpressionNode b = operands.length > 1 ? operands[1] : null;
        return switch (op) {
            case I32_EQZ, I32_CLZ, I32_CTZ, I32_POPCNT, I32_EXTEND8_S, I32_EXTEND16_S -> new I32UnaryNode(op, a);
            case I32_ADD, I32_SUB, I32_MUL, I32_AND, I32_OR, I32_XOR,
                            I32_SHL, I32_SHR_S, I32_SHR_U, I32_ROTL, I32_ROTR -> new I32BinaryNode(op, a, b);
            case I32_DIV_S, I32_DIV_U, I32_REM_S, I32_REM_U -> new I32DivisionNode(op, a, b);
            case I32_EQ, I32_NE, I32_LT_S, I32_LT_U, I32_GT_S, I32_GT_U, I32_LE_S, I32_LE_U, I32_GE_S, I32_GE_U ->
                new I32CompareNode(op, a, b);

            case I64_EQZ -> new I64EqzNode(a);
            case I64_CLZ, I64_CTZ, I64_POPCNT, I64_EXTEND8_S, I64_EXTEND16_S, I64_EXTEND32_S -> new I64UnaryNode(op, a);
            case I64_ADD, I64_SUB, I64_MUL, I64_AND, I64_OR, I64_XOR,
                            I64_SHL, I64_SHR_S, I64_SHR_U, I64_ROTL, I64_ROTR -> new I64BinaryNode(op, a, b);
            case I64_DIV_S, I64_DIV_U, I64_REM_S, I64_REM_U -> new I64DivisionNode(op, a, b);
            case I64_EQ, I64_NE, I64_LT_S, I64_LT_U, I64_GT_S, I64_GT_U, I64_LE_S, I64_LE_U, I64_GE_S, I64_GE_U ->
                new I64CompareNode(op, a, b);

            case F32_ABS, F32_NEG, F32_CEIL, F32_FLOOR, F32_TRUNC, F32_NEAREST, F32_SQRT -> new F32UnaryNode(op, a);
            case F32_ADD, F32_SUB, F32_MUL, F32_DIV, F32_MIN, F32_MAX, F32_COPYSIGN -> new F32BinaryNode(op, a, b);
            case F32_EQ, F32_NE, F32_LT, F32_GT, F32_LE, F32_GE -> new F32CompareNode(op, a, b);

            case F64_ABS, F64_NEG, F64_CEIL, F64_FLOOR, F64_TRUNC, F64_NEAREST, F64_SQRT -> new F64UnaryNode(op, a);
            case F64_ADD, F64_SUB, F64_MUL, F64_DIV, F64_MIN, F64_MAX, F64_COPYSIGN -> new F64BinaryNode(op, a, b);
            case F64_EQ, F64_NE, F64_LT, F64_GT, F64_LE, F64_GE -> new F64CompareNode(op, a, b);

            case I32_WRAP_I64 -> new I32WrapNode(a);
            case I64_EXTEND_I32_S -> new I64ExtendI32Node(true, a);
            case I64_EXTEND_I32_U -> new I64ExtendI32Node(false, a);
            case I32_TRUNC_F32_S, I32_TRUNC_F32_U, I32_TRUNC_F64_S, I32_TRUNC_F64_U,
                            I32_TRUNC_SAT_F32_S, I32_TRUNC_SAT_F32_U, I32_TRUNC_SAT_F64_S, I32_TRUNC_SAT_F64_U ->
                new I32TruncateNode(op, a);
            case I64_TRUNC_F32_S, I64_TRUNC_F32_U, I64_TRUNC_F64_S, I64_TRUNC_F64_U,
                            I64_TRUNC_SAT_F32_S, I64_TRUNC_SAT_F32_U, I64_TRUNC_SAT_F64_S, I64_TRUNC_SAT_F64_U ->
                new I64TruncateNode(op, a);
            case F32_CONVERT_I32_S, F32_CONVERT_I32_U, F32_CONVERT_I64_S, F32_CONVERT_I64_U ->
                new F32ConvertNode(op, a);
            case F64_CONVERT_I32_S, F64_CONVERT_I32_U, F64_CONVERT_I64_S, F64_CONVERT_I64_U ->
                new F64ConvertNode(op, a);
            case F32_DEMOTE_F64 -> new F32DemoteNode(a);
            case F64_PROMOTE_F32 -> new F64PromoteNode(a);
            case I32_REINTERPRET_F32 -> new I32ReinterpretNode(a);
            case I64_REINTERPRET_F64 -> new I64ReinterpretNode(a);
            case F32_REINTERPRET_I32 -> new F32ReinterpretNode(a);
            case F64_REINTERPRET_I64 -> new F64ReinterpretNode(a);

            default -> throw new IllegalArgumentException(op + " has no numeric node");
        };
    }
}

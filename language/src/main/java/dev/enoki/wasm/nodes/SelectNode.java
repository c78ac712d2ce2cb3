package dev.enoki.wasm.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;

/** select: both operands are evaluated (in order), then the condition picks one. */
public final class SelectNode extends ExpressionNode {
    @Child private ExpressionNode first;
    @Child private ExpressionNode second;
    @Child private ExpressionNode condition;

    public SelectNode(ExpressionNode first, ExpressionNode second, ExpressionNode condition) {
        this.first = first;
        this.second = second;
        this.condition = condition;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        int a = first.executeI32(frame);
        int b = second.executeI32(frame);
        return condition.executeI32(frame) != 0 ? a : b;
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        long a = first.executeI64(frame);
        long b = second.executeI64(frame);
        return condition.executeI32(frame) != 0 ? a : b;
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        float a = first.executeF32(frame);
        float b = second.executeF32(frame);
        return condition.executeI32(frame) != 0 ? a : b;
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        double a = first.executeF64(frame);
        double b = second.executeF64(frame);
        return condition.executeI32(frame) != 0 ? a : b;
    }

    @Override
    public Object executeReference(VirtualFrame frame) {
        Object a = first.executeReference(frame);
        Object b = second.executeReference(frame);
        return condition.executeI32(frame) != 0 ? a : b;
    }
}

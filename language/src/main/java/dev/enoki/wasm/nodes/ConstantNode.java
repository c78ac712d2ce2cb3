package dev.enoki.wasm.nodes;

import com.oracle.truffle.api.frame.VirtualFrame;

/** A constant: numbers as raw bits (so float NaN payloads are exact), or a reference (ref.null, ref.func). */
public final class ConstantNode extends ExpressionNode {
    private final long bits;
    private final Object reference;

    private ConstantNode(long bits, Object reference) {
        this.bits = bits;
        this.reference = reference;
    }

    public static ConstantNode ofBits(long bits) {
        return new ConstantNode(bits, null);
    }

    public static ConstantNode ofReference(Object reference) {
        return new ConstantNode(0, reference);
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return (int) bits;
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        return bits;
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        return Float.intBitsToFloat((int) bits);
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        return Double.longBitsToDouble(bits);
    }

    @Override
    public Object executeReference(VirtualFrame frame) {
        return reference;
    }
}

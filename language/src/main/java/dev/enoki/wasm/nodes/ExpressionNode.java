package dev.enoki.wasm.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;

/**
 * A node that produces exactly one Wasm value. Each subclass implements the one typed execute method matching its
 * result type, so values never need boxing: i32 as int, i64 as long, f32 as float, f64 as double (NaN bits kept, so
 * floats are never routed through operations that canonicalise them), references as Object.
 */
public abstract class ExpressionNode extends WasmNode {

    public int executeI32(VirtualFrame frame) {
        throw CompilerDirectives.shouldNotReachHere(getClass().getSimpleName() + " does not produce i32");
    }

    public long executeI64(VirtualFrame frame) {
        throw CompilerDirectives.shouldNotReachHere(getClass().getSimpleName() + " does not produce i64");
    }

    public float executeF32(VirtualFrame frame) {
        throw CompilerDirectives.shouldNotReachHere(getClass().getSimpleName() + " does not produce f32");
    }

    public double executeF64(VirtualFrame frame) {
        throw CompilerDirectives.shouldNotReachHere(getClass().getSimpleName() + " does not produce f64");
    }

    public Object executeReference(VirtualFrame frame) {
        throw CompilerDirectives.shouldNotReachHere(getClass().getSimpleName() + " does not produce a reference");
    }
}

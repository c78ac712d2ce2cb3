package dev.enoki.wasm.nodes.control;

import java.util.Map;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.enoki.wasm.module.ValueType;

/**
 * The frame slots a loop treats on its own, by what they hold at the loop's start: those no path of an iteration
 * reads (dead), and those that may hold a value the loop reads (live in). Each slot of a function frame holds values of
 * one Wasm type (a local's, or one operand-stack position's for one type), so the builder knows every slot's type.
 */
public final class LoopSlots {
    @CompilationFinal(dimensions = 1) private final int[] deadPrimitive;
    @CompilationFinal(dimensions = 1) private final int[] deadObject;
    @CompilationFinal(dimensions = 1) private final int[] liveI32;
    @CompilationFinal(dimensions = 1) private final int[] liveI64;
    @CompilationFinal(dimensions = 1) private final int[] liveF32;
    @CompilationFinal(dimensions = 1) private final int[] liveF64;
    @CompilationFinal(dimensions = 1) private final int[] liveObject;

    /** Both maps give each slot the type of the values it holds. */
    public LoopSlots(Map<Integer, ValueType> dead, Map<Integer, ValueType> liveIn) {
        this.deadPrimitive = slots(dead, null, true);
        this.deadObject = slots(dead, null, false);
        this.liveI32 = slots(liveIn, ValueType.I32, true);
        this.liveI64 = slots(liveIn, ValueType.I64, true);
        this.liveF32 = slots(liveIn, ValueType.F32, true);
        this.liveF64 = slots(liveIn, ValueType.F64, true);
        this.liveObject = slots(liveIn, null, false);
    }

    /** The slots of {@code type}, or with {@code type} null, all numeric ({@code numeric}) or all other slots. */
    private static int[] slots(Map<Integer, ValueType> types, ValueType type, boolean numeric) {
        return types.entrySet().stream()
                        .filter(e -> type == null ? e.getValue().isNumeric() == numeric : e.getValue() == type)
                        .mapToInt(Map.Entry::getKey).sorted().toArray();
    }

    /**
     * At the loop's entry and back edge: clears the dead slots. Every safepoint and deoptimization point in compiled
     * code carries the frame's state, so a slot left as it is keeps a value alive around the loop (a phi of the entry
     * value and the last iteration's), which on HotSpot costs a stack move per iteration at the back edge's safepoint;
     * cleared on both edges, the slot is one constant there. The interpreter clears them too: a few stores per
     * iteration, and every test that runs a loop then checks the analysis, since a slot wrongly cleared reads as zero.
     */
    @ExplodeLoop
    void clearDead(VirtualFrame frame) {
        for (int slot : deadPrimitive) {
            frame.clearPrimitiveStatic(slot);
        }
        for (int slot : deadObject) {
            frame.clearObjectStatic(slot);
        }
    }

    /**
     * Called once Truffle has copied the interpreter's frame into the frame of the loop's compiled code (on-stack
     * replacement): that copy moves each primitive as raw bits with the slot's tag, both unknown to the compiler, so
     * around the loop a double lives in a general register, converted at every use, and each tag is one more value kept
     * at the back edge. Read and written again by their types, the live slots enter the loop as typed values with
     * constant tags, as in code compiled from the function's start.
     */
    @ExplodeLoop
    void retype(VirtualFrame osrFrame, VirtualFrame parentFrame) {
        for (int slot : liveI32) {
            osrFrame.setIntStatic(slot, parentFrame.getIntStatic(slot));
        }
        for (int slot : liveI64) {
            osrFrame.setLongStatic(slot, parentFrame.getLongStatic(slot));
        }
        for (int slot : liveF32) {
            osrFrame.setFloatStatic(slot, parentFrame.getFloatStatic(slot));
        }
        for (int slot : liveF64) {
            osrFrame.setDoubleStatic(slot, parentFrame.getDoubleStatic(slot));
        }
        for (int slot : liveObject) {
            osrFrame.setObjectStatic(slot, parentFrame.getObjectStatic(slot));
        }
    }
}

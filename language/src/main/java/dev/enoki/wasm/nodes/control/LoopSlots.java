package dev.enoki.wasm.nodes.control;

import java.util.Map;
import java.util.stream.IntStream;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.enoki.wasm.module.ValueType;

/**
 * The frame slots of a loop, by what they hold at the loop's start: those no path of an iteration reads (dead), those
 * that may hold a value the loop reads (live in), and the others the function has when the loop is built (carried,
 * copied as they are: the instance, which no loop writes, and slots the loop does not read). Each slot of a function
 * frame holds values of one Wasm type (a local's, or one operand-stack position's for one type), so the builder knows
 * every slot's type.
 */
public final class LoopSlots {
    @CompilationFinal(dimensions = 1) private final int[] deadPrimitive;
    @CompilationFinal(dimensions = 1) private final int[] deadObject;
    @CompilationFinal(dimensions = 1) private final int[] liveI32;
    @CompilationFinal(dimensions = 1) private final int[] liveI64;
    @CompilationFinal(dimensions = 1) private final int[] liveF32;
    @CompilationFinal(dimensions = 1) private final int[] liveF64;
    @CompilationFinal(dimensions = 1) private final int[] liveObject;
    @CompilationFinal(dimensions = 1) private final int[] carried;
    /**
     * The function's slots when the loop is built. A slot added later belongs to an operand-stack position first used
     * after the loop, so no value in it lives across the loop, and the copies leave it out.
     */
    private final int slotCount;

    /** Both maps give each slot the type of the values it holds; {@code slotCount} slots exist at the loop. */
    public LoopSlots(Map<Integer, ValueType> dead, Map<Integer, ValueType> liveIn, int slotCount) {
        this.deadPrimitive = slots(dead, null, true);
        this.deadObject = slots(dead, null, false);
        this.liveI32 = slots(liveIn, ValueType.I32, true);
        this.liveI64 = slots(liveIn, ValueType.I64, true);
        this.liveF32 = slots(liveIn, ValueType.F32, true);
        this.liveF64 = slots(liveIn, ValueType.F64, true);
        this.liveObject = slots(liveIn, null, false);
        this.carried = IntStream.range(0, slotCount).filter(slot -> !dead.containsKey(slot) && !liveIn.containsKey(slot)).toArray();
        this.slotCount = slotCount;
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
     * Copies the interpreter's frame into the frame of the loop's compiled code (on-stack replacement), in place of
     * Truffle's copy. That one moves each slot as raw bits with its tag: in the compiled loop a double then lives in a
     * general register, moved to and from an xmm register at each use (mandel's inner loop in OSR code ran 1.9 s
     * against 1.4 s compiled from the function's start), and each tag is one more value kept at the back edge. Here
     * the live slots are read and written by their types, so they enter the loop as typed values with constant tags;
     * the carried ones are copied as they are, and the dead ones are cleared by the loop itself.
     */
    @ExplodeLoop
    void copyInto(VirtualFrame osrFrame, VirtualFrame parentFrame) {
        for (int slot : carried) {
            parentFrame.copyTo(slot, osrFrame, slot, 1);
        }
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

    /** Once the loop is left in its compiled code: what the loop wrote goes back to the interpreter's frame. */
    void copyBack(VirtualFrame osrFrame, VirtualFrame parentFrame) {
        osrFrame.copyTo(0, parentFrame, 0, slotCount);
    }
}

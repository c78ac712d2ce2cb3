package dev.enoki.wasm.nodes.control;

import java.util.Map;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import dev.enoki.wasm.module.ValueType;

/**
 * A set of frame slots copied between a frame and {@link SharedLocals}, each by its type, so that the values leave and
 * enter the frame as typed values, as they are everywhere else in compiled code.
 */
public final class SlotTransfer {
    @CompilationFinal(dimensions = 1) private final int[] i32;
    @CompilationFinal(dimensions = 1) private final int[] i64;
    @CompilationFinal(dimensions = 1) private final int[] f32;
    @CompilationFinal(dimensions = 1) private final int[] f64;
    @CompilationFinal(dimensions = 1) private final int[] references;

    /** @param slots each slot with the type of the values it holds; non-numeric types for slots holding objects */
    public SlotTransfer(Map<Integer, ValueType> slots) {
        this.i32 = slots(slots, ValueType.I32);
        this.i64 = slots(slots, ValueType.I64);
        this.f32 = slots(slots, ValueType.F32);
        this.f64 = slots(slots, ValueType.F64);
        this.references = slots.entrySet().stream().filter(e -> !e.getValue().isNumeric()).mapToInt(Map.Entry::getKey).sorted().toArray();
    }

    private static int[] slots(Map<Integer, ValueType> slots, ValueType type) {
        return slots.entrySet().stream().filter(e -> e.getValue() == type).mapToInt(Map.Entry::getKey).sorted().toArray();
    }

    /**
     * Gives each slot a value of its type (zero, or null): in a huge function, every temporary at the function's
     * entry. A stretch's call copies the slots it may write, whether or not they hold a value yet.
     */
    @ExplodeLoop
    public void zero(VirtualFrame frame) {
        for (int slot : i32) {
            frame.setIntStatic(slot, 0);
        }
        for (int slot : i64) {
            frame.setLongStatic(slot, 0L);
        }
        for (int slot : f32) {
            frame.setFloatStatic(slot, 0f);
        }
        for (int slot : f64) {
            frame.setDoubleStatic(slot, 0d);
        }
        for (int slot : references) {
            frame.setObjectStatic(slot, null);
        }
    }

    @ExplodeLoop
    void toShared(VirtualFrame frame, SharedLocals shared) {
        long[] numbers = shared.numbers;
        for (int slot : i32) {
            numbers[slot] = frame.getIntStatic(slot);
        }
        for (int slot : i64) {
            numbers[slot] = frame.getLongStatic(slot);
        }
        for (int slot : f32) {
            numbers[slot] = Float.floatToRawIntBits(frame.getFloatStatic(slot));
        }
        for (int slot : f64) {
            numbers[slot] = Double.doubleToRawLongBits(frame.getDoubleStatic(slot));
        }
        Object[] objects = shared.references;
        for (int slot : references) {
            objects[slot] = frame.getObjectStatic(slot);
        }
    }

    @ExplodeLoop
    void fromShared(SharedLocals shared, VirtualFrame frame) {
        long[] numbers = shared.numbers;
        for (int slot : i32) {
            frame.setIntStatic(slot, (int) numbers[slot]);
        }
        for (int slot : i64) {
            frame.setLongStatic(slot, numbers[slot]);
        }
        for (int slot : f32) {
            frame.setFloatStatic(slot, Float.intBitsToFloat((int) numbers[slot]));
        }
        for (int slot : f64) {
            frame.setDoubleStatic(slot, Double.longBitsToDouble(numbers[slot]));
        }
        Object[] objects = shared.references;
        for (int slot : references) {
            frame.setObjectStatic(slot, objects[slot]);
        }
    }
}

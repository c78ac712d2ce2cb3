package dev.enoki.wasm.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import dev.enoki.wasm.memory.LinearMemory;
import dev.enoki.wasm.runtime.WasmInstance;

/**
 * The layout of a Wasm function's frame. ASTs belong to a module and are shared by all its instances (and contexts),
 * so the instance a call runs in travels as the call's first argument and sits in slot 0. Slots 1 to 3 hold memory 0
 * for the loads and stores of the function (see {@link #cacheMemory}); the function's locals follow, then the
 * operand-stack temporaries.
 */
public final class FunctionFrame {
    public static final int INSTANCE_SLOT = 0;
    /** Memory 0 itself. */
    public static final int MEMORY_SLOT = 1;
    /** The native address where memory 0's bytes start. */
    public static final int MEMORY_BASE_SLOT = 2;
    /** Memory 0's size capped to 32 bits, what its accesses are checked against ({@link LinearMemory#checkedSize}). */
    public static final int MEMORY_SIZE_SLOT = 3;
    private static final int FIRST_LOCAL_SLOT = 4;

    private FunctionFrame() {
    }

    public static int localSlot(int localIndex) {
        return localIndex + FIRST_LOCAL_SLOT;
    }

    public static WasmInstance instance(VirtualFrame frame) {
        return CompilerDirectives.castExact(frame.getObjectStatic(INSTANCE_SLOT), WasmInstance.class);
    }

    /**
     * Puts memory 0, its address and its size in the frame, at the entry of a function that loads or stores. In
     * compiled code the address and the size are then plain values. Read from the memory at each access instead,
     * they were read again after every store: a store to native memory may write any location as far as the compiler
     * knows, so the instance's memory array, the memory and its fields were loaded again and the limit computed
     * again, six loads and five other instructions before the next access (the dispatch kernel's loop, which stores a
     * register on most of its paths).
     *
     * <p>The address never changes: the memory's address space is reserved for its maximum at once. The size changes
     * only when the memory grows, which the function sees after its own {@code memory.grow} and after a call (see
     * {@code CallSiteNode.afterCall}); a context runs on one thread at a time, so nothing else grows it meanwhile.
     * The bytes are released only once nothing runs in the context any more, or once the memory is unreachable, and
     * the frame holds it.
     */
    public static void cacheMemory(VirtualFrame frame) {
        LinearMemory memory = instance(frame).memory(0);
        frame.setObjectStatic(MEMORY_SLOT, memory);
        frame.setLongStatic(MEMORY_BASE_SLOT, memory.address());
        frame.setLongStatic(MEMORY_SIZE_SLOT, memory.checkedSize());
    }

    public static LinearMemory memory(VirtualFrame frame) {
        return CompilerDirectives.castExact(frame.getObjectStatic(MEMORY_SLOT), LinearMemory.class);
    }

    public static long memoryBase(VirtualFrame frame) {
        return frame.getLongStatic(MEMORY_BASE_SLOT);
    }

    public static long memorySize(VirtualFrame frame) {
        return frame.getLongStatic(MEMORY_SIZE_SLOT);
    }

    public static void setMemorySize(VirtualFrame frame, long checkedSize) {
        frame.setLongStatic(MEMORY_SIZE_SLOT, checkedSize);
    }
}

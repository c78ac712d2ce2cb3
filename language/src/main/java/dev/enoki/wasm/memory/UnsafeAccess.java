package dev.enoki.wasm.memory;

import java.lang.reflect.Field;

/**
 * Raw native loads and stores for the hot path of linear memory. Measured in this engine's compiled code (a loop of
 * one load and one store per cell): through {@code MemorySegment} 8-10 ns per iteration, because partial evaluation
 * cannot see through the segment's access path; through {@code Unsafe} 0.85 ns, a plain load or store after the one
 * bounds check {@link LinearMemory} does itself. JDK 25 warns once about these methods unless the JVM runs with
 * {@code --sun-misc-unsafe-memory-access=allow} (Truffle needs that flag for itself too).
 */
final class UnsafeAccess {
    static final sun.misc.Unsafe UNSAFE;

    static {
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            UNSAFE = (sun.misc.Unsafe) field.get(null);
            if (java.nio.ByteOrder.nativeOrder() != java.nio.ByteOrder.LITTLE_ENDIAN) {
                throw new ExceptionInInitializerError("Enoki's linear memory needs a little-endian platform");
            }
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private UnsafeAccess() {
    }
}

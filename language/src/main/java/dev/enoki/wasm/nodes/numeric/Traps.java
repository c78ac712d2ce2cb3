package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.nodes.Node;

import dev.enoki.wasm.errors.Trap;

/** The numeric trap paths: they leave compiled code first, so traps never bloat the fast path. */
final class Traps {
    private Traps() {
    }

    /** Returns (for the caller to throw) a trap with one of the {@link Trap} messages. */
    static Trap trap(String message, Node location) {
        CompilerDirectives.transferToInterpreter();
        return Trap.create(message, location);
    }

    /** The trap of a trapping float-to-integer truncation whose operand was NaN or out of range. */
    static Trap conversionFailure(double operand, Node location) {
        CompilerDirectives.transferToInterpreter();
        return Trap.create(Double.isNaN(operand) ? Trap.INVALID_CONVERSION : Trap.INTEGER_OVERFLOW, location);
    }
}

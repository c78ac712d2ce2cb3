package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.nodes.Node;

import dev.enoki.wasm.errors.Trap;

/**
 * The numeric traps. Compiled code throws them where they happen: leaving it for the interpreter at each trap made
 * HotSpot throw the code away after a few, so a function that traps again and again (an embedder that catches the trap
 * and calls again) was compiled again and again, until Truffle stopped compiling it ("Deopt taken too many times"). The
 * callers mark the trapping branch as the slow path, and {@link Trap#create} is a boundary, so the trap costs the fast
 * path a compare and a call out of line.
 */
final class Traps {
    private Traps() {
    }

    /** Returns (for the caller to throw) a trap with one of the {@link Trap} messages. */
    static Trap trap(String message, Node location) {
        return Trap.create(message, location);
    }

    /** The trap of a trapping float-to-integer truncation whose operand was NaN or out of range. */
    static Trap conversionFailure(double operand, Node location) {
        return Trap.create(Double.isNaN(operand) ? Trap.INVALID_CONVERSION : Trap.INTEGER_OVERFLOW, location);
    }
}

package dev.enoki.wasm.nodes.numeric;

import com.oracle.truffle.api.nodes.Node;

import dev.enoki.wasm.errors.Trap;

/** The trap of a trapping float-to-integer truncation, whose message depends on the operand. */
final class Traps {
    private Traps() {
    }

    /** The trap of a trapping float-to-integer truncation whose operand was NaN or out of range. */
    static Trap conversionFailure(double operand, Node location) {
        return Trap.create(Double.isNaN(operand) ? Trap.INVALID_CONVERSION : Trap.INTEGER_OVERFLOW, location);
    }
}

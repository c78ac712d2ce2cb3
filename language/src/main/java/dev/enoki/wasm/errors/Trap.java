package dev.enoki.wasm.errors;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.nodes.Node;

/**
 * A Wasm trap: a guest exception carrying the spec's message ("integer divide by zero", "out of bounds memory
 * access", ...). The location node gives Truffle the Wasm stack trace.
 */
public final class Trap extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    public static final String UNREACHABLE = "unreachable";
    public static final String DIVIDE_BY_ZERO = "integer divide by zero";
    public static final String INTEGER_OVERFLOW = "integer overflow";
    public static final String INVALID_CONVERSION = "invalid conversion to integer";
    public static final String OUT_OF_BOUNDS_MEMORY = "out of bounds memory access";
    public static final String OUT_OF_BOUNDS_TABLE = "out of bounds table access";
    public static final String UNDEFINED_ELEMENT = "undefined element";
    public static final String UNINITIALIZED_ELEMENT = "uninitialized element";
    public static final String INDIRECT_CALL_TYPE_MISMATCH = "indirect call type mismatch";
    public static final String CALL_STACK_EXHAUSTED = "call stack exhausted";

    /**
     * Wasm frames a trap's stack trace keeps, innermost first: a runaway recursion traps some 50,000 calls deep
     * ({@code CallDepth}), and the launcher printed every one of them.
     */
    static final int STACK_TRACE_LIMIT = 100;

    public Trap(String message, Node location) {
        super(message, null, STACK_TRACE_LIMIT, location);
    }

    /**
     * Creates a trap, for the caller to throw. A boundary, so that compiled code throws a trap where it happens at the
     * cost of a call out of line, its callers marking the trapping branch as the slow path. Leaving compiled code for
     * the interpreter at each trap made HotSpot throw the code away after a few, so a function that traps again and
     * again (an embedder that catches the trap and calls again) was compiled again and again, until Truffle stopped
     * compiling it ("Deopt taken too many times").
     */
    @TruffleBoundary
    public static Trap create(String message, Node location) {
        return new Trap(message, location);
    }
}

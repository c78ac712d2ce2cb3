package dev.enoki.wasm.wasi;

import com.oracle.truffle.api.nodes.Node;

/** One call of a WASI function: its arguments, the caller's memory and the context's WASI state. */
final class WasiCall {
    private final Object[] arguments;
    final GuestMemory memory;
    final WasiEnvironment environment;
    /** The calling node, for safepoints while blocked and for exceptions' locations. */
    final Node location;

    WasiCall(Object[] arguments, GuestMemory memory, WasiEnvironment environment, Node location) {
        this.arguments = arguments;
        this.memory = memory;
        this.environment = environment;
        this.location = location;
    }

    /** The WASI argument {@code index}; the call's argument 0 is the calling instance, so it is one further on. */
    int i32(int index) {
        return (Integer) arguments[index + 1];
    }

    long i64(int index) {
        return (Long) arguments[index + 1];
    }

    FdTable fds() {
        return environment.fds;
    }

    /** A string argument given as pointer and length in arguments {@code index} and {@code index + 1}. */
    String string(int index) {
        return memory.readString(i32(index), i32(index + 1));
    }
}

package dev.enoki.wasm.wasi;

import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.module.ValueType;

import java.io.IOException;

/**
 * One function of WASI preview1: its name, its Wasm signature and its body. Bodies run behind a Truffle boundary and
 * end in an errno: normally by returning (success), otherwise by throwing {@link WasiError} or a host exception that
 * {@link Errno} maps.
 */
record WasiFunction(String name, FuncType type, Body body) {
    @FunctionalInterface
    interface Body {
        void run(WasiCall call) throws IOException;
    }

    /**
     * A function returning an errno; {@code params} spells the parameter types, {@code i} for i32 and {@code I} for
     * i64, in order.
     */
    static WasiFunction of(String name, String params, Body body) {
        return new WasiFunction(name, new FuncType(types(params), new ValueType[]{ValueType.I32}), body);
    }

    /** A function without a result ({@code proc_exit}). */
    static WasiFunction withoutResult(String name, String params, Body body) {
        return new WasiFunction(name, new FuncType(types(params), new ValueType[0]), body);
    }

    private static ValueType[] types(String params) {
        ValueType[] types = new ValueType[params.length()];
        for (int i = 0; i < types.length; i++) {
            types[i] = params.charAt(i) == 'I' ? ValueType.I64 : ValueType.I32;
        }
        return types;
    }
}

package dev.enoki.wasm.runtime;

import dev.enoki.wasm.module.FuncType;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Gives every distinct function signature one small integer for the whole VM, so call_indirect's signature check is a
 * single int compare even across modules (Wasm 2.0 function types are structural).
 */
public final class CanonicalTypes {
    private static final ConcurrentHashMap<FuncType, Integer> IDS = new ConcurrentHashMap<>();

    private CanonicalTypes() {
    }

    public static int idOf(FuncType type) {
        return IDS.computeIfAbsent(type, t -> IDS.size());
    }
}

package dev.enoki.wasm.module;

import java.util.Arrays;

/** A function signature. Equal types are interchangeable everywhere (structural typing in Wasm 2.0). */
public final class FuncType {
    private final ValueType[] params;
    private final ValueType[] results;
    private final int hash;

    public FuncType(ValueType[] params, ValueType[] results) {
        this.params = params;
        this.results = results;
        this.hash = 31 * Arrays.hashCode(params) + Arrays.hashCode(results);
    }

    public int paramCount() {
        return params.length;
    }

    public int resultCount() {
        return results.length;
    }

    public ValueType param(int i) {
        return params[i];
    }

    public ValueType result(int i) {
        return results[i];
    }

    public ValueType[] params() {
        return params.clone();
    }

    public ValueType[] results() {
        return results.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FuncType other && hash == other.hash && Arrays.equals(params, other.params) && Arrays.equals(results, other.results);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The text form GraalJS reads: {@code (i32 i64)f32}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < params.length; i++) {
            sb.append(i == 0 ? "" : " ").append(params[i]);
        }
        sb.append(')');
        for (int i = 0; i < results.length; i++) {
            sb.append(i == 0 ? "" : " ").append(results[i]);
        }
        return sb.toString();
    }
}

package dev.enoki.wasm.module;

/** Size limits of a table or memory; {@code max} is -1 when absent. Units are elements or pages. */
public record Limits(long min, long max) {
    public boolean hasMax() {
        return max >= 0;
    }
}

package dev.enoki.wasm.nodes.numeric;

/**
 * Unsigned comparisons written as signed ones on values shifted by {@code MIN_VALUE}. Graal folds that form into one
 * unsigned compare-and-branch; {@code Integer/Long.compareUnsigned(a, b) < 0} compiles to a -1/0/1 value built with
 * two conditional moves that the branch then tests (seen in the LIR of a sieve loop: 15% of its time).
 */
public final class Unsigned {
    private Unsigned() {
    }

    public static boolean lessThan(int a, int b) {
        return a + Integer.MIN_VALUE < b + Integer.MIN_VALUE;
    }

    public static boolean lessThan(long a, long b) {
        return a + Long.MIN_VALUE < b + Long.MIN_VALUE;
    }
}

package dev.enoki.wasm.binary;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The binary format's {@code vec(B)}: a length, then that many elements. */
final class Vectors {
    private Vectors() {
    }

    /** Reads a vector; the length is bounded by the module's size, so the list is too. */
    static <T> List<T> read(ByteReader in, Function<ByteReader, T> element) {
        int count = in.readLength();
        List<T> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(element.apply(in));
        }
        return List.copyOf(result);
    }
}

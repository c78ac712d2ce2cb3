package dev.enoki.wasm.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.LongStream;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import dev.enoki.wasm.interop.WasmTestSupport;

/**
 * A load or store checks its address in one of two forms: against a limit per offset inside a loop, against the size
 * less the width elsewhere ({@link LinearMemory}). The same accesses, in and out of a loop, must trap exactly where
 * the spec says, that is where address + offset + width passes the memory's size, and otherwise read the bytes a copy
 * of the memory kept here holds (the data segment, then the zeros the stores write).
 */
class BoundsCheckFormsTest {
    private static final long SIZE = 65536;
    private static final long[] OFFSETS = {0, 1, 3, 65528, 65535, 65536, 0x7FFF_FFFFL, 0xFFFF_FFFFL};
    private static final String[][] ACCESSES = {
        {"i32.load8_u", "i32.store8", "i32", "1"},
        {"i32.load16_u", "i32.store16", "i32", "2"},
        {"i32.load", "i32.store", "i32", "4"},
        {"i64.load", "i64.store", "i64", "8"},
    };

    private static String module() {
        StringBuilder w = new StringBuilder("(module (memory 1)\n");
        w.append(" (data (i32.const 65520) \"\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10\")\n");
        for (String[] access : ACCESSES) {
            for (long offset : OFFSETS) {
                String load = "(" + access[0] + " offset=" + offset + " (local.get 0))";
                String store = "(" + access[1] + " offset=" + offset + " (local.get 0) (" + access[2] + ".const 0))";
                String name = access[0] + "_" + offset;
                w.append(" (func (export \"straight ").append(name).append("\") (param i32) (result ").append(access[2]).append(") ")
                                .append(load).append(")\n");
                w.append(" (func (export \"looped ").append(name).append("\") (param i32) (result ").append(access[2])
                                .append(") (loop (result ").append(access[2]).append(") ").append(load).append("))\n");
                w.append(" (func (export \"straight store ").append(name).append("\") (param i32) ").append(store).append(")\n");
                w.append(" (func (export \"looped store ").append(name).append("\") (param i32) (loop ").append(store).append("))\n");
            }
        }
        return w.append(")").toString();
    }

    @Test
    void bothFormsTrapExactlyPastTheSize() {
        try (Context context = WasmTestSupport.context()) {
            Value exports = WasmTestSupport.exports(context, module());
            byte[] memory = new byte[(int) SIZE];
            for (int i = 0; i < 16; i++) {
                memory[65520 + i] = (byte) (i + 1);
            }
            int checked = 0;
            for (String[] access : ACCESSES) {
                int width = Integer.parseInt(access[3]);
                for (long offset : OFFSETS) {
                    String name = access[0] + "_" + offset;
                    for (long address : addresses(offset, width)) {
                        boolean inBounds = address + offset + width <= SIZE;
                        String where = name + " at " + address;
                        Long expected = inBounds ? littleEndian(memory, (int) (address + offset), width) : null;
                        assertEquals(expected, outcome(exports.getMember("straight " + name), address, inBounds, where), where);
                        assertEquals(expected, outcome(exports.getMember("looped " + name), address, inBounds, where), where);
                        outcome(exports.getMember("straight store " + name), address, inBounds, "store " + where);
                        outcome(exports.getMember("looped store " + name), address, inBounds, "store " + where);
                        if (inBounds) {
                            Arrays.fill(memory, (int) (address + offset), (int) (address + offset) + width, (byte) 0);
                        }
                        checked++;
                    }
                }
            }
            assertTrue(checked > 100, "checked " + checked + " accesses");
        }
    }

    /** The last address that fits, its neighbours, and addresses whose sum with the offset passes 32 bits. */
    private static long[] addresses(long offset, int width) {
        long last = SIZE - width - offset;
        return LongStream.of(0, last - 1, last, last + 1, SIZE - 1, SIZE, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFF8L, 0xFFFF_FFFFL)
                        .filter(address -> address >= 0 && address <= 0xFFFF_FFFFL).distinct().toArray();
    }

    private static long littleEndian(byte[] memory, int start, int width) {
        long value = 0;
        for (int i = width - 1; i >= 0; i--) {
            value = value << 8 | (memory[start + i] & 0xFF);
        }
        return value;
    }

    /** The value a load read (null for a store or a trap), after checking the call trapped if and only if it should. */
    private static Long outcome(Value function, long address, boolean inBounds, String where) {
        int argument = (int) address;
        if (inBounds) {
            Value result = function.execute(argument);
            return result.isNumber() ? result.asLong() : null;
        }
        PolyglotException e = assertThrows(PolyglotException.class, () -> function.execute(argument), where);
        assertTrue(e.getMessage().contains("out of bounds memory access"), where + ": " + e.getMessage());
        return null;
    }
}

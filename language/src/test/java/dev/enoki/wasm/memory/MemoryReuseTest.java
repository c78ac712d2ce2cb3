package dev.enoki.wasm.memory;

import dev.enoki.wasm.interop.WasmTestSupport;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import static dev.enoki.wasm.interop.WasmTestSupport.PAGE;
import static dev.enoki.wasm.interop.WasmTestSupport.exports;
import static dev.enoki.wasm.memory.MemoryAccounting.collectUntil;
import static dev.enoki.wasm.memory.MemoryAccounting.pooled;
import static dev.enoki.wasm.memory.MemoryAccounting.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mapping of an unreachable memory serves the next memory of the same reserved size: that memory reads zeros
 * everywhere, also where it grows later; a closing context takes its pooled mappings with it; and a memory kept after
 * its context closed never reaches another memory's bytes.
 */
class MemoryReuseTest {
    /** A maximum no other test uses, so the pooled mapping of this size is this test's. */
    private static final int MAX_PAGES = 301;
    private static final int FULL_PAGES = 256;

    private static final String FILLING = """
            (module
              (memory (export "memory") 1 %d)
              (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
              (func (export "fill") (param i32)
                i32.const 0 local.get 0 memory.size i32.const 65536 i32.mul memory.fill))
            """.formatted(MAX_PAGES);

    /** Grows to {@link #FULL_PAGES}, fills every byte with {@code value}, and lets every Value go. */
    private static void fillAndDrop(Context context, int value) {
        Value exports = exports(context, FILLING);
        assertEquals(1, exports.getMember("grow").execute(FULL_PAGES - 1).asInt());
        exports.getMember("fill").execute(value);
        assertEquals((byte) value, exports.getMember("memory").readBufferByte((long) FULL_PAGES * PAGE - 1));
    }

    private static void assertAllZero(Value memory, long from, long to) {
        byte[] bytes = new byte[PAGE];
        for (long at = from; at < to; at += PAGE) {
            memory.readBuffer(at, bytes, 0, PAGE);
            for (int i = 0; i < PAGE; i++) {
                if (bytes[i] != 0) {
                    throw new AssertionError("byte " + (at + i) + " of a reused mapping is " + bytes[i]);
                }
            }
        }
    }

    @Test
    void aReusedMappingReadsZeroAlsoWhereTheMemoryGrowsLater() {
        try (Context context = WasmTestSupport.context()) {
            settle();
            long before = pooled();
            fillAndDrop(context, 0xA5);
            assertTrue(collectUntil(MemoryAccounting::pooled, now -> now > before), "the unreachable memory's mapping is pooled");

            Value exports = exports(context, FILLING);
            assertTrue(pooled() < before + (long) FULL_PAGES * PAGE, "the new memory took the pooled mapping");
            Value memory = exports.getMember("memory");
            assertAllZero(memory, 0, PAGE);
            assertEquals(1, exports.getMember("grow").execute(99).asInt());
            assertAllZero(memory, 0, 100L * PAGE);
            assertEquals(100, memory.invokeMember("grow", FULL_PAGES - 100).asInt());
            assertAllZero(memory, 0, (long) FULL_PAGES * PAGE);
        }
    }

    @Test
    void youngCollectionsFindDroppedMemoriesToo() {
        String property = "enoki.memory.youngCollections";
        System.setProperty(property, "true");
        try (Context context = WasmTestSupport.context()) {
            long before = settle();
            // 16 MiB each, over and over: the account collects, and each memory reuses a dropped one's mapping.
            for (int i = 0; i < 12; i++) {
                fillAndDrop(context, i + 1);
                assertTrue(MemoryAccounting.used() <= before + 5L * FULL_PAGES * PAGE, "dropped memories do not pile up");
            }
            Value memory = exports(context, FILLING).getMember("memory");
            memory.invokeMember("grow", FULL_PAGES - 1);
            assertAllZero(memory, 0, (long) FULL_PAGES * PAGE);
        } finally {
            System.clearProperty(property);
        }
    }

    @Test
    void closingTheContextUnmapsItsPooledMappings() {
        settle();
        long before = pooled();
        Context context = WasmTestSupport.context();
        fillAndDrop(context, 1);
        assertTrue(collectUntil(MemoryAccounting::pooled, now -> now > before), "the unreachable memory's mapping is pooled");
        context.close();
        assertEquals(before, pooled(), "close took the context's pooled mapping with it");
    }

    @Test
    void aMemoryKeptAfterCloseNeverReachesAnotherMemorysBytes() {
        settle();
        long before = pooled();
        Context closed = WasmTestSupport.context();
        Value kept = exports(closed, FILLING).getMember("memory");
        kept.writeBufferByte(0, (byte) 7);
        closed.close();
        assertEquals(before, pooled(), "a memory released by close is unmapped, never pooled");

        try (Context context = WasmTestSupport.context()) {
            for (int i = 0; i < 3; i++) {
                fillAndDrop(context, 0x77);
            }
            assertThrows(RuntimeException.class, () -> kept.readBufferByte(0));
            assertThrows(RuntimeException.class, kept::getBufferSize);
        }
    }
}

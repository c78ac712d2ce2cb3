package dev.enoki.wasm.memory;

import dev.enoki.wasm.interop.WasmTestSupport;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static dev.enoki.wasm.interop.WasmTestSupport.PAGE;
import static dev.enoki.wasm.interop.WasmTestSupport.exports;
import static dev.enoki.wasm.memory.MemoryAccounting.collectUntil;
import static dev.enoki.wasm.memory.MemoryAccounting.settle;
import static dev.enoki.wasm.memory.MemoryAccounting.used;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** memory.grow: host views stay coherent, maximums and the context's memory limit hold, and 4 GiB works. */
class MemoryGrowthTest {
    private static final String GROWABLE = """
            (module
              (memory (export "memory") %s)
              (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
              (func (export "size") (result i32) memory.size)
              (func (export "store8") (param i32 i32) local.get 0 local.get 1 i32.store8)
              (func (export "load8") (param i32) (result i32) local.get 0 i32.load8_u)
              (func (export "store64") (param i32 i64) local.get 0 local.get 1 i64.store)
              (func (export "load64") (param i32) (result i64) local.get 0 i64.load))
            """;

    private static Value growable(Context context, String limits) {
        return exports(context, GROWABLE.formatted(limits));
    }

    @Test
    void hostViewFollowsGrowthFromInsideWasm() {
        try (Context context = WasmTestSupport.context()) {
            Value exports = growable(context, "1 10");
            Value memory = exports.getMember("memory");
            assertEquals(PAGE, memory.getBufferSize());
            assertThrows(IndexOutOfBoundsException.class, () -> memory.readBufferByte(PAGE));

            assertEquals(1, exports.getMember("grow").execute(4).asInt());
            assertEquals(5L * PAGE, memory.getBufferSize(), "the Value taken before the grow reports the new size");
            assertEquals(5, memory.getMember("size").asLong());
            assertEquals(0, memory.readBufferByte(5L * PAGE - 1), "new pages read as zero");
            memory.writeBufferByte(5L * PAGE - 1, (byte) 0x42);
            assertEquals(0x42, exports.getMember("load8").execute(5 * PAGE - 1).asInt());
            exports.getMember("store8").execute(3 * PAGE, 0x24);
            assertEquals(0x24, memory.readBufferByte(3L * PAGE));
            assertEquals("wasm-memory[pages=5]", memory.toString());

            memory.invokeMember("grow", 2);
            assertEquals(7, exports.getMember("size").execute().asInt(), "Wasm sees growth by the host");
            exports.getMember("store64").execute(7 * PAGE - 8, -1L);
            assertEquals(-1L, memory.readBufferLong(ByteOrder.BIG_ENDIAN, 7L * PAGE - 8));
        }
    }

    /**
     * A function keeps its memory's size in its frame (FunctionFrame.cacheMemory): it must see the pages a function it
     * calls, directly, through a table or as an import, adds, and those its own memory.grow adds.
     */
    @Test
    void aFunctionReachesThePagesThatAFunctionItCallsAdded() {
        String wat = """
                (module
                  (import "env" "hostGrow" (func $hostGrow))
                  (memory (export "memory") 1)
                  (table funcref (elem $grow))
                  (func $grow (drop (memory.grow (i32.const 1))))
                  (func (export "direct") (result i32)
                    (call $grow)
                    (i32.store (i32.const 65536) (i32.const 42))
                    (i32.load (i32.const 65536)))
                  (func (export "indirect") (result i32)
                    (call_indirect (i32.const 0))
                    (i32.store (i32.const 131072) (i32.const 43))
                    (i32.load (i32.const 131072)))
                  (func (export "imported") (result i32)
                    (call $hostGrow)
                    (i32.store (i32.const 196608) (i32.const 44))
                    (i32.load (i32.const 196608)))
                  (func (export "own") (result i32)
                    (drop (memory.grow (i32.const 1)))
                    (i32.store (i32.const 262144) (i32.const 45))
                    (i32.load (i32.const 262144))))
                """;
        try (Context context = WasmTestSupport.context()) {
            Value[] memory = new Value[1];
            ProxyExecutable hostGrow = arguments -> memory[0].invokeMember("grow", 1);
            Value exports = exports(context, wat, WasmTestSupport.imports("env", "hostGrow", hostGrow));
            memory[0] = exports.getMember("memory");
            assertEquals(42, exports.getMember("direct").execute().asInt());
            assertEquals(43, exports.getMember("indirect").execute().asInt());
            assertEquals(44, exports.getMember("imported").execute().asInt());
            assertEquals(45, exports.getMember("own").execute().asInt());
            assertEquals(5L * PAGE, memory[0].getBufferSize());
        }
    }

    @Test
    void growBeyondTheDeclaredMaximumReturnsMinusOne() {
        try (Context context = WasmTestSupport.context()) {
            Value exports = growable(context, "2 3");
            Value grow = exports.getMember("grow");
            assertEquals(-1, grow.execute(2).asInt());
            assertEquals(2, exports.getMember("size").execute().asInt(), "a failed grow changes nothing");
            assertEquals(2, grow.execute(1).asInt());
            assertEquals(-1, grow.execute(1).asInt());
            assertEquals(3, grow.execute(0).asInt(), "growing by 0 at the maximum succeeds");
            assertEquals(-1, grow.execute(-1).asInt(), "the delta is unsigned: 2^32-1 pages");
            assertEquals(3L * PAGE, exports.getMember("memory").getBufferSize());

            Value unbounded = growable(context, "0").getMember("grow");
            assertEquals(-1, unbounded.execute(65537).asInt(), "no memory passes 65536 pages");
        }
    }

    @Test
    void contextMemoryLimitBoundsGrowth() {
        long limit = 4L * PAGE;
        try (Context context = WasmTestSupport.contextWithMemoryLimit(limit)) {
            Value exports = growable(context, "2");
            Value memory = exports.getMember("memory");
            assertEquals(2, exports.getMember("grow").execute(2).asInt(), "up to the limit is fine");
            assertEquals(limit, memory.getBufferSize());
            assertEquals(-1, exports.getMember("grow").execute(1).asInt(), "past the limit fails like past a maximum");
            assertEquals(-1, memory.invokeMember("grow", 1).asLong(), "also when the host grows");
            assertEquals(limit, memory.getBufferSize());
            assertEquals(4, exports.getMember("size").execute().asInt());
            assertEquals(4, exports.getMember("grow").execute(0).asInt());
        }
    }

    @Test
    void contextMemoryLimitIsNotAPageMultiple() {
        try (Context context = WasmTestSupport.contextWithMemoryLimit(3L * PAGE + PAGE / 2)) {
            Value exports = growable(context, "1");
            assertEquals(1, exports.getMember("grow").execute(2).asInt());
            assertEquals(-1, exports.getMember("grow").execute(1).asInt(), "a fourth page would pass 3.5 pages");
        }
    }

    @Test
    void instantiationPastTheMemoryLimitFailsCleanly() {
        try (Context context = WasmTestSupport.contextWithMemoryLimit(4L * PAGE)) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> growable(context, "5"));
            assertTrue(e.isGuestException(), e::toString);
            assertFalse(e.isInternalError(), e::toString);

            // The limit is on all memories of the context together.
            Value first = growable(context, "3");
            e = assertThrows(PolyglotException.class, () -> growable(context, "2"));
            assertTrue(e.isGuestException(), e::toString);
            Value second = growable(context, "1");
            assertEquals(-1, second.getMember("grow").execute(1).asInt());
            assertEquals(-1, first.getMember("grow").execute(1).asInt());

            // The context is still usable after the failures.
            first.getMember("store8").execute(3 * PAGE - 1, 9);
            assertEquals(9, first.getMember("load8").execute(3 * PAGE - 1).asInt());
        }
    }

    @Test
    void memoryLimitBudgetComesBackWhenMemoriesAreReleased() {
        try (Context context = WasmTestSupport.contextWithMemoryLimit(3L * PAGE)) {
            long before = settle();
            assertEquals(2, growable(context, "2").getMember("size").execute().asInt());
            assertTrue(collectUntil(now -> now <= before), "the unreachable 2-page memory was released");
            Value again = growable(context, "2");
            assertEquals(2, again.getMember("size").execute().asInt(), "its bytes no longer count against the limit");
            assertEquals(-1, again.getMember("grow").execute(2).asInt());
        }
    }

    @Test
    void memoryOfThreeGibibytesWorks() {
        long before = settle();
        try (Context context = WasmTestSupport.context()) {
            Value exports = growable(context, "1");
            Value memory = exports.getMember("memory");
            int pages = 3 * 16384;
            long bytes = (long) pages * PAGE;
            assertEquals(1, exports.getMember("grow").execute(pages - 1).asInt());
            assertEquals(pages, exports.getMember("size").execute().asInt());
            assertEquals(bytes, memory.getBufferSize());
            assertEquals(before + bytes, used());

            int last = (int) (bytes - 1);
            exports.getMember("store8").execute(last, 0xEE);
            assertEquals(0xEE, exports.getMember("load8").execute(last).asInt());
            assertEquals((byte) 0xEE, memory.readBufferByte(bytes - 1));
            memory.writeBufferByte(bytes - 2, (byte) 0x11);
            assertEquals(0x11, exports.getMember("load8").execute(last - 1).asInt());
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("load8").execute(last + 1));
            assertTrue(e.getMessage().contains("out of bounds memory access"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> memory.readBufferByte(bytes));
        }
        assertEquals(before, used(), "closing the context released the 3 GiB");
    }

    @Test
    void memoryOfFourGibibytesWorks() {
        long before = settle();
        try (Context context = WasmTestSupport.context()) {
            Value grown = growable(context, "1");
            Value memory = grown.getMember("memory");
            assertEquals(1, grown.getMember("grow").execute(65535).asInt());
            assertEquals(65536, grown.getMember("size").execute().asInt());
            long bytes = 1L << 32;
            assertEquals(bytes, memory.getBufferSize());
            assertEquals(65536, memory.getMember("size").asLong());

            int lastAddress = 0xFFFFFFFF; // the unsigned address 4 GiB - 1
            grown.getMember("store8").execute(lastAddress, 0x7B);
            assertEquals(0x7B, grown.getMember("load8").execute(lastAddress).asInt());
            assertEquals(0x7B, memory.readBufferByte(bytes - 1));
            grown.getMember("store64").execute(0xFFFFFFF0, 0x0102030405060708L);
            assertEquals(0x0102030405060708L, memory.readBufferLong(ByteOrder.LITTLE_ENDIAN, bytes - 16));
            memory.writeBufferLong(ByteOrder.LITTLE_ENDIAN, bytes - 8, Long.MIN_VALUE);
            assertEquals(Long.MIN_VALUE, grown.getMember("load64").execute(0xFFFFFFF8).asLong());
            PolyglotException e = assertThrows(PolyglotException.class, () -> grown.getMember("load64").execute(0xFFFFFFF9));
            assertTrue(e.getMessage().contains("out of bounds memory access"), e.getMessage());

            assertEquals(-1, grown.getMember("grow").execute(1).asInt(), "4 GiB is the most a memory can have");
            assertEquals(-1, memory.invokeMember("grow", 1).asLong());

            // A memory declared at 4 GiB from the start works the same.
            Value declared = growable(context, "65536 65536");
            declared.getMember("store8").execute(lastAddress, 0x3C);
            assertEquals(0x3C, declared.getMember("memory").readBufferByte(bytes - 1));
            assertEquals(0, grown.getMember("load8").execute(lastAddress - 1).asInt(), "the two memories are separate");
            assertEquals(before + 2 * bytes, used());
        }
        assertEquals(before, used(), "closing the context released both");
    }
}

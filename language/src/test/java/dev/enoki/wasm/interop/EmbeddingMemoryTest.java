package dev.enoki.wasm.interop;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.enoki.wasm.interop.WasmTestSupport.PAGE;
import static dev.enoki.wasm.interop.WasmTestSupport.exports;
import static dev.enoki.wasm.interop.WasmTestSupport.imports;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Memories through the polyglot buffer protocol and their members, exported and imported. */
class EmbeddingMemoryTest {
    /** Load and store helpers over an exported memory: Wasm's view of what the host wrote, and the other way. */
    private static final String MEMORY = """
            (module
              (memory (export "memory") 1 4)
              (func (export "load8") (param i32) (result i32) local.get 0 i32.load8_u)
              (func (export "load32") (param i32) (result i32) local.get 0 i32.load)
              (func (export "load64") (param i32) (result i64) local.get 0 i64.load)
              (func (export "loadf32") (param i32) (result f32) local.get 0 f32.load)
              (func (export "loadf64") (param i32) (result f64) local.get 0 f64.load)
              (func (export "store32") (param i32 i32) local.get 0 local.get 1 i32.store)
              (func (export "store64") (param i32 i64) local.get 0 local.get 1 i64.store)
              (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
              (func (export "size") (result i32) memory.size))
            """;

    private Context context;
    private Value exports;
    private Value memory;

    @BeforeEach
    void open() {
        context = WasmTestSupport.context();
        exports = exports(context, MEMORY);
        memory = exports.getMember("memory");
    }

    @AfterEach
    void close() {
        context.close();
    }

    private Value call(String name, Object... args) {
        return exports.getMember(name).execute(args);
    }

    @Test
    void memoryIsAWritableBufferOfItsByteLength() {
        assertTrue(memory.hasBufferElements());
        assertTrue(memory.isBufferWritable());
        assertEquals(PAGE, memory.getBufferSize());
        assertEquals(0, memory.readBufferByte(PAGE - 1), "a new memory is zeroed");
        assertThrows(IndexOutOfBoundsException.class, () -> memory.readBufferByte(PAGE));
        assertThrows(IndexOutOfBoundsException.class, () -> memory.readBufferByte(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> memory.readBufferInt(ByteOrder.LITTLE_ENDIAN, PAGE - 3));
        assertThrows(IndexOutOfBoundsException.class, () -> memory.writeBufferLong(ByteOrder.LITTLE_ENDIAN, PAGE - 7, 1L));
    }

    @Test
    void hostWritesAreSeenByWasmInLittleEndian() {
        memory.writeBufferByte(3, (byte) 0xAB);
        assertEquals(0xAB, call("load8", 3).asInt());

        memory.writeBufferInt(ByteOrder.LITTLE_ENDIAN, 16, 0x11223344);
        assertEquals(0x11223344, call("load32", 16).asInt());
        assertEquals(0x44, call("load8", 16).asInt(), "Wasm memory is little-endian");
        memory.writeBufferInt(ByteOrder.BIG_ENDIAN, 16, 0x11223344);
        assertEquals(0x44332211, call("load32", 16).asInt());
        assertEquals(0x11, call("load8", 16).asInt());

        memory.writeBufferShort(ByteOrder.LITTLE_ENDIAN, 32, (short) 0xBEEF);
        assertEquals(0xEF, call("load8", 32).asInt());
        assertEquals(0xBE, call("load8", 33).asInt());
        memory.writeBufferShort(ByteOrder.BIG_ENDIAN, 40, (short) 0xBEEF);
        assertEquals(0xBE, call("load8", 40).asInt());
        assertEquals(0xEF, call("load8", 41).asInt());

        memory.writeBufferLong(ByteOrder.LITTLE_ENDIAN, 48, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, call("load64", 48).asLong());
        memory.writeBufferLong(ByteOrder.BIG_ENDIAN, 48, 0x0102030405060708L);
        assertEquals(0x0807060504030201L, call("load64", 48).asLong());

        memory.writeBufferFloat(ByteOrder.LITTLE_ENDIAN, 64, 3.25f);
        assertEquals(3.25f, call("loadf32", 64).asFloat());
        memory.writeBufferFloat(ByteOrder.BIG_ENDIAN, 64, 3.25f);
        assertEquals(Integer.reverseBytes(Float.floatToRawIntBits(3.25f)), call("load32", 64).asInt());

        memory.writeBufferDouble(ByteOrder.LITTLE_ENDIAN, 72, -1.0e300);
        assertEquals(-1.0e300, call("loadf64", 72).asDouble());
        memory.writeBufferDouble(ByteOrder.BIG_ENDIAN, 72, -1.0e300);
        assertEquals(Long.reverseBytes(Double.doubleToRawLongBits(-1.0e300)), call("load64", 72).asLong());

        // Unaligned, and at the very end.
        memory.writeBufferLong(ByteOrder.LITTLE_ENDIAN, PAGE - 8, -2L);
        assertEquals(-2L, call("load64", PAGE - 8).asLong());
        memory.writeBufferInt(ByteOrder.LITTLE_ENDIAN, 101, 0x7F000001);
        assertEquals(0x7F000001, call("load32", 101).asInt());
    }

    @Test
    void wasmWritesAreSeenByTheHostInBothByteOrders() {
        call("store32", 8, 0xCAFEBABE);
        assertEquals((byte) 0xBE, memory.readBufferByte(8));
        assertEquals((byte) 0xCA, memory.readBufferByte(11));
        assertEquals(0xCAFEBABE, memory.readBufferInt(ByteOrder.LITTLE_ENDIAN, 8));
        assertEquals(Integer.reverseBytes(0xCAFEBABE), memory.readBufferInt(ByteOrder.BIG_ENDIAN, 8));
        assertEquals((short) 0xBABE, memory.readBufferShort(ByteOrder.LITTLE_ENDIAN, 8));
        assertEquals((short) 0xBEBA, memory.readBufferShort(ByteOrder.BIG_ENDIAN, 8));

        long bits = Double.doubleToRawLongBits(Math.PI);
        call("store64", 24, bits);
        assertEquals(bits, memory.readBufferLong(ByteOrder.LITTLE_ENDIAN, 24));
        assertEquals(Long.reverseBytes(bits), memory.readBufferLong(ByteOrder.BIG_ENDIAN, 24));
        assertEquals(Math.PI, memory.readBufferDouble(ByteOrder.LITTLE_ENDIAN, 24));
        assertEquals(Double.longBitsToDouble(Long.reverseBytes(bits)), memory.readBufferDouble(ByteOrder.BIG_ENDIAN, 24));

        int floatBits = Float.floatToRawIntBits(-0.75f);
        call("store32", 40, floatBits);
        assertEquals(-0.75f, memory.readBufferFloat(ByteOrder.LITTLE_ENDIAN, 40));
        assertEquals(Float.intBitsToFloat(Integer.reverseBytes(floatBits)), memory.readBufferFloat(ByteOrder.BIG_ENDIAN, 40));
    }

    @Test
    void hugeOffsetsAreOutOfBoundsNotInternalErrors() {
        long[] offsets = {Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE - 7, Long.MIN_VALUE, 1L << 62};
        for (long offset : offsets) {
            String at = "offset " + offset;
            assertThrows(IndexOutOfBoundsException.class, () -> memory.readBufferByte(offset), at);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.writeBufferByte(offset, (byte) 1), at);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.readBufferShort(ByteOrder.LITTLE_ENDIAN, offset), at);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.readBufferInt(ByteOrder.BIG_ENDIAN, offset), at);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.writeBufferInt(ByteOrder.LITTLE_ENDIAN, offset, 1), at);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.readBufferLong(ByteOrder.LITTLE_ENDIAN, offset), at);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.writeBufferLong(ByteOrder.LITTLE_ENDIAN, offset, 1L), at);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.readBufferFloat(ByteOrder.LITTLE_ENDIAN, offset), at);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.writeBufferDouble(ByteOrder.LITTLE_ENDIAN, offset, 1.0), at);
            assertThrows(IndexOutOfBoundsException.class, () -> memory.readBuffer(offset, new byte[4], 0, 4), at);
        }
        byte[] whole = new byte[PAGE];
        memory.readBuffer(0, whole, 0, PAGE);
        for (byte b : whole) {
            assertEquals(0, b, "no failed write reached the memory");
        }
    }

    @Test
    void bulkReadCopiesIntoAHostArray() {
        ByteBuffer expected = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 16; i++) {
            call("store32", 1000 + 4 * i, i * 0x01010101);
            expected.putInt(i * 0x01010101);
        }
        byte[] destination = new byte[80];
        memory.readBuffer(1000, destination, 8, 64);
        byte[] copied = new byte[64];
        System.arraycopy(destination, 8, copied, 0, 64);
        assertArrayEquals(expected.array(), copied);
        assertEquals(0, destination[0], "bytes outside the destination range are untouched");
        assertEquals(0, destination[79]);

        byte[] whole = new byte[(int) memory.getBufferSize()];
        memory.readBuffer(0, whole, 0, whole.length);
        assertEquals(15, whole[1000 + 60]);
        assertThrows(IndexOutOfBoundsException.class, () -> memory.readBuffer(PAGE - 10, new byte[20], 0, 20));
    }

    @Test
    void sizeAndGrowMembersCountPages() {
        assertTrue(memory.hasMember("size"));
        assertTrue(memory.hasMember("grow"));
        assertTrue(memory.canInvokeMember("grow"));
        assertEquals(1, memory.getMember("size").asLong());

        assertEquals(1, memory.invokeMember("grow", 2).asLong(), "grow returns the old size in pages");
        assertEquals(3, memory.getMember("size").asLong());
        assertEquals(3L * PAGE, memory.getBufferSize(), "the same Value sees the new size");
        assertEquals(3, call("size").asInt(), "and so does Wasm");
        memory.writeBufferByte(3L * PAGE - 1, (byte) 9);
        assertEquals(9, call("load8", 3 * PAGE - 1).asInt());

        assertEquals(-1, memory.invokeMember("grow", 2).asLong(), "the declared maximum is 4 pages");
        assertEquals(3, memory.getMember("size").asLong(), "a failed grow changes nothing");
        assertEquals(-1, memory.invokeMember("grow", 1L << 48).asLong(), "absurd deltas fail too");
        assertEquals(-1, memory.invokeMember("grow", Long.MAX_VALUE).asLong());
        assertEquals(-1, memory.invokeMember("grow", -1).asLong(), "memories never shrink");
        assertEquals(3, memory.getMember("size").asLong());
        assertEquals(3L * PAGE, memory.getBufferSize());
        assertEquals(3, memory.invokeMember("grow", 0).asLong());
        assertEquals(3, memory.invokeMember("grow", 1).asLong());
        assertEquals(4L * PAGE, memory.getBufferSize());
        assertThrows(IllegalArgumentException.class, () -> memory.invokeMember("grow", "one"));
    }

    @Test
    void everyListedMemberIsReadableOrInvocable() {
        assertEquals(java.util.Set.of("size", "grow"), memory.getMemberKeys());
        for (String key : memory.getMemberKeys()) {
            assertTrue(memory.hasMember(key), key);
            assertTrue(memory.getMember(key) != null || memory.canInvokeMember(key), key + " is listed, so it can be read or invoked");
        }
        assertTrue(memory.canInvokeMember("grow"));
        assertEquals(1, memory.invokeMember("grow", 1).asLong());
        assertEquals(2, memory.getMember("size").asLong());
        assertThrows(UnsupportedOperationException.class, () -> memory.putMember("size", 5), "size is read-only");
        assertEquals(2, memory.getMember("size").asLong());
    }

    @Test
    void growFromWasmIsSeenByHostViews() {
        assertEquals(1, call("grow", 1).asInt());
        assertEquals(2L * PAGE, memory.getBufferSize());
        assertEquals(2, memory.getMember("size").asLong());
        memory.writeBufferInt(ByteOrder.LITTLE_ENDIAN, 2 * PAGE - 4, 77);
        assertEquals(77, call("load32", 2 * PAGE - 4).asInt());
        assertEquals(-1, call("grow", 3).asInt(), "past the maximum of 4 pages");
        assertEquals(2L * PAGE, memory.getBufferSize());
        assertEquals("wasm-memory[pages=2]", memory.toString());
    }

    @Test
    void outOfBoundsAccessFromWasmTraps() {
        PolyglotException e = assertThrows(PolyglotException.class, () -> call("load32", PAGE - 2));
        assertTrue(e.isGuestException());
        assertTrue(e.getMessage().contains("out of bounds memory access"), e.getMessage());
        e = assertThrows(PolyglotException.class, () -> call("load8", -1));
        assertTrue(e.getMessage().contains("out of bounds memory access"), e.getMessage());
    }

    @Test
    void exportedMemoryCanBeImportedAndIsShared() {
        Value importer = exports(context, """
                (module
                  (import "env" "mem" (memory 1))
                  (func (export "read") (param i32) (result i32) local.get 0 i32.load)
                  (func (export "write") (param i32 i32) local.get 0 local.get 1 i32.store)
                  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
                  (func (export "size") (result i32) memory.size))
                """, imports("env", "mem", memory));
        call("store32", 100, 1234);
        assertEquals(1234, importer.getMember("read").execute(100).asInt(), "a write by the exporter is seen by the importer");
        importer.getMember("write").execute(200, -5);
        assertEquals(-5, call("load32", 200).asInt(), "a write by the importer is seen by the exporter");
        assertEquals(-5, memory.readBufferInt(ByteOrder.LITTLE_ENDIAN, 200), "and by the host");
        memory.writeBufferInt(ByteOrder.LITTLE_ENDIAN, 300, 99);
        assertEquals(99, importer.getMember("read").execute(300).asInt());

        assertEquals(1, importer.getMember("grow").execute(1).asInt());
        assertEquals(2, call("size").asInt(), "growth by one instance is growth of the one memory");
        assertEquals(2L * PAGE, memory.getBufferSize());
        assertEquals(-1, importer.getMember("grow").execute(3).asInt(), "the exporter's maximum still holds");
    }

    @Test
    void importThatDoesNotMatchFailsToLink() {
        String needsFivePages = "(module (import \"env\" \"mem\" (memory 5)))";
        PolyglotException e = assertThrows(PolyglotException.class, () -> exports(context, needsFivePages, imports("env", "mem", memory)));
        assertTrue(e.isGuestException());
        String needsMaxTwo = "(module (import \"env\" \"mem\" (memory 1 2)))";
        assertThrows(PolyglotException.class, () -> exports(context, needsMaxTwo, imports("env", "mem", memory)), "max 4 is not within max 2");
        String needsMemory = "(module (import \"env\" \"mem\" (memory 1)))";
        assertThrows(PolyglotException.class, () -> exports(context, needsMemory, imports("env", "mem", 42)));
    }
}

package dev.enoki.wasm.memory;

import dev.enoki.wasm.interop.WasmTestSupport;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteOrder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.enoki.wasm.interop.WasmTestSupport.PAGE;
import static dev.enoki.wasm.interop.WasmTestSupport.exports;
import static dev.enoki.wasm.interop.WasmTestSupport.imports;
import static dev.enoki.wasm.memory.MemoryAccounting.collect;
import static dev.enoki.wasm.memory.MemoryAccounting.collectUntil;
import static dev.enoki.wasm.memory.MemoryAccounting.settle;
import static dev.enoki.wasm.memory.MemoryAccounting.used;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When linear memories are released: by the garbage collector once nothing references them, all at once when their
 * context closes (also while Wasm code is running in another thread), and never while the host still holds one.
 */
class MemoryLifetimeTest {
    /** 256 pages: 16 MiB, far above anything else a test leaves around. */
    private static final int PAGES = 256;
    private static final long BYTES = (long) PAGES * PAGE;

    private static final String TOUCHING = """
            (module
              (memory (export "memory") %d)
              (func (export "fill") (param i32 i32)
                (local $i i32)
                (loop $l
                  local.get $i local.get 1 i32.store8
                  local.get $i i32.const 4096 i32.add local.tee $i
                  local.get 0 i32.lt_u br_if $l))
              (func (export "last") (result i32) memory.size i32.const 65536 i32.mul i32.const 1 i32.sub i32.load8_u))
            """.formatted(PAGES);

    /** Instantiates, touches every page (so they are really committed), and lets every Value go. */
    private static void useAndDrop(Context context) {
        Value exports = exports(context, TOUCHING);
        exports.getMember("fill").execute((int) BYTES, 7);
        assertEquals(7, exports.getMember("memory").readBufferByte(BYTES - 4096));
    }

    private static Value useAndKeepMemory(Context context) {
        Value exports = exports(context, TOUCHING);
        exports.getMember("fill").execute((int) BYTES, 0x5A);
        exports.getMember("memory").writeBufferLong(ByteOrder.LITTLE_ENDIAN, BYTES - 8, 0x1122334455667788L);
        return exports.getMember("memory");
    }

    @Test
    void unreachableInstanceMemoryIsReleasedByTheCollector() {
        try (Context context = WasmTestSupport.context()) {
            long before = settle();
            useAndDrop(context);
            assertTrue(used() >= before + BYTES, "the new memory's pages are accounted");
            assertTrue(collectUntil(now -> now <= before),
                            () -> "an unreachable memory is released after a collection: still " + (used() - before) + " bytes more than before");
            assertEquals(before, settle(), "exactly the memory's bytes went away");

            // Many short-lived instances do not add up.
            for (int i = 0; i < 20; i++) {
                useAndDrop(context);
            }
            assertTrue(collectUntil(now -> now <= before), () -> "still " + (used() - before) + " bytes more than before");
        }
    }

    @Test
    void memoryKeptByTheHostOutlivesItsInstance() {
        try (Context context = WasmTestSupport.context()) {
            long before = settle();
            Value memory = useAndKeepMemory(context);
            for (int i = 0; i < 10; i++) {
                collect();
            }
            assertEquals(before + BYTES, used(), "a memory the host holds is not released");
            assertEquals(BYTES, memory.getBufferSize());
            assertEquals(0x5A, memory.readBufferByte(0));
            assertEquals(0x5A, memory.readBufferByte(BYTES - 4096));
            assertEquals(0x1122334455667788L, memory.readBufferLong(ByteOrder.LITTLE_ENDIAN, BYTES - 8));
            memory.writeBufferInt(ByteOrder.LITTLE_ENDIAN, 0, 42);
            assertEquals(42, memory.readBufferInt(ByteOrder.LITTLE_ENDIAN, 0));

            // Still a working memory: it grows, and a new instance can import it.
            assertEquals(PAGES, memory.invokeMember("grow", 1).asLong());
            Value reader = exports(context, "(module (import \"env\" \"m\" (memory 1)) (func (export \"read\") (param i32) (result i32) local.get 0 i32.load))",
                            imports("env", "m", memory));
            assertEquals(42, reader.getMember("read").execute(0).asInt());
            assertEquals(before + BYTES + PAGE, used());
        }
    }

    @Test
    void importedMemoryStaysAliveWhileAnImporterIsReachable() {
        try (Context context = WasmTestSupport.context()) {
            long before = settle();
            Value reader = importerOfDroppedExporter(context);
            for (int i = 0; i < 10; i++) {
                collect();
            }
            assertEquals(before + BYTES, used(), "the importer references the memory");
            assertEquals(0x5A, reader.getMember("read8").execute((int) BYTES - 4096).asInt());
            assertEquals(0x11, reader.getMember("read8").execute((int) BYTES - 1).asInt(), "the top byte of the little-endian long");
            reader = null;
            assertNull(reader);
            assertTrue(collectUntil(now -> now <= before), () -> "still " + (used() - before) + " bytes more than before");
        }
    }

    private static Value importerOfDroppedExporter(Context context) {
        Value memory = useAndKeepMemory(context);
        return exports(context, "(module (import \"env\" \"m\" (memory 1)) (func (export \"read8\") (param i32) (result i32) local.get 0 i32.load8_u))",
                        imports("env", "m", memory));
    }

    @Test
    void closingTheContextReleasesItsMemoriesAtOnce() {
        long before = settle();
        Context context = WasmTestSupport.context();
        Value kept = useAndKeepMemory(context);
        useAndKeepMemory(context); // reachable or not, it goes with the context
        Value small = exports(context, "(module (memory (export \"m\") 3))").getMember("m");
        assertEquals(before + 2 * BYTES + 3L * PAGE, used());

        context.close();
        assertEquals(before, used(), "close releases every memory of the context without waiting for a collection");

        RuntimeException e = assertThrows(RuntimeException.class, () -> kept.readBufferByte(0));
        assertClosedContextError(e);
        assertClosedContextError(assertThrows(RuntimeException.class, () -> kept.writeBufferByte(0, (byte) 1)));
        assertClosedContextError(assertThrows(RuntimeException.class, kept::getBufferSize));
        assertClosedContextError(assertThrows(RuntimeException.class, () -> small.invokeMember("grow", 1)));
        assertEquals(before, used(), "nothing came back to life");
    }

    private static void assertClosedContextError(RuntimeException e) {
        assertTrue(e instanceof IllegalStateException || e instanceof PolyglotException, () -> "a clean error, not " + e);
        if (e instanceof PolyglotException p) {
            assertFalse(p.isInternalError(), () -> "not an internal error: " + p);
        }
    }

    @Test
    void closingOneContextLeavesAnotherAlone() {
        long before = settle();
        try (Context survivor = WasmTestSupport.context()) {
            Value memory = useAndKeepMemory(survivor);
            Context doomed = WasmTestSupport.context();
            useAndKeepMemory(doomed);
            assertEquals(before + 2 * BYTES, used());
            doomed.close();
            assertEquals(before + BYTES, used());
            assertEquals(0x1122334455667788L, memory.readBufferLong(ByteOrder.LITTLE_ENDIAN, BYTES - 8));
        }
        assertEquals(before, used());
    }

    @Test
    @Timeout(60)
    void cancellingCloseStopsARunningLoopAndReleasesItsMemory() throws InterruptedException {
        long before = settle();
        Context context = WasmTestSupport.context();
        CountDownLatch started = new CountDownLatch(1);
        ProxyExecutable signal = args -> {
            started.countDown();
            return null;
        };
        Value spin = exports(context, """
                (module
                  (import "host" "started" (func $started))
                  (memory (export "memory") %d)
                  (func (export "spin")
                    (local $i i32)
                    call $started
                    (loop $forever
                      local.get $i local.get $i i32.load i32.const 1 i32.add i32.store
                      local.get $i i32.const 4 i32.add i32.const %d i32.rem_u local.set $i
                      br $forever)))
                """.formatted(PAGES, BYTES), imports("host", "started", signal)).getMember("spin");
        assertEquals(before + BYTES, used());

        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                spin.execute();
                outcome.set(new AssertionError("an infinite loop returned"));
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "wasm-spin");
        runner.start();
        assertTrue(started.await(30, TimeUnit.SECONDS), "the loop started");
        Thread.sleep(100); // let it run (and touch memory) for a while

        context.close(true);
        runner.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(runner.isAlive(), "the loop thread ended");
        Throwable t = outcome.get();
        assertNotNull(t);
        assertTrue(t instanceof PolyglotException, () -> "a polyglot exception, not " + t);
        assertTrue(((PolyglotException) t).isCancelled(), () -> "cancelled: " + t);
        assertEquals(before, used(), "the context's memory is released");
    }
}

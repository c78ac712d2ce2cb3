package dev.enoki.bench;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Language;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The memory-lifetime workload, run in a child JVM by {@link MemoryLifetimeBenchmark} with exactly one Wasm engine on
 * its class path (Enoki or GraalWasm: both register the language id {@code "wasm"}). It uses only the polyglot API, so
 * the same code measures both engines.
 *
 * <pre>
 * java -Xmx768m -cp benchmarks/target/classes:benchmarks/target/enoki-lib/* dev.enoki.bench.MemoryWorkload \
 *      --scenario A [--cycles 100] [--option wasm.UseUnsafeMemory=true]
 * </pre>
 *
 * Scenarios (RSS is this process's VmRSS; "start" is measured after a warm-up, a full GC and a short pause):
 * <ul>
 * <li>A: N cycles in one context of instantiate, grow the memory to 64 MiB, store one byte in every 4 KiB page,
 * drop every reference. Peak RSS over start, cycles per second.
 * <li>AS: A, but growing the memory 4 MiB (64 pages) per memory.grow, as an allocator extending its heap would.
 * <li>B: N contexts that each instantiate, grow the memory to 256 MiB, and close. Peak RSS over start, RSS over start
 * right after the last close (and after a further GC and 0.5 s).
 * <li>BT: B, but touching every page of the memory before the close.
 * <li>C: a memory the host keeps outlives its instance: its instance dropped, collections and 64 MiB cycles forced,
 * the memory still has its size and its bytes, and host reads and writes work.
 * <li>D: access through a memory kept after its context closed is a clean exception (not a crash, not a silent
 * value), and the JVM goes on working.
 * <li>E: a memory grows to 3 GiB, and another to the full 4 GiB, with every page touched, within the heap limit.
 * </ul>
 *
 * Results go to standard output as {@code RESULT key=value} lines; everything else is commentary.
 */
public final class MemoryWorkload {
    /**
     * The module, assembled with wat2wasm from:
     *
     * <pre>
     * (module
     *   (memory (export "memory") 1 65536)
     *   (func (export "grow") (param $pages i32) (result i32)
     *     local.get $pages
     *     memory.grow)
     *   ;; stores 1 at the first byte of every 4 KiB page in [start, start + len)
     *   (func (export "touch") (param $start i32) (param $len i32)
     *     (local $n i32)
     *     local.get $len  i32.const 12  i32.shr_u  local.set $n
     *     block $done
     *       loop $next
     *         local.get $n  i32.eqz  br_if $done
     *         local.get $start  i32.const 1  i32.store8
     *         local.get $start  i32.const 4096  i32.add  local.set $start
     *         local.get $n  i32.const 1  i32.sub  local.set $n
     *         br $next
     *       end
     *     end))
     * </pre>
     */
    static final byte[] MODULE = bytes(
                    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0b, 0x02, 0x60,
                    0x01, 0x7f, 0x01, 0x7f, 0x60, 0x02, 0x7f, 0x7f, 0x00, 0x03, 0x03, 0x02,
                    0x00, 0x01, 0x05, 0x06, 0x01, 0x01, 0x01, 0x80, 0x80, 0x04, 0x07, 0x19,
                    0x03, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, 0x04, 0x67,
                    0x72, 0x6f, 0x77, 0x00, 0x00, 0x05, 0x74, 0x6f, 0x75, 0x63, 0x68, 0x00,
                    0x01, 0x0a, 0x37, 0x02, 0x06, 0x00, 0x20, 0x00, 0x40, 0x00, 0x0b, 0x2e,
                    0x01, 0x01, 0x7f, 0x20, 0x01, 0x41, 0x0c, 0x76, 0x21, 0x02, 0x02, 0x40,
                    0x03, 0x40, 0x20, 0x02, 0x45, 0x0d, 0x01, 0x20, 0x00, 0x41, 0x01, 0x3a,
                    0x00, 0x00, 0x20, 0x00, 0x41, 0x80, 0x20, 0x6a, 0x21, 0x00, 0x20, 0x02,
                    0x41, 0x01, 0x6b, 0x21, 0x02, 0x0c, 0x00, 0x0b, 0x0b, 0x0b);

    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long GIB = 1024 * MIB;
    static final int WASM_PAGE = 65536;
    static final int OS_PAGE = 4096;
    /** Scenario AS grows its memory this many Wasm pages (4 MiB) at a time, as an allocator extending its heap would. */
    static final int STEP_PAGES = 64;

    private final Map<String, String> options;
    private final Engine engine;
    private final Source source;
    private final RssSampler sampler = new RssSampler();

    private MemoryWorkload(Map<String, String> options) {
        this.options = options;
        this.engine = Engine.newBuilder("wasm").allowExperimentalOptions(true).options(options).build();
        this.source = Source.newBuilder("wasm", ByteSequence.create(MODULE), "memory-lifetime.wasm").buildLiteral();
    }

    public static void main(String[] args) throws Exception {
        String scenarios = "A,AS,B,BT,C,D,E";
        int cycles = 100;
        int contexts = -1;
        int warmup = 50;
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--scenario", "--scenarios" -> scenarios = args[++i];
                case "--cycles" -> cycles = Integer.parseInt(args[++i]);
                case "--contexts" -> contexts = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--option" -> {
                    String[] kv = args[++i].split("=", 2);
                    options.put(kv[0], kv.length > 1 ? kv[1] : "true");
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (contexts < 0) {
            contexts = cycles;
        }
        MemoryWorkload workload = new MemoryWorkload(options);
        workload.describe();
        workload.warmUp(warmup);
        for (String scenario : scenarios.split(",")) {
            switch (scenario.trim().toUpperCase(Locale.ROOT)) {
                case "A" -> workload.scenarioA("A", cycles, 0);
                case "AS" -> workload.scenarioA("AS", cycles, STEP_PAGES);
                case "B" -> workload.scenarioB("B", contexts, false);
                case "BT" -> workload.scenarioB("BT", contexts, true);
                case "C" -> workload.scenarioC();
                case "D" -> workload.scenarioD();
                case "E" -> workload.scenarioE();
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
        workload.sampler.close();
        workload.engine.close();
        result("done", "true");
    }

    // ---- output ----

    static void result(String key, Object value) {
        String text = String.valueOf(value).replace('\n', ' ').replace('\r', ' ');
        System.out.println("RESULT " + key + "=" + text);
        System.out.flush();
    }

    static String mib(long kib) {
        return String.format(Locale.ROOT, "%.1f", kib / 1024.0);
    }

    static void note(String text) {
        System.err.println("[workload] " + text);
    }

    private void describe() {
        Language wasm = engine.getLanguages().get("wasm");
        result("engine.language", (wasm.getImplementationName().isBlank() ? wasm.getName() : wasm.getImplementationName()) + " " + wasm.getVersion());
        result("engine.runtime", engine.getImplementationName());
        result("engine.options", options.isEmpty() ? "(none)" : options.toString());
        result("jvm.maxHeapMiB", Runtime.getRuntime().maxMemory() / MIB);
        result("jvm.version", Runtime.version());
    }

    // ---- the module's use ----

    private Context newContext() {
        return Context.newBuilder("wasm").engine(engine).build();
    }

    /** One instance's exports: grow, touch, memory. */
    private record Exports(Value grow, Value touch, Value memory) {
        int growBy(long pages) {
            return grow.execute((int) pages).asInt();
        }

        /** Touches every 4 KiB page of [start, start + length), in calls of at most 1 GiB (i32 arithmetic). */
        void touchAll(long start, long length) {
            long at = start;
            long end = start + length;
            while (at < end) {
                long chunk = Math.min(GIB, end - at);
                touch.execute((int) at, (int) chunk);
                at += chunk;
            }
        }

        /** Checks that the memory is {@code bytes} long and that touch stored 1 at page starts, 0 elsewhere. */
        void verify(long bytes) {
            long size = memory.getBufferSize();
            if (size != bytes) {
                throw new AssertionError("memory is " + size + " bytes, expected " + bytes);
            }
            expect(0, 1);
            expect(1, 0);
            expect(bytes / 2, 1);
            expect(bytes - OS_PAGE, 1);
            expect(bytes - 1, 0);
        }

        void expect(long offset, int value) {
            byte b = memory.readBufferByte(offset);
            if (b != value) {
                throw new AssertionError("byte at " + offset + " is " + b + ", expected " + value);
            }
        }
    }

    private Exports instantiate(Context context) {
        Value module = context.eval(source);
        Value instance = module.newInstance();
        Value exports = instance.getMember("exports");
        return new Exports(exports.getMember("grow"), exports.getMember("touch"), exports.getMember("memory"));
    }

    /** Instantiates, grows the memory to {@code bytes}, touches every page, checks, and lets everything go. */
    private void cycle(Context context, long bytes) {
        cycle(context, bytes, 0);
    }

    /** The same, growing {@code step} pages per memory.grow (0: all at once). */
    private void cycle(Context context, long bytes, int step) {
        Exports e = instantiate(context);
        long pages = bytes / WASM_PAGE;
        for (long have = 1; have < pages;) {
            long delta = step <= 0 ? pages - have : Math.min(step, pages - have);
            int old = e.growBy(delta);
            if (old != have) {
                throw new AssertionError("grow(" + delta + ") returned " + old + ", expected " + have);
            }
            have += delta;
        }
        e.touchAll(0, bytes);
        e.verify(bytes);
    }

    /** Instantiates and grows the memory to {@code bytes} without touching it; checks its size and its last byte. */
    private void grown(Context context, long bytes) {
        Exports e = instantiate(context);
        int old = e.growBy(bytes / WASM_PAGE - 1);
        if (old != 1) {
            throw new AssertionError("grow(" + (bytes / WASM_PAGE - 1) + ") returned " + old + ", expected 1");
        }
        long size = e.memory.getBufferSize();
        if (size != bytes) {
            throw new AssertionError("memory is " + size + " bytes, expected " + bytes);
        }
        e.expect(bytes - 1, 0);
    }

    /** Runs {@code cycles} 1 MiB cycles in a throwaway context, so the engine's code paths are loaded and warm. */
    private void warmUp(int cycles) {
        long t0 = System.nanoTime();
        try (Context context = newContext()) {
            for (int i = 0; i < cycles; i++) {
                cycle(context, MIB);
            }
        }
        settle();
        result("warmup.cycles", cycles);
        result("warmup.seconds", String.format(Locale.ROOT, "%.2f", (System.nanoTime() - t0) / 1e9));
    }

    private static void settle() {
        for (int i = 0; i < 2; i++) {
            System.gc();
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long start(String scenario) {
        settle();
        long start = RssSampler.currentKiB();
        sampler.resetPeak();
        result(scenario + ".startMiB", mib(start));
        return start;
    }

    private void peak(String scenario, long start) {
        result(scenario + ".peakOverStartMiB", mib(sampler.peakKiB() - start));
        result(scenario + ".sampledPeakOverStartMiB", mib(sampler.sampledPeakKiB() - start));
        result(scenario + ".hwmReset", sampler.hwmResettable());
    }

    private static String describe(Throwable t) {
        String kind = t.getClass().getSimpleName();
        if (t instanceof PolyglotException p) {
            kind += p.isInternalError() ? "(internal error)" : p.isGuestException() ? "(guest)" : p.isHostException() ? "(host)" : "";
        }
        return kind + ": " + t.getMessage();
    }

    // ---- scenarios ----

    /**
     * A: N cycles in one context of instantiate, grow to 64 MiB, touch every page, drop every reference. AS: the same,
     * growing 4 MiB per memory.grow instead of all at once.
     */
    private void scenarioA(String id, int cycles, int step) {
        result(id + ".cycles", cycles);
        result(id + ".growStepPages", step <= 0 ? "all at once" : Integer.toString(step));
        try (Context context = newContext()) {
            cycle(context, MIB);
            long start = start(id);
            long t0 = System.nanoTime();
            int done = 0;
            try {
                for (; done < cycles; done++) {
                    cycle(context, 64 * MIB, step);
                }
            } catch (RuntimeException | Error e) {
                result(id + ".error", "after " + done + " cycles: " + describe(e));
                e.printStackTrace();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            peak(id, start);
            result(id + ".completed", done);
            result(id + ".seconds", String.format(Locale.ROOT, "%.2f", seconds));
            result(id + ".cyclesPerSecond", String.format(Locale.ROOT, "%.1f", done / seconds));
            result(id + ".endOverStartMiB", mib(RssSampler.currentKiB() - start));
            result(id + ".heapCommittedMiB", Runtime.getRuntime().totalMemory() / MIB);
            context.close();
            result(id + ".afterCloseOverStartMiB", mib(RssSampler.currentKiB() - start));
            result(id + ".ok", done == cycles);
        }
    }

    /**
     * B: N contexts that each grow a memory to 256 MiB and close, as the issue words it. BT: the same, touching every
     * page before the close.
     */
    private void scenarioB(String id, int contexts, boolean touch) {
        result(id + ".contexts", contexts);
        result(id + ".touch", touch);
        long start = start(id);
        long t0 = System.nanoTime();
        int done = 0;
        try {
            for (; done < contexts; done++) {
                try (Context context = newContext()) {
                    if (touch) {
                        cycle(context, 256 * MIB);
                    } else {
                        grown(context, 256 * MIB);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            result(id + ".error", "after " + done + " contexts: " + describe(e));
            e.printStackTrace();
        }
        long afterClose = RssSampler.currentKiB();
        double seconds = (System.nanoTime() - t0) / 1e9;
        peak(id, start);
        result(id + ".afterLastCloseOverStartMiB", mib(afterClose - start));
        settle();
        sleep(300);
        result(id + ".settledOverStartMiB", mib(RssSampler.currentKiB() - start));
        result(id + ".completed", done);
        result(id + ".seconds", String.format(Locale.ROOT, "%.2f", seconds));
        result(id + ".contextsPerSecond", String.format(Locale.ROOT, "%.1f", done / seconds));
        result(id + ".heapCommittedMiB", Runtime.getRuntime().totalMemory() / MIB);
        result(id + ".ok", done == contexts);
    }

    /** The memory of an instance nobody references any more: 16 pages, every 4 KiB page touched. */
    private Value keptMemory(Context context) {
        Exports e = instantiate(context);
        if (e.growBy(15) != 1) {
            throw new AssertionError("grow(15) failed");
        }
        e.touchAll(0, MIB);
        e.memory.writeBufferByte(12345, (byte) 42);
        return e.memory;
    }

    private static void checkKept(Value memory) {
        long size = memory.getBufferSize();
        if (size != MIB) {
            throw new AssertionError("kept memory is " + size + " bytes, expected " + MIB);
        }
        for (long page = 0; page < MIB; page += OS_PAGE) {
            byte b = memory.readBufferByte(page);
            if (b != 1) {
                throw new AssertionError("kept memory byte at " + page + " is " + b + ", expected 1");
            }
        }
        if (memory.readBufferByte(12345) != 42 || memory.readBufferByte(1) != 0) {
            throw new AssertionError("kept memory lost its bytes");
        }
        memory.writeBufferByte(MIB - 1, (byte) 7);
        if (memory.readBufferByte(MIB - 1) != 7) {
            throw new AssertionError("kept memory did not take a write");
        }
    }

    /** C: a memory kept by the host outlives its instance. */
    private void scenarioC() {
        try (Context context = newContext()) {
            Value memory = keptMemory(context);
            // Nothing but the host's value holds the memory now. Ask for collections, and make memory pressure
            // (64 MiB cycles: an engine that frees memories behind the collector's back would free this one too).
            settle();
            for (int i = 0; i < 12; i++) {
                cycle(context, 64 * MIB);
            }
            settle();
            sleep(200);
            checkKept(memory);
            result("C.pass", true);
            result("C.detail", "size and bytes intact after GC and 12 x 64 MiB cycles; host write and read work");
        } catch (RuntimeException | Error e) {
            result("C.pass", false);
            result("C.detail", describe(e));
            e.printStackTrace();
        }
    }

    private interface Access {
        Object run(Value memory);
    }

    /** Runs one access to a memory whose context is closed; returns null when it threw cleanly, else what went wrong. */
    private static String afterClose(Value memory, String what, Access access, StringBuilder seen) {
        try {
            Object value = access.run(memory);
            return what + " returned " + value + " with no exception";
        } catch (PolyglotException e) {
            seen.append(what).append(": ").append(describe(e)).append("; ");
            return e.isInternalError() ? what + " raised an internal error: " + e.getMessage() : null;
        } catch (IllegalStateException e) {
            seen.append(what).append(": ").append(describe(e)).append("; ");
            return null;
        } catch (RuntimeException | Error e) {
            seen.append(what).append(": ").append(describe(e)).append("; ");
            return what + " threw " + describe(e);
        }
    }

    /** D: access through a memory kept after close is a clean exception, and the JVM goes on. */
    private void scenarioD() {
        Value memory;
        Context context = newContext();
        try {
            memory = keptMemory(context);
            checkKept(memory);
        } finally {
            context.close();
        }
        StringBuilder seen = new StringBuilder();
        String problem = afterClose(memory, "readBufferByte", m -> m.readBufferByte(0), seen);
        String p2 = afterClose(memory, "writeBufferByte", m -> {
            m.writeBufferByte(0, (byte) 1);
            return "void";
        }, seen);
        String p3 = afterClose(memory, "getBufferSize", Value::getBufferSize, seen);
        String problems = (problem == null ? "" : problem + "; ") + (p2 == null ? "" : p2 + "; ") + (p3 == null ? "" : p3 + "; ");
        // The JVM and the engine must still work afterwards.
        try (Context again = newContext()) {
            cycle(again, 4 * MIB);
        } catch (RuntimeException | Error e) {
            problems += "a new context failed afterwards: " + describe(e);
        }
        result("D.pass", problems.isEmpty());
        result("D.detail", problems.isEmpty() ? seen.toString().trim() : problems + " | " + seen.toString().trim());
        closeWhileRunning();
    }

    /**
     * D': {@code Context.close(true)} from the main thread while another thread runs Wasm code on a 64 MiB memory:
     * the worker must see a clean exception (cancellation or closed context), the close must return, and the JVM must
     * go on (no access to unmapped memory).
     */
    private void closeWhileRunning() {
        Context context = newContext();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        Thread worker = new Thread(() -> {
            try {
                Exports e = instantiate(context);
                e.growBy(1023);
                running.countDown();
                for (int i = 0; i < 100_000; i++) {
                    e.touchAll(0, 64 * MIB);
                    e.memory.readBufferByte(64 * MIB - OS_PAGE);
                    calls.incrementAndGet();
                }
                failure.set(new AssertionError("the worker was never stopped"));
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                running.countDown();
            }
        }, "wasm-worker");
        worker.start();
        String problem = null;
        long closeMillis = -1;
        try {
            running.await();
            sleep(150);
            long t0 = System.nanoTime();
            context.close(true);
            closeMillis = (System.nanoTime() - t0) / 1_000_000;
            worker.join(60_000);
            if (worker.isAlive()) {
                problem = "the worker still runs 60 s after close(true)";
            }
        } catch (RuntimeException | Error | InterruptedException e) {
            problem = "close(true) threw " + describe(e);
        }
        Throwable t = failure.get();
        String seen = t == null ? "nothing" : describe(t);
        if (problem == null) {
            boolean clean = t instanceof IllegalStateException || (t instanceof PolyglotException p && (p.isCancelled() || !p.isInternalError()));
            if (!clean) {
                problem = "the worker ended with " + seen;
            }
        }
        try (Context again = newContext()) {
            cycle(again, 4 * MIB);
        } catch (RuntimeException | Error e) {
            problem = (problem == null ? "" : problem + "; ") + "a new context failed afterwards: " + describe(e);
        }
        result("D.cancel.pass", problem == null);
        result("D.cancel.detail", (problem == null ? "" : problem + " | ") + "worker: " + seen + "; " + calls.get() + " touch calls before; close(true) took " + closeMillis + " ms");
    }

    /** E: memories grown to 3 GiB and to 4 GiB work in this heap. */
    private void scenarioE() {
        long start = start("E");
        growHuge("E.3GiB", 3 * GIB);
        growHuge("E.4GiB", 4 * GIB);
        peak("E", start);
        result("E.afterCloseOverStartMiB", mib(RssSampler.currentKiB() - start));
    }

    private void growHuge(String key, long bytes) {
        long t0 = System.nanoTime();
        try (Context context = newContext()) {
            Exports e = instantiate(context);
            long pages = bytes / WASM_PAGE;
            int old = e.growBy(pages - 1);
            if (old != 1) {
                result(key + ".pass", false);
                result(key + ".detail", "grow(" + (pages - 1) + ") returned " + old);
                return;
            }
            e.touchAll(0, bytes);
            e.verify(bytes);
            result(key + ".pass", true);
            result(key + ".detail", String.format(Locale.ROOT, "grown, %d pages touched, size %d bytes, in %.1f s", bytes / OS_PAGE,
                            e.memory.getBufferSize(), (System.nanoTime() - t0) / 1e9));
        } catch (RuntimeException | Error e) {
            result(key + ".pass", false);
            result(key + ".detail", describe(e));
            e.printStackTrace();
        }
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}

package dev.enoki.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The speed workload for Chicory 1.7.5 with its AOT compiler ({@code com.dylibso.chicory:compiler}, which translates
 * the Wasm module to JVM bytecode that HotSpot then compiles) and its WASI preview 1 module, run in a child JVM by
 * {@link SpeedBenchmark} with {@code benchmarks/target/chicory-lib} on the class path.
 *
 * <pre>
 * java -cp benchmarks/target/classes:benchmarks/target/chicory-lib/* dev.enoki.bench.ChicoryWorkload \
 *      --file benchmarks/target/corpus/wasm/fib.wasm [--runs 5]
 * </pre>
 *
 * The module is parsed and compiled once ({@link MachineFactoryCompiler#compile(WasmModule)}: the counterpart of a
 * shared Truffle engine's code cache); every run builds a new {@link Instance} (fresh memory, a new
 * {@link WasiPreview1} with the program name as the only argument) and calls {@code _start}. The first run's time also
 * covers parsing and compiling. {@code withStart(false)}: by default Chicory itself would call {@code _start} while
 * building the instance. Memory is {@link ByteArrayMemory} (Chicory's faster {@code byte[]} memory; the
 * default is {@code ByteBufferMemory}). Output is the same {@code RESULT} lines as {@link SpeedWorkload}.
 */
public final class ChicoryWorkload {
    private ChicoryWorkload() {
    }

    public static void main(String[] args) throws Exception {
        Path file = null;
        int runs = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--file" -> file = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (file == null) {
            throw new IllegalArgumentException("usage: ChicoryWorkload --file X.wasm [--runs N]");
        }
        String name = file.getFileName().toString();
        WasmModule module = null;
        Function<Instance, Machine> machines = null;
        for (int run = 1; run <= runs; run++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = 0;
            long t0 = System.nanoTime();
            if (module == null) {
                module = Parser.parse(file);
                machines = MachineFactoryCompiler.compile(module);
            }
            WasiOptions options = WasiOptions.builder().withArguments(List.of(name)).withStdout(out).withStderr(System.err).build();
            try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
                ImportValues imports = ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
                Instance instance = Instance.builder(module).withImportValues(imports).withMachineFactory(machines)
                                .withMemoryFactory(ByteArrayMemory::new).withStart(false).build();
                try {
                    instance.export("_start").apply();
                } catch (WasiExitException e) {
                    exit = e.exitCode();
                }
            }
            long t1 = System.nanoTime();
            WorkloadResults.result("run." + run + ".seconds", String.format(Locale.ROOT, "%.6f", (t1 - t0) / 1e9));
            WorkloadResults.result("run." + run + ".exit", exit);
            WorkloadResults.result("run." + run + ".output", WorkloadResults.escape(out.toString(StandardCharsets.UTF_8)));
        }
        WorkloadResults.result("engine.language", "Chicory 1.7.5 (AOT compiler)");
        WorkloadResults.result("done", "true");
    }
}

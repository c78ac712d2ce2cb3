package dev.enoki.wasm.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.enoki.wasm.ExternalProcess;
import dev.enoki.wasm.interop.WasmTestSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Differential testing of stack code against V8 (node): {@link StackShapeGenerator} modules, compiled with wabt's
 * {@code wat2wasm}, must give the same results, traps, memory and globals on both engines. The modules keep values on
 * the operand stack across calls, stores, local writes, blocks and branches, where the AST builder leaves them pending
 * (binaryen's {@code -ttf} modules, which {@link DifferentialFuzzTest} runs, are written from expression trees, and missed
 * the builder reading a call's result from a slot a later call had overwritten; this test finds that bug in 17 of its
 * 400 modules). Module {@code i} is made from seed {@code S + i} ({@code StackShapeGenerator.module(S + i)});
 * {@code -Denoki.fuzz.shapes.modules=N} and {@code -Denoki.fuzz.shapes.seed=S} run more or other modules. A module
 * that differs is kept, in the text format, in a directory the failure names.
 */
class StackShapeFuzzTest {
    private static final int MODULES = Integer.getInteger("enoki.fuzz.shapes.modules", 400);
    private static final long SEED = Long.getLong("enoki.fuzz.shapes.seed", 20261207L);

    @TempDir static Path work;
    private static Path nodeScript;
    /** Where modules that differ are kept after the test. */
    private static Path kept;

    @BeforeAll
    static void tools() throws IOException {
        boolean ci = "true".equals(System.getenv("CI"));
        for (String tool : new String[]{"wat2wasm", "node"}) {
            if (!onPath(tool)) {
                if (ci) {
                    fail(tool + " is missing: CI must install wabt and node");
                }
                Assumptions.abort(tool + " not found: stack-shape fuzzing SKIPPED");
            }
        }
        nodeScript = work.resolve("run-stack-shapes.js");
        try (InputStream in = StackShapeFuzzTest.class.getResourceAsStream("/fuzz/run-stack-shapes.js")) {
            Files.write(nodeScript, in.readAllBytes());
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        ExternalProcess.await(p, command, 600);
        String output = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(command.get(0) + " failed (" + p.exitValue() + "): " + output);
        }
        return output;
    }

    @Test
    void stackCodeBehavesAsOnV8() throws Exception {
        boolean compiled = WasmTestSupport.compiledRun();
        Map<String, Path> modules = new LinkedHashMap<>();
        for (int i = 0; i < MODULES; i++) {
            String name = "shapes" + i;
            Path wat = work.resolve(name + ".wat");
            Path wasm = work.resolve(name + ".wasm");
            Files.writeString(wat, StackShapeGenerator.module(SEED + i));
            try {
                run(List.of("wat2wasm", wat.toString(), "-o", wasm.toString()));
            } catch (IOException e) {
                fail("the generator wrote an invalid module (seed " + SEED + ", module " + i + ", kept at " + keep(wat) + "): " + e.getMessage());
            }
            modules.put(name + ".wasm", wasm);
        }
        List<String> command = new ArrayList<>(List.of("node", "--no-warnings", nodeScript.toString()));
        modules.values().forEach(m -> command.add(m.toString()));
        Map<String, List<String>> expected = DifferentialFuzzTest.nodeTraces(run(command));

        List<String> differences = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        int index = 0;
        for (Map.Entry<String, Path> module : modules.entrySet()) {
            List<String> v8 = comparable(expected.get(module.getKey()));
            List<String> enoki = comparable(StackShapeTrace.run(Files.readAllBytes(module.getValue()), module.getKey()));
            if (!v8.equals(enoki)) {
                Path wat = module.getValue().resolveSibling(module.getKey().replace(".wasm", ".wat"));
                differences.add("seed " + SEED + ", module " + index + ": " + keep(wat) + "\n" + firstDifference(v8, enoki));
            }
            for (String line : v8) {
                if (line.startsWith("call ")) {
                    String outcome = line.substring(line.indexOf(" -> ") + 4);
                    outcomes.merge(outcome.startsWith("trap") || outcome.equals("exhaustion") ? outcome : "returned", 1, Integer::sum);
                }
            }
            index++;
        }
        System.out.println("stack-shape fuzz: " + (modules.size() - differences.size()) + " of " + modules.size() + " modules behave as on V8" + (compiled ? ", compiled" : "") + " (seed "
                        + SEED + "); calls on V8: " + outcomes);
        assertEquals(List.of(), differences, "modules whose behaviour differs from V8");
        assertTrue(outcomes.getOrDefault("returned", 0) > outcomes.values().stream().mapToInt(Integer::intValue).sum() / 3,
                        "most calls should return, not trap: " + outcomes);
    }


    /**
     * The trace with each trap's message reduced to its kind, which both engines word differently, up to the first
     * stack exhaustion, which engines reach at different depths.
     */
    private static List<String> comparable(List<String> trace) {
        if (trace == null) {
            return List.of("<no trace>");
        }
        List<String> kept = new ArrayList<>();
        for (String line : trace) {
            int trap = line.indexOf(" -> trap ");
            if (trap >= 0) {
                line = line.substring(0, trap) + " -> trap: " + trapKind(line.substring(trap + " -> trap ".length()));
            }
            kept.add(line.startsWith("instantiate failed") ? "instantiate failed" : line);
            if (line.endsWith(" -> exhaustion")) {
                break;
            }
        }
        return kept;
    }

    /** What a trap's message says, from V8's wording or Enoki's (the spec's). */
    static String trapKind(String message) {
        // Enoki adds the table index to "uninitialized element".
        return switch (message.replaceFirst(" \\d+$", "")) {
            case "divide by zero", "remainder by zero", "integer divide by zero" -> "divide by zero";
            // V8 names the operation (a division or a truncation), the spec the cause (a NaN or a value out of range).
            case "divide result unrepresentable", "float unrepresentable in integer range", "integer overflow", "invalid conversion to integer" -> "unrepresentable";
            case "memory access out of bounds", "out of bounds memory access" -> "out of bounds memory";
            case "table index is out of bounds", "undefined element", "out of bounds table access" -> "out of bounds table";
            case "null function or function signature mismatch", "uninitialized element", "indirect call type mismatch" -> "null or mismatched function";
            case "unreachable" -> "unreachable";
            default -> "unknown message: " + message;
        };
    }

    private static String firstDifference(List<String> v8, List<String> enoki) {
        int i = 0;
        while (i < v8.size() && i < enoki.size() && v8.get(i).equals(enoki.get(i))) {
            i++;
        }
        return "  V8:    " + (i < v8.size() ? v8.get(i) : "<end>") + "\n  Enoki: " + (i < enoki.size() ? enoki.get(i) : "<end>");
    }

    /** Copies {@code wat} where it outlives the test, and returns the copy. */
    private static Path keep(Path wat) throws IOException {
        if (kept == null) {
            kept = Files.createTempDirectory("enoki-stack-shapes-");
        }
        return Files.copy(wat, kept.resolve(wat.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
}

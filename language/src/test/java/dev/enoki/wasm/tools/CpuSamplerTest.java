package dev.enoki.wasm.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import com.oracle.truffle.tools.profiler.CPUSampler;
import com.oracle.truffle.tools.profiler.CPUSamplerData;
import com.oracle.truffle.tools.profiler.ProfilerNode;

import dev.enoki.wasm.interop.WasmTestSupport;

/** Truffle's CPU sampler ({@code --cpusampler}) on Wasm code: its samples name the Wasm functions, caller above callee. */
public class CpuSamplerTest {
    private static final String SPIN = """
                    (module
                      (func $spin (export "spin") (param $n i32) (result i32) (local $s i32)
                        (loop $l
                          (local.set $s (i32.add (local.get $s) (call $step (local.get $n))))
                          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                        (local.get $s))
                      (func $step (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3))))
                    """;

    @Test
    void samplesNameTheWasmFunctionsCallerAboveCallee() {
        Map<String, Integer> hits;
        try (Context context = WasmTestSupport.context()) {
            Value spin = WasmTestSupport.exports(context, SPIN).getMember("spin");
            hits = sample(context, () -> {
                for (int i = 0; i < 10; i++) {
                    spin.execute(1_000_000);
                }
            });
        }
        String spin = pathEndingWith(hits, "spin");
        String step = pathEndingWith(hits, "spin/step");
        assertTrue(hits.get(step) > 0 && hits.get(spin) >= hits.get(step), hits::toString);
    }

    /**
     * Runs {@code work} under the sampler, every millisecond; returns every call path it saw, as names joined by '/',
     * with its hits (its own and its callees').
     */
    public static Map<String, Integer> sample(Context context, Runnable work) {
        CPUSampler sampler = CPUSampler.find(context.getEngine());
        sampler.setPeriod(1);
        sampler.setCollecting(true);
        work.run();
        sampler.setCollecting(false);
        Map<String, Integer> hits = new TreeMap<>();
        for (CPUSamplerData data : sampler.getDataList()) {
            data.getThreadData().values().forEach(roots -> roots.forEach(root -> addPaths(root, "", hits)));
        }
        return hits;
    }

    private static void addPaths(ProfilerNode<CPUSampler.Payload> node, String caller, Map<String, Integer> hits) {
        String path = caller.isEmpty() ? node.getRootName() : caller + "/" + node.getRootName();
        hits.merge(path, node.getPayload().getHitCount(), Integer::sum);
        node.getChildren().forEach(callee -> addPaths(callee, path, hits));
    }

    /** The one path that ends with {@code suffix}, after a host frame (the polyglot call). */
    private static String pathEndingWith(Map<String, Integer> hits, String suffix) {
        List<String> found = hits.keySet().stream().filter(path -> path.endsWith("/" + suffix)).toList();
        assertTrue(found.size() == 1, () -> suffix + " in " + hits);
        return found.get(0);
    }
}

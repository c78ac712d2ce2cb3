package dev.enoki.wasm.launcher;

import org.graalvm.polyglot.Context;

/** For the programs {@link JitCompilationTest} runs in JVMs of their own. */
final class ForegroundCompilation {
    private ForegroundCompilation() {
    }

    /**
     * A context that compiles in the foreground, so that the compilations asked for happen before the program ends, and
     * traces them.
     */
    static Context context() {
        return Context.newBuilder("wasm").allowExperimentalOptions(true)
                        .option("engine.BackgroundCompilation", "false").option("engine.TraceCompilation", "true").build();
    }
}

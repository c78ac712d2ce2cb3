package dev.enoki.wasm.wasi;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.io.IOAccess;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs a WASI command module in Enoki the way an embedder would: through the polyglot API. */
final class EnokiRunner {
    private EnokiRunner() {
    }

    /**
     * Runs {@code wasm}'s {@code _start} with argv {@code args} (argv[0] first), the given environment and standard
     * input, and the directories {@code mapDirs} (the {@code wasm.WasiMapDirs} value).
     */
    static ProgramResult run(Path wasm, List<String> args, Map<String, String> env, byte[] stdin, String mapDirs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context.Builder builder = Context.newBuilder("wasm").option("wasm.Builtins", "wasi_snapshot_preview1").option("wasm.WasiMapDirs", mapDirs)
                        .allowIO(IOAccess.ALL).arguments("wasm", args.toArray(new String[0])).environment(env)
                        .in(new ByteArrayInputStream(stdin)).out(out).err(err);
        int status;
        try (Context context = builder.build()) {
            status = start(context, wasm);
        }
        return new ProgramResult(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), status);
    }

    /** Instantiates the module in {@code context} and runs {@code _start}; returns the exit status. */
    static int start(Context context, Path wasm) throws IOException {
        Source source = Source.newBuilder("wasm", ByteSequence.create(Files.readAllBytes(wasm)), wasm.getFileName().toString()).build();
        Value module = context.eval(source);
        Value instance = module.newInstance();
        try {
            instance.getMember("exports").getMember("_start").execute();
            return 0;
        } catch (PolyglotException e) {
            if (e.isExit()) {
                return e.getExitStatus();
            }
            throw e;
        }
    }
}

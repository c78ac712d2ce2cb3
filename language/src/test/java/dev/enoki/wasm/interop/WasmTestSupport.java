package dev.enoki.wasm.interop;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyObject;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Shared helpers for the embedding and memory tests: modules from WAT text (through wabt's {@code wat2wasm}, with
 * the {@code name} section), custom sections appended by hand, and contexts set up the way an embedder would.
 */
public final class WasmTestSupport {
    public static final String WASM = "wasm";
    public static final int PAGE = 65536;

    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private WasmTestSupport() {
    }

    /**
     * Whether this JVM is the build's execution that compiles every function at its first call (language/pom.xml,
     * {@code compiled}); if so, checks that the Graal compiler is there, without which all would run interpreted.
     */
    public static boolean compiledRun() {
        if (!Boolean.getBoolean("enoki.compiled")) {
            return false;
        }
        try (Engine engine = Engine.create(WASM)) {
            if (engine.getImplementationName().equals("Interpreted")) {
                throw new IllegalStateException("enoki.compiled is set, but there is no Graal compiler: "
                                + "all would run interpreted");
            }
        }
        return true;
    }

    /** A plain context for the wasm language. */
    public static Context context() {
        return Context.newBuilder(WASM).build();
    }

    /** A context whose polyglot bindings hold the {@code WebAssembly} binding. */
    public static Context contextWithBindings() {
        return Context.newBuilder(WASM).allowPolyglotAccess(PolyglotAccess.ALL).build();
    }

    /** A context with the option {@code wasm.MemoryLimit} set to {@code bytes}. */
    public static Context contextWithMemoryLimit(long bytes) {
        return Context.newBuilder(WASM).option("wasm.MemoryLimit", Long.toString(bytes)).build();
    }

    /** The binary of a module written in the text format; function names go into the {@code name} section. */
    public static byte[] wat(String text) {
        return CACHE.computeIfAbsent(text, WasmTestSupport::compile).clone();
    }

    private static byte[] compile(String text) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("enoki-embedding-");
            Path in = dir.resolve("module.wat");
            Path out = dir.resolve("module.wasm");
            Path log = dir.resolve("wat2wasm.log");
            Files.writeString(in, text, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(wat2wasm(), "--debug-names", in.toString(), "-o", out.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wat2wasm timed out");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("wat2wasm failed: " + Files.readString(log) + "\n" + text);
            }
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    private static String wat2wasm() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "wat2wasm");
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new IllegalStateException("wat2wasm (wabt) is not on the PATH; the embedding tests need it");
    }

    /** {@code binary} with a custom section {@code name} holding {@code contents} appended at its end. */
    public static byte[] withCustomSection(byte[] binary, String name, byte[] contents) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        writeU32(payload, nameBytes.length);
        payload.writeBytes(nameBytes);
        payload.writeBytes(contents);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(binary);
        out.write(0); // custom section id
        writeU32(out, payload.size());
        out.writeBytes(payload.toByteArray());
        return out.toByteArray();
    }

    private static void writeU32(ByteArrayOutputStream out, int value) {
        int v = value;
        do {
            int b = v & 0x7F;
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    /** The module object of a binary, as {@code context.eval} returns it. */
    public static Value module(Context context, String name, byte[] binary) {
        return context.eval(Source.newBuilder(WASM, ByteSequence.create(binary), name).buildLiteral());
    }

    /** The module object of a text-format module. */
    public static Value module(Context context, String name, String watText) {
        return module(context, name, wat(watText));
    }

    /** Instantiates a text-format module without imports and returns its exports object. */
    public static Value exports(Context context, String watText) {
        return module(context, "test", watText).newInstance().getMember("exports");
    }

    /** Instantiates a text-format module with {@code imports} and returns its exports object. */
    public static Value exports(Context context, String watText, Object imports) {
        return module(context, "test", watText).newInstance(imports).getMember("exports");
    }

    /**
     * An import object as an embedder builds one: {@code imports("env", "mem", memory, "env", "f", function)} gives
     * {@code {env: {mem: memory, f: function}}}, namespaces and fields as proxy objects.
     */
    public static ProxyObject imports(Object... moduleFieldValue) {
        Map<String, Object> namespaces = new LinkedHashMap<>();
        for (int i = 0; i < moduleFieldValue.length; i += 3) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) namespaces.computeIfAbsent((String) moduleFieldValue[i], k -> new LinkedHashMap<String, Object>());
            fields.put((String) moduleFieldValue[i + 1], moduleFieldValue[i + 2]);
        }
        Map<String, Object> proxies = new LinkedHashMap<>();
        namespaces.forEach((name, fields) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> f = (Map<String, Object>) fields;
            proxies.put(name, ProxyObject.fromMap(f));
        });
        return ProxyObject.fromMap(proxies);
    }
}

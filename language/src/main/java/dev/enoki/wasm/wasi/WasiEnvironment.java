package dev.enoki.wasm.wasi;

import com.oracle.truffle.api.TruffleFile;
import com.oracle.truffle.api.TruffleLanguage;
import dev.enoki.wasm.WasmOptions;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The WASI state of one context: its descriptors, arguments, environment and pre-opened directories. All of it comes
 * from the embedder, through the context:
 * <ul>
 * <li>argv is {@code Env.getApplicationArguments()}, argv[0] included: an embedder passes the program name first,
 * {@code Context.newBuilder("wasm").arguments("wasm", new String[]{"prog.wasm", "a", "b"})};</li>
 * <li>the environment is {@code Env.getEnvironment()}, so the context's environment policy applies;</li>
 * <li>fds 0, 1, 2 are the context's in, out and err streams;</li>
 * <li>fds 3, 4, ... are the directories of the option {@code wasm.WasiMapDirs} ({@code GUEST::HOST} entries, or a
 * plain {@code DIR} for both), opened as public TruffleFiles so the context's IO policy applies to every access.</li>
 * </ul>
 */
public final class WasiEnvironment {
    private final TruffleLanguage.Env env;
    final FdTable fds = new FdTable();
    final List<byte[]> arguments = new ArrayList<>();
    final List<byte[]> variables = new ArrayList<>();
    private SecureRandom random;

    private WasiEnvironment(TruffleLanguage.Env env) {
        this.env = env;
    }

    public static WasiEnvironment create(TruffleLanguage.Env env) {
        WasiEnvironment wasi = new WasiEnvironment(env);
        for (String argument : env.getApplicationArguments()) {
            wasi.arguments.add(argument.getBytes(StandardCharsets.UTF_8));
        }
        // Sorted, so a program sees the same order on every run.
        for (Map.Entry<String, String> variable : new TreeMap<>(env.getEnvironment()).entrySet()) {
            wasi.variables.add((variable.getKey() + "=" + variable.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        wasi.fds.add(StreamDescriptor.input(env.in()));
        wasi.fds.add(StreamDescriptor.output(env.out()));
        wasi.fds.add(StreamDescriptor.output(env.err()));
        for (String entry : env.getOptions().get(WasmOptions.WasiMapDirs).split(",")) {
            if (!entry.isBlank()) {
                int separator = entry.indexOf("::");
                String guest = separator >= 0 ? entry.substring(0, separator) : entry;
                String host = separator >= 0 ? entry.substring(separator + 2) : entry;
                wasi.fds.add(new DirectoryDescriptor(hostDirectory(env, host), guest, Rights.DIRECTORY, Rights.DIRECTORY_INHERITING));
            }
        }
        return wasi;
    }

    private static TruffleFile hostDirectory(TruffleLanguage.Env env, String path) {
        TruffleFile file = env.getPublicTruffleFile(path);
        try {
            return file.getAbsoluteFile();
        } catch (SecurityException e) {
            // No IO access: keep the pre-open, every access through it fails with an errno.
            return file;
        }
    }

    /** A host file for a path as given (for a symbolic link's text), under the context's IO policy. */
    TruffleFile file(String path) {
        return env.getPublicTruffleFile(path);
    }

    synchronized SecureRandom random() {
        if (random == null) {
            random = new SecureRandom();
        }
        return random;
    }

    /** Closes the files the program left open; the standard streams belong to the embedder and stay open. */
    public void close() {
        fds.closeAll();
    }
}

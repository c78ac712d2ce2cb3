package dev.enoki.wasm.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;

/**
 * The training run that bin/wasm starts with {@code -XX:AOTCacheOutput} to make the JVM's AOT cache (JEP 483/515): the
 * cache holds the classes this run loads and links, and the method profiles it gathers, so it walks the paths a real
 * run takes: the command line, decoding, instantiation with WASI, a WASI command, {@code --invoke}, and a trap. With
 * the JIT, that includes Truffle's optimizing runtime and the Graal compiler's initialization, which Truffle starts
 * with the first call target. It stays short and so records no completed compilation: one more would make every start
 * ~45 ms slower (more classes to map) for ~0.2 s sooner compiled code in a compute-bound run. Its output is of no
 * interest; bin/wasm discards it.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("enoki-training");
        dir.toFile().deleteOnExit();
        String compute = extract(dir, "training-compute.wasm");
        String hello = extract(dir, "training-hello.wasm");
        run("--invoke=work", compute, "400000");
        run("--invoke=fail", compute, "1");
        run(hello);
        run("--dir=" + dir, "--env=TRAINING=1", hello, "an argument");
        // Last, as it exits the JVM if it fails: the path through GraalVM's launcher code.
        new WasmLauncher().run(new String[]{"--invoke=work", compute, "0x10000"});
    }

    /** Runs one command line as the launcher would, but without exiting the JVM at the end. */
    private static void run(String... arguments) {
        List<String> unrecognized = new ArrayList<>();
        CommandLine commandLine = CommandLine.parse(List.of(arguments), unrecognized, System::getenv);
        Context.Builder builder = Context.newBuilder(ProgramRunner.LANGUAGE).allowAllAccess(true).option("wasm.Builtins", ProgramRunner.WASI_MODULE);
        if (!commandLine.guestDirectories().isEmpty()) {
            builder.option("wasm.WasiMapDirs", String.join(",", commandLine.guestDirectories()));
        }
        PrintStream out = System.out;
        try {
            new ProgramRunner(commandLine, out).run(builder);
        } catch (LauncherError e) {
            out.println(e.getMessage());
        }
    }

    private static String extract(Path dir, String name) throws IOException {
        try (InputStream in = StartupTraining.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            Path file = dir.resolve(name);
            Files.copy(in, file);
            file.toFile().deleteOnExit();
            return file.toString();
        }
    }
}

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
 * The training runs that bin/wasm starts to make the JVM's startup cache: the cache holds the classes a run loads and
 * links, so they walk the paths a real run takes.
 * <ul>
 * <li>Without arguments (with {@code -XX:AOTCacheOutput}, and with the JIT also {@code -Dpolyglot.engine.Compilation=false}):
 * the command line, decoding, instantiation with WASI, a WASI command, {@code --invoke}, a trap, and the launcher's own
 * {@code main}. It compiles nothing, so that the AOT cache, all of whose classes the JVM loads at every start, holds
 * none of the Graal compiler's.</li>
 * <li>{@value #COMPILER} (with the JIT, {@code -XX:ArchiveClassesAtExit} on top of that cache): a loop and a call
 * compiled to both tiers and by OSR, synchronously so that they are done before the run ends, which brings in the
 * compiler's initialization and its compilation paths. The JVM reads those classes from that archive only when a
 * program compiles.</li>
 * </ul>
 * Its output is of no interest; bin/wasm keeps it in a log.
 */
public final class StartupTraining {
    static final String COMPILER = "compiler";

    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("enoki-training");
        dir.toFile().deleteOnExit();
        String compute = extract(dir, "training-compute.wasm");
        if (args.length == 1 && args[0].equals(COMPILER)) {
            WasmLauncher.main(new String[]{"--experimental-options", "--engine.BackgroundCompilation=false", "--invoke=work", compute, "200000"});
            return;
        }
        String hello = extract(dir, "training-hello.wasm");
        run("--invoke=work", compute, "400000");
        run("--invoke=fail", compute, "1");
        run(hello);
        run("--dir=" + dir, "--env=TRAINING=1", hello, "an argument");
        // Last, as it exits the JVM if it fails: the launcher's main, its program thread and GraalVM's launcher code.
        WasmLauncher.main(new String[]{"--invoke=work", compute, "0x10000"});
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

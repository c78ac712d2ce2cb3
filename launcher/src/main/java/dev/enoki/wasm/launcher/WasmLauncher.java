package dev.enoki.wasm.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.graalvm.launcher.AbstractLanguageLauncher;
import org.graalvm.options.OptionCategory;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Language;

/**
 * The {@code wasm} command: {@code wasm [options] file.wasm [args]}. GraalVM's launcher code parses the standard
 * options ({@code --help}, {@code --version}, {@code --engine.*}, {@code --log.*}, {@code --wasm.*}); this class adds
 * wasmtime's {@code --dir}, {@code --env} and {@code --invoke} and hands the run to {@link ProgramRunner}.
 */
public final class WasmLauncher extends AbstractLanguageLauncher {
    /**
     * Stack of the thread that runs the program, in MiB ({@code -Denoki.stackMiB=N}, or {@code --vm.Denoki.stackMiB=N}
     * with bin/wasm). Wasm calls nest on the Java stack, a few hundred bytes per call once compiled and more in the
     * interpreter, so the JVM's default 1 MiB would overflow long before a native runtime does. 64 MiB holds some
     * 100,000 interpreted calls; more makes a runaway recursion take long to reach its "call stack exhausted" trap.
     */
    private static final long PROGRAM_STACK_BYTES = Long.getLong("enoki.stackMiB", 64) << 20;

    private CommandLine commandLine;

    public static void main(String[] args) throws InterruptedException {
        Thread program = new Thread(null, () -> new WasmLauncher().launch(args), "main", PROGRAM_STACK_BYTES);
        program.start();
        program.join();
    }

    @Override
    protected String getLanguageId() {
        return ProgramRunner.LANGUAGE;
    }

    @Override
    protected List<String> preprocessArguments(List<String> arguments, Map<String, String> polyglotOptions) {
        List<String> unrecognized = new ArrayList<>();
        try {
            commandLine = CommandLine.parse(arguments, unrecognized, System::getenv);
        } catch (IllegalArgumentException e) {
            throw abort(e.getMessage(), 2);
        }
        polyglotOptions.put("wasm.Builtins", ProgramRunner.WASI_MODULE);
        return unrecognized;
    }

    @Override
    protected void validateArguments(Map<String, String> polyglotOptions) {
        if (commandLine.file() == null) {
            throw abort("no module file given" + System.lineSeparator() + "Usage: wasm [options] file.wasm [args...]  (wasm --help for more)", 2);
        }
        if (!commandLine.guestDirectories().isEmpty()) {
            String dirs = String.join(",", commandLine.guestDirectories());
            // Directories given with --wasm.WasiMapDirs as well are kept.
            polyglotOptions.merge("wasm.WasiMapDirs", dirs, (given, ours) -> given.isEmpty() ? ours : given + "," + ours);
        }
    }

    @Override
    protected void launch(Context.Builder contextBuilder) {
        if (getLogFile() == null) {
            // An explicit handler for the process's stderr: Truffle's default one prefixes the log with advice.
            contextBuilder.logHandler(ProcessStreams.err());
        }
        int status;
        try {
            status = new ProgramRunner(commandLine, System.out).run(contextBuilder);
        } catch (LauncherError e) {
            throw abort(e.getMessage(), e.exitStatus());
        }
        if (status != 0) {
            throw exit(status);
        }
    }

    @Override
    protected void printHelp(OptionCategory maxCategory) {
        println("Usage: wasm [options] file.wasm [args...]");
        println("       wasm [options] --invoke=NAME file.wasm [values...]");
        println("");
        println("Runs a WebAssembly module with WASI preview1: a WASI command's _start, with args as its command line,");
        println("or the exported function NAME. Exits with the program's proc_exit status, or 1 when it traps.");
        println("Calls nest on a 64 MiB stack; a JVM option -Denoki.stackMiB=N (bin/wasm: --vm.Denoki.stackMiB=N) changes it.");
        println("");
        println("Options:");
        launcherOption("--dir=HOST[::GUEST]", "Give the program the host directory HOST, seen as GUEST (default: the same path). Repeatable.");
        launcherOption("--env=NAME[=VALUE]", "Set an environment variable for the program; without VALUE, pass this process's value. Repeatable.");
        launcherOption("--invoke=NAME", "Call the exported function NAME instead of _start. Each value after the file becomes an argument of "
                        + "the parameter's type (i32, i64: decimal or 0x hex, signed or unsigned; f32, f64: decimal, hex float, inf, nan); "
                        + "each result is printed on its own line.");
        launcherOption("--version", "Print the versions of Enoki, Truffle and Java, and whether the JIT is on, then exit.");
        launcherOption("--engine.TraceCompilation", "Print a line for each Wasm function the JIT compiles (bin/wasm turns the JIT on).");
        launcherOption("--cpusampler", "Print the time spent in each Wasm function at exit (Truffle's CPU sampler; --help:tools lists its options).");
    }

    @Override
    protected boolean runLauncherAction() {
        if (commandLine.printVersion()) {
            printVersion();
            return true;
        }
        return super.runLauncherAction();
    }

    @Override
    protected VMType getDefaultVMType() {
        return VMType.JVM;
    }

    @Override
    protected void collectArguments(Set<String> options) {
        super.collectArguments(options);
        options.add(CommandLine.DIR);
        options.add(CommandLine.ENV);
        options.add(CommandLine.INVOKE);
        options.add(CommandLine.VERSION);
    }

    @Override
    protected void printVersion() {
        try (Engine engine = Engine.newBuilder(ProgramRunner.LANGUAGE).option("engine.WarnInterpreterOnly", "false").build()) {
            Language language = engine.getLanguages().get(ProgramRunner.LANGUAGE);
            String runtime = engine.getImplementationName();
            // The Maven artifacts report their engine version as a development build; their manifests know better.
            String truffleVersion = Engine.class.getPackage().getImplementationVersion();
            println(String.format("wasm (%s %s, WebAssembly on GraalVM Truffle %s, %s, Java %s)", language.getImplementationName(), language.getVersion(),
                            truffleVersion != null ? truffleVersion : engine.getVersion(), runtime.equals("Interpreted") ? "interpreter only: no JIT" : runtime + " JIT",
                            System.getProperty("java.version")));
        }
    }
}

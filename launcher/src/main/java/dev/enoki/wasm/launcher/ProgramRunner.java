package dev.enoki.wasm.launcher;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * Runs one module as the command line says: decode it, instantiate it with WASI, then call {@code _start} or the
 * {@code --invoke} function. Every failure becomes a {@link LauncherError} worded for the user, or an exit status.
 */
final class ProgramRunner {
    static final String LANGUAGE = "wasm";
    static final String WASI_MODULE = "wasi_snapshot_preview1";
    private static final String START = "_start";
    /** A reactor's initializer, which must run before its other exports (WASI application ABI). */
    private static final String INITIALIZE = "_initialize";

    private final CommandLine commandLine;
    private final String moduleName;
    private final PrintStream out;
    private byte[] bytes;
    private ModuleInterface moduleInterface;

    ProgramRunner(CommandLine commandLine, PrintStream out) {
        this.commandLine = commandLine;
        this.moduleName = Path.of(commandLine.file()).getFileName().toString();
        this.out = out;
    }

    /** Runs the program in a context made from {@code builder}; returns the exit status. */
    int run(Context.Builder builder) {
        bytes = ModuleFile.read(commandLine.file());
        configure(builder);
        Context context;
        try {
            context = builder.build();
        } catch (IllegalArgumentException e) {
            throw new LauncherError(e.getMessage());
        }
        try (context) {
            // Failures are read before the context closes: their stack frames refer to it.
            try {
                Value module = compile(context);
                Value exports = instantiate(module).getMember("exports");
                if (commandLine.invoke() == null) {
                    runCommand(exports);
                } else {
                    invoke(exports, commandLine.invoke());
                }
                return 0;
            } catch (PolyglotException e) {
                return failure(e);
            }
        } finally {
            out.flush();
        }
    }

    private void configure(Context.Builder builder) {
        List<String> argv = new ArrayList<>();
        argv.add(commandLine.file());
        argv.addAll(commandLine.programArguments());
        builder.arguments(LANGUAGE, argv.toArray(String[]::new));
        // The program sees only the variables given with --env, as under wasmtime.
        builder.allowEnvironmentAccess(EnvironmentAccess.NONE);
        commandLine.environment().forEach(builder::environment);
        builder.in(ProcessStreams.in());
        builder.out(ProcessStreams.out());
        builder.err(ProcessStreams.err());
    }

    private Value compile(Context context) {
        Source source = Source.newBuilder(LANGUAGE, ByteSequence.create(bytes), moduleName).buildLiteral();
        try {
            return context.eval(source);
        } catch (PolyglotException e) {
            if (e.isSyntaxError()) {
                throw new LauncherError(commandLine.file() + " is not a valid WebAssembly module: " + e.getMessage());
            }
            throw e;
        }
    }

    private Value instantiate(Value module) {
        try {
            return module.newInstance();
        } catch (PolyglotException e) {
            String message = e.getMessage();
            if (e.isGuestException() && message != null && message.startsWith("unknown import ")) {
                throw new LauncherError(explainUnknownImport(message));
            }
            if (e.isGuestException() && message != null && message.startsWith("incompatible import type")) {
                throw new LauncherError(message);
            }
            throw e;
        }
    }

    /** "unknown import env.foo: the program expects a host function that this launcher does not provide". */
    private String explainUnknownImport(String message) {
        String rest = message.substring("unknown import ".length());
        ModuleInterface.Import missing = null;
        List<ModuleInterface.Import> imports;
        try {
            imports = moduleInterface().imports();
        } catch (IllegalArgumentException e) {
            return message;
        }
        for (ModuleInterface.Import im : imports) {
            if (rest.startsWith(im.qualifiedName()) && (missing == null || im.qualifiedName().length() > missing.qualifiedName().length())) {
                missing = im;
            }
        }
        if (missing == null) {
            return message;
        }
        String provider = missing.module().equals(WASI_MODULE) ? "WASI " + missing.kind().noun : "host " + missing.kind().noun;
        return "unknown import " + missing.qualifiedName() + ": the program expects a " + provider + " that this launcher does not provide";
    }

    private void runCommand(Value exports) {
        Value start = exports.getMember(START);
        if (start == null || !start.canExecute()) {
            List<String> functions = exportedFunctionNames();
            String hint = functions.isEmpty() ? " and exports no functions" : "; call one of its exported functions with --invoke=NAME: " + String.join(", ", functions);
            throw new LauncherError(commandLine.file() + " has no _start function (it is not a WASI command)" + hint);
        }
        start.execute();
    }

    private void invoke(Value exports, String name) {
        FunctionSignature signature = signatureOf(name);
        List<String> texts = commandLine.programArguments();
        if (texts.size() != signature.params().size()) {
            throw new LauncherError(name + " " + signature + " takes " + signature.params().size() + " argument(s), but " + texts.size() + " were given");
        }
        Object[] arguments = new Object[texts.size()];
        for (int i = 0; i < arguments.length; i++) {
            try {
                arguments[i] = signature.params().get(i).parse(texts.get(i));
            } catch (IllegalArgumentException e) {
                throw new LauncherError("argument " + (i + 1) + " of " + name + ": " + e.getMessage());
            }
        }
        Value initialize = exports.getMember(INITIALIZE);
        if (initialize != null && initialize.canExecute() && !name.equals(INITIALIZE)) {
            initialize.execute();
        }
        Value result = exports.getMember(name).execute(arguments);
        printResults(signature.results(), result);
    }

    private FunctionSignature signatureOf(String name) {
        FunctionSignature signature;
        try {
            signature = moduleInterface().exportedFunction(name);
        } catch (IllegalArgumentException e) {
            throw new LauncherError("cannot read the signature of " + name + " from " + commandLine.file() + ": " + e.getMessage());
        }
        if (signature == null) {
            List<String> functions = exportedFunctionNames();
            throw new LauncherError(commandLine.file() + " exports no function named " + name
                            + (functions.isEmpty() ? "; it exports no functions" : "; its exported functions are: " + String.join(", ", functions)));
        }
        return signature;
    }

    private void printResults(List<WasmType> types, Value result) {
        if (types.size() == 1) {
            out.println(types.get(0).format(result));
        } else {
            for (int i = 0; i < types.size(); i++) {
                out.println(types.get(i).format(result.getArrayElement(i)));
            }
        }
    }

    /** The exit status for a failure of the guest: its own for proc_exit, 1 for a trap. */
    private int failure(PolyglotException e) {
        if (e.isExit()) {
            return e.getExitStatus();
        }
        if (e.isInternalError()) {
            throw new LauncherError("internal error in Enoki (please report it): " + e.getMessage() + System.lineSeparator() + javaStackTrace(e));
        }
        if (e.isGuestException()) {
            throw new LauncherError(TrapReport.describe(e, moduleName));
        }
        throw new LauncherError(e.getMessage());
    }

    private static String javaStackTrace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private List<String> exportedFunctionNames() {
        try {
            return moduleInterface().exportedFunctionNames();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private ModuleInterface moduleInterface() {
        if (moduleInterface == null) {
            moduleInterface = ModuleInterface.read(bytes);
        }
        return moduleInterface;
    }
}

package dev.enoki.wasm.spec;

import dev.enoki.wasm.spec.WastJson.Action;
import dev.enoki.wasm.spec.WastJson.Command;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.proxy.ProxyObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Executes the commands of one converted {@code .wast} script in one polyglot context. {@link #run} never
 * throws: every problem, including runner-side ones, becomes a failed {@link Outcome} of that command.
 * {@link #cancel} may be called from another thread (the per-file watchdog).
 */
final class SpecCommandRunner implements AutoCloseable {

    static final String LANGUAGE = "wasm";
    static final String SPECTEST = "spectest";

    private final Path moduleDir;
    private final Context context;
    /** Namespaces visible to imports: {@code spectest} plus every {@code register}ed module's exports. */
    private final Map<String, Object> registry = new LinkedHashMap<>();
    private final Map<String, Value> namedInstances = new HashMap<>();
    private Value current;
    private String currentProblem = "no module defined yet";
    private volatile boolean cancelled;

    /** A failure the runner detects itself (missing module or export, unexpected success, ...). */
    private static final class SpecFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SpecFailure(String message) {
            super(message, null, false, false);
        }
    }

    SpecCommandRunner(Path moduleDir) {
        this.moduleDir = moduleDir;
        this.context = Context.newBuilder(LANGUAGE).build();
    }

    /**
     * Instantiates the {@code spectest} module and registers it. Returns {@code null} on success, else the
     * failure (commands that do not import from {@code spectest} can still run).
     */
    Outcome installSpectest(byte[] wasm) {
        String command = "instantiate " + SPECTEST + " module";
        try {
            Value module = context.eval(source(wasm, SPECTEST + ".wasm"));
            Value instance = module.newInstance(imports());
            registry.put(SPECTEST, exportsOf(instance));
            return null;
        } catch (Throwable t) {
            return Outcome.failed(0, command, describe(t));
        }
    }

    /** Runs one command; never throws. */
    Outcome run(Command c) {
        String command = describe(c);
        if (cancelled) {
            return Outcome.failed(c.line(), command, "not run: the file's time limit was exceeded");
        }
        try {
            return switch (c.type()) {
                case "module" -> module(c, command);
                case "register" -> register(c, command);
                case "action" -> action(c, command);
                case "assert_return" -> assertReturn(c, command);
                case "assert_trap" -> c.action() != null ? assertTrap(c, command) : assertModuleTrap(c, command);
                case "assert_exhaustion" -> assertTrap(c, command);
                case "assert_invalid" -> assertRejected(c, command, false);
                case "assert_malformed" -> assertRejected(c, command, true);
                case "assert_unlinkable" -> assertUnlinkable(c, command);
                case "assert_uninstantiable" -> assertModuleTrap(c, command);
                default -> Outcome.failed(c.line(), command, "unknown command type " + c.type());
            };
        } catch (SpecFailure f) {
            return Outcome.failed(c.line(), command, f.getMessage());
        } catch (Throwable t) {
            return Outcome.failed(c.line(), command, "unexpected " + describe(t));
        }
    }

    /** Stops whatever runs in the context and closes it; safe to call from another thread. */
    void cancel() {
        cancelled = true;
        context.close(true);
    }

    @Override
    public void close() {
        if (!cancelled) {
            context.close();
        }
    }

    // ---- commands ----

    private Outcome module(Command c, String command) {
        current = null;
        currentProblem = "the latest module (line " + c.line() + ") failed to load";
        try {
            Value instance = instantiate(load(c));
            current = instance;
            currentProblem = null;
            if (c.name() != null) {
                namedInstances.put(c.name(), instance);
            }
            return Outcome.passed(c.line(), command);
        } catch (PolyglotException e) {
            return Outcome.failed(c.line(), command, "module failed to load: " + describe(e));
        }
    }

    private Outcome register(Command c, String command) {
        Value instance = instance(c.name());
        registry.put(c.as(), exportsOf(instance));
        return Outcome.passed(c.line(), command);
    }

    private Outcome action(Command c, String command) {
        try {
            perform(c.action());
            return Outcome.passed(c.line(), command);
        } catch (PolyglotException e) {
            return Outcome.failed(c.line(), command, "unexpected " + describe(e));
        }
    }

    private Outcome assertReturn(Command c, String command) {
        Value result;
        try {
            result = perform(c.action());
        } catch (PolyglotException e) {
            return Outcome.failed(c.line(), command,
                    "expected [" + SpecValues.format(c.expected()) + "], got " + describe(e));
        }
        String mismatch = SpecValues.mismatch(c.expected(), result);
        return mismatch == null ? Outcome.passed(c.line(), command) : Outcome.failed(c.line(), command, mismatch);
    }

    /** {@code assert_trap} and {@code assert_exhaustion} of an action: a guest exception with the spec text. */
    private Outcome assertTrap(Command c, String command) {
        Value result;
        try {
            result = perform(c.action());
        } catch (PolyglotException e) {
            return trapOutcome(c, command, e);
        }
        return Outcome.failed(c.line(), command,
                "expected trap \"" + c.text() + "\", got result " + SpecValues.describe(result));
    }

    /** A module whose instantiation must trap ({@code assert_uninstantiable}, module-level {@code assert_trap}). */
    private Outcome assertModuleTrap(Command c, String command) {
        if (c.isTextModule()) {
            return Outcome.skipped(c.line(), command, "text format");
        }
        Value module;
        try {
            module = load(c);
        } catch (PolyglotException e) {
            return Outcome.failed(c.line(), command,
                    "expected trap \"" + c.text() + "\" at instantiation, but the module was rejected: " + describe(e));
        }
        try {
            instantiate(module);
        } catch (PolyglotException e) {
            return trapOutcome(c, command, e);
        }
        return Outcome.failed(c.line(), command, "expected trap \"" + c.text() + "\", but instantiation succeeded");
    }

    private Outcome trapOutcome(Command c, String command, PolyglotException e) {
        if (e.isCancelled() || cancelled) {
            return Outcome.failed(c.line(), command, "cancelled: the file's time limit was exceeded");
        }
        if (!e.isGuestException()) {
            return Outcome.failed(c.line(), command,
                    "expected trap \"" + c.text() + "\", got a non-guest " + describe(e));
        }
        String message = String.valueOf(e.getMessage());
        if (c.text() != null && !message.contains(c.text())) {
            return Outcome.failed(c.line(), command,
                    "expected trap \"" + c.text() + "\", got message \"" + message + "\"");
        }
        return Outcome.passed(c.line(), command);
    }

    /**
     * {@code assert_invalid} (rejected by eval) and binary {@code assert_malformed} (rejected by eval or, for an
     * engine that decodes lazily, by instantiation): a syntax error. The message is checked for information only.
     */
    private Outcome assertRejected(Command c, String command, boolean malformed) {
        if (c.isTextModule()) {
            return Outcome.skipped(c.line(), command, "text format");
        }
        String expectedKind = (malformed ? "malformed" : "invalid") + " module (\"" + c.text() + "\")";
        try {
            Value module = load(c);
            if (!malformed) {
                return Outcome.failed(c.line(), command, "expected " + expectedKind + ", but eval accepted it");
            }
            instantiate(module);
            return Outcome.failed(c.line(), command, "expected " + expectedKind + ", but it was instantiated");
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                return Outcome.failed(c.line(), command, "expected a syntax error for " + expectedKind
                        + ", got " + describe(e));
            }
            return messageOutcome(c, command, e);
        }
    }

    /** A valid module whose imports cannot be resolved: eval succeeds, instantiation fails in the guest. */
    private Outcome assertUnlinkable(Command c, String command) {
        if (c.isTextModule()) {
            return Outcome.skipped(c.line(), command, "text format");
        }
        Value module;
        try {
            module = load(c);
        } catch (PolyglotException e) {
            return Outcome.failed(c.line(), command,
                    "expected a link failure (\"" + c.text() + "\"), but eval rejected the module: " + describe(e));
        }
        try {
            instantiate(module);
        } catch (PolyglotException e) {
            if (e.isCancelled() || !e.isGuestException()) {
                return Outcome.failed(c.line(), command,
                        "expected a link failure (\"" + c.text() + "\"), got " + describe(e));
            }
            return messageOutcome(c, command, e);
        }
        return Outcome.failed(c.line(), command,
                "expected a link failure (\"" + c.text() + "\"), but instantiation succeeded");
    }

    private static Outcome messageOutcome(Command c, String command, PolyglotException e) {
        String message = String.valueOf(e.getMessage());
        if (c.text() == null || message.contains(c.text())) {
            return Outcome.passed(c.line(), command);
        }
        return Outcome.passedWithOtherMessage(c.line(), command,
                "expected message \"" + c.text() + "\", got \"" + message + "\"");
    }

    // ---- engine access ----

    private Value load(Command c) {
        if (c.filename() == null) {
            throw new SpecFailure("command has no module file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(moduleDir.resolve(c.filename()));
        } catch (IOException e) {
            throw new SpecFailure("cannot read " + c.filename() + ": " + e);
        }
        return context.eval(source(bytes, c.filename()));
    }

    private static Source source(byte[] bytes, String name) {
        return Source.newBuilder(LANGUAGE, ByteSequence.create(bytes), name).buildLiteral();
    }

    private Value instantiate(Value module) {
        return module.newInstance(imports());
    }

    private Object imports() {
        return ProxyObject.fromMap(new HashMap<>(registry));
    }

    private static Value exportsOf(Value instance) {
        Value exports = instance.getMember("exports");
        if (exports == null || exports.isNull()) {
            throw new SpecFailure("instance has no \"exports\" member: " + SpecValues.describe(instance));
        }
        return exports;
    }

    private Value instance(String name) {
        if (name == null) {
            if (current == null) {
                throw new SpecFailure("no current module: " + currentProblem);
            }
            return current;
        }
        Value instance = namedInstances.get(name);
        if (instance == null) {
            throw new SpecFailure("no module named " + name + " (not defined, or it failed to load)");
        }
        return instance;
    }

    private Value perform(Action a) {
        if (a == null) {
            throw new SpecFailure("command has no action");
        }
        Value exports = exportsOf(instance(a.module()));
        Value export = exports.getMember(a.field());
        if (export == null) {
            throw new SpecFailure("no export \"" + a.field() + "\"");
        }
        return switch (a.type()) {
            case "invoke" -> export.execute(SpecValues.toArguments(a.args()));
            case "get" -> {
                Value value = export.getMember("value");
                if (value == null) {
                    throw new SpecFailure("export \"" + a.field() + "\" has no \"value\" member: "
                            + SpecValues.describe(export));
                }
                yield value;
            }
            default -> throw new SpecFailure("unknown action type " + a.type());
        };
    }

    // ---- descriptions ----

    static String describe(Command c) {
        StringBuilder sb = new StringBuilder(c.type());
        switch (c.type()) {
            case "module" -> sb.append(c.name() == null ? "" : " " + c.name()).append(' ').append(c.filename());
            case "register" -> sb.append(c.name() == null ? "" : " " + c.name()).append(" as \"").append(c.as())
                    .append('"');
            default -> {
                if (c.action() != null) {
                    Action a = c.action();
                    sb.append(' ').append(a.type()).append(' ')
                            .append(a.module() == null ? "" : a.module() + ".")
                            .append('"').append(a.field()).append('"');
                    if ("invoke".equals(a.type())) {
                        sb.append('(').append(SpecValues.format(a.args())).append(')');
                    }
                    if (c.type().equals("assert_return")) {
                        sb.append(" -> [").append(SpecValues.format(c.expected())).append(']');
                    }
                } else if (c.filename() != null) {
                    sb.append(' ').append(c.filename());
                }
                if (c.text() != null) {
                    sb.append(" \"").append(c.text()).append('"');
                }
            }
        }
        return sb.toString();
    }

    static String describe(Throwable t) {
        if (t instanceof PolyglotException e) {
            StringBuilder kind = new StringBuilder();
            if (e.isSyntaxError()) {
                kind.append("syntax error");
            } else if (e.isCancelled()) {
                kind.append("cancelled");
            } else if (e.isGuestException()) {
                kind.append("guest exception");
            } else if (e.isHostException()) {
                kind.append("host exception");
            } else if (e.isInternalError()) {
                kind.append("internal error");
            } else {
                kind.append("polyglot exception");
            }
            if (e.isResourceExhausted()) {
                kind.append(", resource exhausted");
            }
            String detail = kind + ": \"" + e.getMessage() + "\"";
            if (e.isHostException()) {
                detail += " caused by " + e.asHostException();
            } else if (e.isInternalError()) {
                detail += firstFrames(e);
            }
            return detail;
        }
        return t.getClass().getName() + ": " + t.getMessage() + firstFrames(t);
    }

    private static String firstFrames(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(5, trace.length); i++) {
            sb.append("\n            at ").append(trace[i]);
        }
        return sb.toString();
    }
}

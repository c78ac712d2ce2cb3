package dev.enoki.wasm.runtime;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import dev.enoki.wasm.WasmLanguage;
import dev.enoki.wasm.errors.Trap;
import dev.enoki.wasm.interop.ValueConversion;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.nodes.call.HostFunctionRootNode;

/**
 * A function instance: a function defined by a Wasm instance, or a host function imported into one. It is also the
 * value of {@code funcref}s and what the host sees of an exported function (executable).
 *
 * <p>A call passes the function's instance as the first argument. A Wasm function's call target belongs to its
 * module's {@link ModuleCode} and is built on first use, so unused functions of a large module cost nothing.
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmFunction implements TruffleObject {
    private final FuncType type;
    private final int typeId;
    private final WasmInstance instance;
    private final ModuleCode code;
    private final int index;
    private final String name;
    private CallTarget callTarget;

    private WasmFunction(FuncType type, WasmInstance instance, ModuleCode code, int index, String name, CallTarget callTarget) {
        this.type = type;
        this.typeId = CanonicalTypes.idOf(type);
        this.instance = instance;
        this.code = code;
        this.index = index;
        this.name = name;
        this.callTarget = callTarget;
    }

    /** Function {@code index} defined by {@code instance}'s module. */
    public static WasmFunction defined(ModuleCode code, WasmInstance instance, int index) {
        return new WasmFunction(code.module().functionType(index), instance, code, index, code.module().functionName(index), null);
    }

    /** A host function (any executable polyglot value) imported as a function of {@code type}. */
    public static WasmFunction host(WasmLanguage language, FuncType type, Object executable) {
        return new WasmFunction(type, null, null, -1, "host", new HostFunctionRootNode(language, type, executable).getCallTarget());
    }

    /**
     * A function implemented by the engine itself (a predefined module such as WASI) for {@code importer}, which
     * its calls receive as their instance argument.
     */
    public static WasmFunction predefined(FuncType type, CallTarget callTarget, WasmInstance importer) {
        return new WasmFunction(type, importer, null, -1, ((RootCallTarget) callTarget).getRootNode().getName(), callTarget);
    }

    public FuncType type() {
        return type;
    }

    public int typeId() {
        return typeId;
    }

    public String name() {
        return name;
    }

    /** The instance calls of this function run in (null for host functions). */
    public WasmInstance instance() {
        return instance;
    }

    /** The call target if it was built already, else null; {@link #callTarget()} builds it. */
    public CallTarget builtCallTarget() {
        return callTarget;
    }

    public CallTarget callTarget() {
        CallTarget target = callTarget;
        if (target == null) {
            // Racing threads get the same target from the module's code; either may store it.
            target = code.callTarget(index);
            callTarget = target;
        }
        return target;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    @ExportMessage
    Object execute(Object[] arguments, @Cached IndirectCallNode call) throws ArityException, UnsupportedTypeException {
        Object[] values = ValueConversion.argumentsFromHost(type, arguments);
        values[0] = instance;
        if (instance == null) {
            // A host function imported and exported again: no Wasm code runs.
            return ValueConversion.resultToHost(type, call.call(callTarget(), values));
        }
        Object result;
        CallDepth depth = instance.callDepth();
        int saved = depth.save();
        try {
            result = call.call(callTarget(), values);
        } catch (StackOverflowError e) {
            throw Trap.create(Trap.CALL_STACK_EXHAUSTED, null);
        } finally {
            depth.restore(saved);
        }
        return ValueConversion.resultToHost(type, result);
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }

    @Override
    public String toString() {
        return "wasm-function[" + name() + type + "]";
    }
}

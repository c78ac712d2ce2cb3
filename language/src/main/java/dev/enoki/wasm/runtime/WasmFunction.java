package dev.enoki.wasm.runtime;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
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
import dev.enoki.wasm.nodes.builder.AstBuilder;
import dev.enoki.wasm.nodes.call.HostFunctionRootNode;

/**
 * A function instance: a function defined by a Wasm instance, or a host function imported into one. It is also the
 * value of {@code funcref}s and what the host sees of an exported function (executable).
 *
 * <p>The call target is made on first use: for a Wasm function that is when its AST is built, so unused functions of
 * a large module cost nothing.
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmFunction implements TruffleObject {
    private final WasmLanguage language;
    private final FuncType type;
    private final int typeId;
    private final WasmInstance instance;
    private final int index;
    private final Object hostFunction;
    private volatile CallTarget callTarget;

    private WasmFunction(WasmLanguage language, FuncType type, WasmInstance instance, int index, Object hostFunction) {
        this.language = language;
        this.type = type;
        this.typeId = CanonicalTypes.idOf(type);
        this.instance = instance;
        this.index = index;
        this.hostFunction = hostFunction;
    }

    public static WasmFunction defined(WasmLanguage language, WasmInstance instance, int index) {
        return new WasmFunction(language, instance.module().functionType(index), instance, index, null);
    }

    public static WasmFunction host(WasmLanguage language, FuncType type, Object executable) {
        return new WasmFunction(language, type, null, -1, executable);
    }

    /** A function implemented by the engine itself (a predefined module such as WASI), with a ready call target. */
    public static WasmFunction predefined(WasmLanguage language, FuncType type, CallTarget callTarget) {
        WasmFunction function = new WasmFunction(language, type, null, -1, null);
        function.callTarget = callTarget;
        return function;
    }

    public FuncType type() {
        return type;
    }

    public int typeId() {
        return typeId;
    }

    public String name() {
        if (instance != null) {
            return instance.module().functionName(index);
        }
        return hostFunction != null ? "host" : ((com.oracle.truffle.api.RootCallTarget) callTarget).getRootNode().getName();
    }

    public CallTarget callTarget() {
        CallTarget target = callTarget;
        if (target == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            target = createCallTarget();
        }
        return target;
    }

    @TruffleBoundary
    private synchronized CallTarget createCallTarget() {
        if (callTarget == null) {
            if (hostFunction != null) {
                callTarget = new HostFunctionRootNode(language, type, hostFunction).getCallTarget();
            } else {
                callTarget = AstBuilder.build(language, instance, index).getCallTarget();
            }
        }
        return callTarget;
    }

    @ExportMessage
    boolean isExecutable() {
        return true;
    }

    @ExportMessage
    Object execute(Object[] arguments, @Cached IndirectCallNode call) throws ArityException, UnsupportedTypeException {
        Object[] values = ValueConversion.argumentsFromHost(type, arguments);
        Object result;
        try {
            result = call.call(callTarget(), values);
        } catch (StackOverflowError e) {
            throw Trap.create(Trap.CALL_STACK_EXHAUSTED, null);
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

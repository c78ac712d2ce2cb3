package dev.enoki.wasm.nodes.call;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.nodes.RootNode;
import dev.enoki.wasm.WasmLanguage;
import dev.enoki.wasm.errors.Trap;
import dev.enoki.wasm.interop.ValueConversion;
import dev.enoki.wasm.module.FuncType;

/** Calls an imported host function (any executable polyglot value) and converts its result to the Wasm type. */
public final class HostFunctionRootNode extends RootNode {
    private final FuncType type;
    private final Object executable;
    @Child private InteropLibrary interop;

    public HostFunctionRootNode(WasmLanguage language, FuncType type, Object executable) {
        super(language);
        this.type = type;
        this.executable = executable;
        this.interop = InteropLibrary.getFactory().create(executable);
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Object[] arguments = frame.getArguments();
        Object result;
        try {
            // Slot 0 is the (absent) instance of the callee; the host gets only the Wasm arguments.
            result = interop.execute(executable, java.util.Arrays.copyOfRange(arguments, 1, arguments.length));
        } catch (InteropException e) {
            throw hostCallFailed(e);
        }
        return ValueConversion.resultFromHost(type, result, this);
    }

    @TruffleBoundary
    private Trap hostCallFailed(InteropException e) {
        return Trap.create("host function call failed: " + e.getMessage(), this);
    }

    @Override
    public String getName() {
        return "host-function" + type;
    }
}

package dev.enoki.wasm.wasi;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import dev.enoki.wasm.WasmContext;
import dev.enoki.wasm.WasmLanguage;
import dev.enoki.wasm.memory.LinearMemory;
import dev.enoki.wasm.runtime.WasmInstance;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * The call target of one WASI function, shared by every instance that imports it: the importing instance comes as
 * the call's argument 0, the function's own arguments after it. Everything happens behind a boundary: system calls
 * are not worth compiling, and keeping them out keeps the importer's compiled code small.
 */
final class WasiRootNode extends RootNode {
    private final WasiFunction function;

    WasiRootNode(WasmLanguage language, WasiFunction function) {
        super(language);
        this.function = function;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        return call(frame.getArguments());
    }

    @TruffleBoundary
    private Object call(Object[] arguments) {
        GuestMemory memory = new GuestMemory(memory((WasmInstance) arguments[0]));
        WasiCall call = new WasiCall(arguments, memory, WasmContext.get(this).wasi(), this);
        Errno result;
        try {
            function.body().run(call);
            result = Errno.SUCCESS;
        } catch (WasiError e) {
            result = e.errno;
        } catch (IOException e) {
            result = Errno.of(e);
        } catch (RuntimeException e) {
            result = Errno.of(e);
            if (result == null) {
                throw e;
            }
        }
        return function.type().resultCount() == 0 ? null : result.code;
    }

    /**
     * The memory WASI reads and writes: the export "memory" (the WASI ABI's name), else memory 0. Looked up per call,
     * as it does not exist yet when imports are linked.
     */
    private static MemorySegment memory(WasmInstance importer) {
        LinearMemory memory = importer.exports().get("memory") instanceof LinearMemory exported ? exported : null;
        if (memory == null && importer.module().memoryCount() > 0) {
            memory = importer.memory(0);
        }
        return memory == null ? null : memory.segment();
    }

    @Override
    public String getName() {
        return WasiModule.NAME + "." + function.name();
    }

    @Override
    public String toString() {
        return getName();
    }
}

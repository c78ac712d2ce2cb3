package dev.enoki.wasm.interop;

import com.oracle.truffle.api.interop.InteropException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import dev.enoki.wasm.WasmContext;
import dev.enoki.wasm.errors.LinkError;
import dev.enoki.wasm.memory.LinearMemory;
import dev.enoki.wasm.module.GlobalType;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.runtime.WasmGlobal;
import dev.enoki.wasm.runtime.WasmNull;
import dev.enoki.wasm.runtime.WasmTable;

/**
 * The polyglot binding {@code WebAssembly}: how a host creates memories, tables and globals to share between
 * instances as imports, and (with GraalJS) the backend of JavaScript's {@code WebAssembly} object. Member names and
 * argument shapes follow GraalJS's protocol (see GRAALJS-PROTOCOL.md). The binding is a {@link RecordObject} of
 * executable members.
 */
public final class WebAssemblyBinding {
    public static final String NAME = "WebAssembly";

    private WebAssemblyBinding() {
    }

    public static RecordObject create(WasmContext context) {
        return RecordObject.of(
                        "mem_alloc", new BindingFunction("mem_alloc", 3, args -> allocateMemory(context, args)),
                        "table_alloc", new BindingFunction("table_alloc", 4, WebAssemblyBinding::allocateTable),
                        "global_alloc", new BindingFunction("global_alloc", 3, WebAssemblyBinding::allocateGlobal),
                        "ref_null", new BindingFunction("ref_null", 0, args -> WasmNull.INSTANCE));
    }

    private static InteropLibrary interop() {
        return InteropLibrary.getUncached();
    }

    /** mem_alloc(initial pages, maximum pages, shared): a maximum of 65536 or more means no declared maximum. */
    private static Object allocateMemory(WasmContext context, Object[] args) throws InteropException {
        long initial = interop().asLong(args[0]);
        long maximum = interop().asLong(args[1]);
        if (interop().asBoolean(args[2])) {
            throw UnsupportedTypeException.create(args, "shared memories (threads) are not supported yet");
        }
        LinearMemory memory = LinearMemory.allocate(initial, maximum >= LinearMemory.MAX_PAGES ? -1 : maximum, context.memories());
        if (memory == null) {
            throw new LinkError("cannot allocate a memory of " + initial + " pages");
        }
        return memory;
    }

    /** table_alloc(initial, maximum, "anyfunc" | "externref", init). */
    private static Object allocateTable(Object[] args) throws InteropException {
        int initial = interop().asInt(args[0]);
        long maximum = interop().asLong(args[1]);
        if (initial < 0 || initial > WasmTable.MAX_SIZE || (maximum >= 0 && initial > maximum)) {
            throw UnsupportedTypeException.create(args, "a table of " + initial + " elements (maximum " + maximum + ") cannot be allocated");
        }
        String kind = interop().asString(args[2]);
        ValueType type = switch (kind) {
            case "anyfunc", "funcref" -> ValueType.FUNCREF;
            case "externref" -> ValueType.EXTERNREF;
            default -> throw UnsupportedTypeException.create(args, "unknown table element kind " + kind);
        };
        Object init = ValueConversion.fromHost(type, args[3]);
        return new WasmTable(type, initial, maximum, init);
    }

    /** global_alloc("i32" | "i64" | "f32" | "f64" | "anyfunc" | "externref", mutable, value). */
    private static Object allocateGlobal(Object[] args) throws InteropException {
        String text = interop().asString(args[0]);
        ValueType type = switch (text) {
            case "i32" -> ValueType.I32;
            case "i64" -> ValueType.I64;
            case "f32" -> ValueType.F32;
            case "f64" -> ValueType.F64;
            case "anyfunc", "funcref" -> ValueType.FUNCREF;
            case "externref" -> ValueType.EXTERNREF;
            default -> throw UnsupportedTypeException.create(args, "unknown global type " + text);
        };
        WasmGlobal global = new WasmGlobal(new GlobalType(type, interop().asBoolean(args[1])));
        global.setBoxed(ValueConversion.fromHost(type, args[2]));
        return global;
    }
}

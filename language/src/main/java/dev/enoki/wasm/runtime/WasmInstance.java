package dev.enoki.wasm.runtime;

import dev.enoki.wasm.memory.LinearMemory;
import dev.enoki.wasm.module.WasmModule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A module instance: the function, table, memory and global instances its index spaces refer to (imports first),
 * its element and data segments (empty once dropped), and its exports by name in declaration order.
 */
public final class WasmInstance {
    private static final Object[] DROPPED_ELEMENTS = new Object[0];
    private static final byte[] DROPPED_DATA = new byte[0];

    private final WasmModule module;
    final WasmFunction[] functions;
    final WasmTable[] tables;
    final LinearMemory[] memories;
    final WasmGlobal[] globals;
    final Object[][] elementSegments;
    final byte[][] dataSegments;
    final Map<String, Object> exports = new LinkedHashMap<>();
    private final CallDepth callDepth;

    WasmInstance(WasmModule module, CallDepth callDepth) {
        this.module = module;
        this.callDepth = callDepth;
        this.functions = new WasmFunction[module.functionCount()];
        this.tables = new WasmTable[module.tableCount()];
        this.memories = new LinearMemory[module.memoryCount()];
        this.globals = new WasmGlobal[module.globalCount()];
        this.elementSegments = new Object[module.elements().size()][];
        this.dataSegments = new byte[module.datas().size()][];
    }

    public WasmModule module() {
        return module;
    }

    /** The call depth of the context this instance belongs to. */
    public CallDepth callDepth() {
        return callDepth;
    }

    public WasmFunction function(int index) {
        return functions[index];
    }

    public WasmTable table(int index) {
        return tables[index];
    }

    public LinearMemory memory(int index) {
        return memories[index];
    }

    public WasmGlobal global(int index) {
        return globals[index];
    }

    public Object[] elementSegment(int index) {
        return elementSegments[index];
    }

    public void dropElementSegment(int index) {
        elementSegments[index] = DROPPED_ELEMENTS;
    }

    public byte[] dataSegment(int index) {
        return dataSegments[index];
    }

    public void dropDataSegment(int index) {
        dataSegments[index] = DROPPED_DATA;
    }

    /** Exported entities by name, in the module's export order. */
    public Map<String, Object> exports() {
        return exports;
    }
}

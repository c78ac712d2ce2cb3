package dev.enoki.wasm.runtime;

import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import dev.enoki.wasm.WasmContext;
import dev.enoki.wasm.WasmLanguage;
import dev.enoki.wasm.wasi.WasiModule;
import dev.enoki.wasm.errors.LinkError;
import dev.enoki.wasm.errors.Trap;
import dev.enoki.wasm.interop.ValueConversion;
import dev.enoki.wasm.memory.LinearMemory;
import dev.enoki.wasm.module.DataSegment;
import dev.enoki.wasm.module.ElementSegment;
import dev.enoki.wasm.module.Export;
import dev.enoki.wasm.module.Global;
import dev.enoki.wasm.module.Import;
import dev.enoki.wasm.module.Limits;
import dev.enoki.wasm.module.MemoryType;
import dev.enoki.wasm.module.SegmentMode;
import dev.enoki.wasm.module.TableType;
import dev.enoki.wasm.module.WasmModule;

import java.util.List;

/**
 * Instantiates a validated module, in the spec's order: resolve and check every import (nothing is changed when one
 * fails), allocate functions, tables, memories and globals, evaluate segments, then apply active element and data
 * segments in order (a trap stops there, keeping the writes already done), and finally run the start function.
 */
public final class Instantiator {
    private final WasmContext context;
    private final WasmLanguage language;
    private final ModuleCode code;
    private final WasmModule module;
    private final Object importObject;
    private final WasmInstance instance;
    private final InteropLibrary interop = InteropLibrary.getUncached();

    private Instantiator(WasmContext context, ModuleCode code, Object importObject) {
        this.context = context;
        this.language = context.language();
        this.code = code;
        this.module = code.module();
        this.importObject = importObject;
        this.instance = new WasmInstance(module, context.callDepth());
    }

    /** @param importObject a polyglot object of namespaces (objects of fields), or null when there are no imports */
    public static WasmInstance instantiate(WasmContext context, ModuleCode code, Object importObject) {
        // Before any object of the new instance exists: a full collection now cannot promote it to the old generation,
        // where, once dead, it would keep its memories from being found by the young collections after it.
        long pages = 0;
        for (MemoryType type : code.module().memories()) {
            pages += type.limits().min();
        }
        if (pages > 0) {
            LinearMemory.makeRoomFor(pages);
        }
        Instantiator instantiator = new Instantiator(context, code, importObject);
        instantiator.link();
        instantiator.allocate();
        instantiator.initializeSegments();
        instantiator.start();
        return instantiator.instance;
    }

    private void link() {
        int functions = 0;
        int tables = 0;
        int memories = 0;
        int globals = 0;
        for (Import im : module.imports()) {
            Object value = resolve(im);
            switch (im.kind()) {
                case FUNCTION -> instance.functions[functions++] = linkFunction(im, value);
                case TABLE -> instance.tables[tables++] = linkTable(im, value);
                case MEMORY -> instance.memories[memories++] = linkMemory(im, value);
                case GLOBAL -> instance.globals[globals++] = linkGlobal(im, value);
            }
        }
    }

    private Object resolve(Import im) {
        if (context.isWasiEnabled() && im.module().equals(WasiModule.NAME) && im.kind() == dev.enoki.wasm.module.ExternKind.FUNCTION) {
            WasmFunction function = WasiModule.resolve(context, instance, im.name(), module.types().get(im.functionTypeIndex()));
            if (function == null) {
                throw new LinkError("unknown import " + describe(im) + ": WASI preview1 has no function of that name");
            }
            return function;
        }
        try {
            if (importObject == null) {
                throw new LinkError("unknown import " + describe(im) + ": no imports were given");
            }
            Object namespace = interop.readMember(importObject, im.module());
            return interop.readMember(namespace, im.name());
        } catch (UnsupportedMessageException | UnknownIdentifierException e) {
            throw new LinkError("unknown import " + describe(im));
        }
    }

    private static String describe(Import im) {
        return im.module() + "." + im.name();
    }

    private static LinkError incompatible(Import im, String why) {
        return new LinkError("incompatible import type for " + describe(im) + ": " + why);
    }

    private WasmFunction linkFunction(Import im, Object value) {
        var type = module.types().get(im.functionTypeIndex());
        if (value instanceof WasmFunction function) {
            if (!function.type().equals(type)) {
                throw incompatible(im, "expected a function " + type + ", got " + function.type());
            }
            return function;
        }
        if (interop.isExecutable(value)) {
            return WasmFunction.host(language, type, value);
        }
        throw incompatible(im, "expected a function");
    }

    private static boolean limitsMatch(long actualSize, long actualMax, Limits expected) {
        if (actualSize < expected.min()) {
            return false;
        }
        return !expected.hasMax() || (actualMax >= 0 && actualMax <= expected.max());
    }

    private WasmTable linkTable(Import im, Object value) {
        TableType type = im.table();
        if (!(value instanceof WasmTable table) || table.elementType() != type.elementType() || !limitsMatch(table.size(), table.max(), type.limits())) {
            throw incompatible(im, "expected a table " + type.elementType() + " " + type.limits());
        }
        return table;
    }

    private LinearMemory linkMemory(Import im, Object value) {
        MemoryType type = im.memory();
        if (!(value instanceof LinearMemory memory) || !limitsMatch(memory.pages(), memory.maxPages(), type.limits())) {
            throw incompatible(im, "expected a memory " + type.limits());
        }
        return memory;
    }

    private WasmGlobal linkGlobal(Import im, Object value) {
        if (value instanceof WasmGlobal global) {
            if (!global.type().equals(im.global())) {
                throw incompatible(im, "expected a global " + im.global() + ", got " + global.type());
            }
            return global;
        }
        if (!im.global().mutable()) {
            // Like the JS API, a plain host value can initialise an immutable global import.
            try {
                WasmGlobal global = new WasmGlobal(im.global());
                global.setBoxed(ValueConversion.fromHost(im.global().type(), value));
                return global;
            } catch (UnsupportedMessageException e) {
                throw incompatible(im, "the value does not fit " + im.global().type());
            }
        }
        throw incompatible(im, "expected a global");
    }

    private void allocate() {
        int firstDefined = module.importedCount(dev.enoki.wasm.module.ExternKind.FUNCTION);
        for (int i = firstDefined; i < instance.functions.length; i++) {
            instance.functions[i] = WasmFunction.defined(code, instance, i);
        }
        int t = module.importedCount(dev.enoki.wasm.module.ExternKind.TABLE);
        for (TableType type : module.tables()) {
            instance.tables[t++] = new WasmTable(type.elementType(), (int) type.limits().min(), type.limits().max(), WasmNull.INSTANCE);
        }
        int m = module.importedCount(dev.enoki.wasm.module.ExternKind.MEMORY);
        for (MemoryType type : module.memories()) {
            LinearMemory memory = LinearMemory.allocate(type.limits().min(), type.limits().max(), context.memories());
            if (memory == null) {
                throw new LinkError("cannot allocate a memory of " + type.limits().min() + " pages: the context's memory limit (wasm.MemoryLimit) or the address space does not allow it");
            }
            instance.memories[m++] = memory;
        }
        int g = module.importedCount(dev.enoki.wasm.module.ExternKind.GLOBAL);
        for (Global global : module.globals()) {
            WasmGlobal created = new WasmGlobal(global.type());
            created.setBoxed(ConstantEvaluator.evaluate(global.init(), instance));
            instance.globals[g++] = created;
        }
        List<ElementSegment> elements = module.elements();
        for (int i = 0; i < elements.size(); i++) {
            List<dev.enoki.wasm.module.ConstantExpression> items = elements.get(i).items();
            Object[] values = new Object[items.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = ConstantEvaluator.evaluate(items.get(k), instance);
            }
            instance.elementSegments[i] = values;
        }
        List<DataSegment> datas = module.datas();
        for (int i = 0; i < datas.size(); i++) {
            instance.dataSegments[i] = datas.get(i).bytes();
        }
        for (Export export : module.exports()) {
            instance.exports.put(export.name(), switch (export.kind()) {
                case FUNCTION -> instance.functions[export.index()];
                case TABLE -> instance.tables[export.index()];
                case MEMORY -> instance.memories[export.index()];
                case GLOBAL -> instance.globals[export.index()];
            });
        }
    }

    private void initializeSegments() {
        List<ElementSegment> elements = module.elements();
        for (int i = 0; i < elements.size(); i++) {
            ElementSegment segment = elements.get(i);
            if (segment.mode() == SegmentMode.ACTIVE) {
                int offset = (Integer) ConstantEvaluator.evaluate(segment.offset(), instance);
                Object[] items = instance.elementSegments[i];
                instance.tables[segment.tableIndex()].copyFrom(items, 0, offset, items.length, null);
            }
            if (segment.mode() != SegmentMode.PASSIVE) {
                instance.dropElementSegment(i);
            }
        }
        List<DataSegment> datas = module.datas();
        for (int i = 0; i < datas.size(); i++) {
            DataSegment segment = datas.get(i);
            if (segment.mode() == SegmentMode.ACTIVE) {
                int offset = (Integer) ConstantEvaluator.evaluate(segment.offset(), instance);
                byte[] bytes = instance.dataSegments[i];
                instance.memories[segment.memoryIndex()].initialize(bytes, offset, 0, bytes.length, null);
                instance.dropDataSegment(i);
            }
        }
    }

    private void start() {
        if (module.startFunction() >= 0) {
            CallDepth depth = instance.callDepth();
            int saved = depth.save();
            try {
                instance.functions[module.startFunction()].callTarget().call(instance);
            } catch (StackOverflowError e) {
                throw Trap.create(Trap.CALL_STACK_EXHAUSTED, null);
            } finally {
                depth.restore(saved);
            }
        }
    }
}

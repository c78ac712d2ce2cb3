package dev.enoki.wasm.interop;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import dev.enoki.wasm.module.CustomSection;
import dev.enoki.wasm.module.Export;
import dev.enoki.wasm.module.ExternKind;
import dev.enoki.wasm.module.Import;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.enoki.wasm.WasmContext;
import dev.enoki.wasm.module.WasmModule;
import dev.enoki.wasm.runtime.Instantiator;
import dev.enoki.wasm.runtime.WasmInstance;
import dev.enoki.wasm.runtime.ModuleCode;

/**
 * A compiled module as the host sees it: {@code module.newInstance()} or {@code module.newInstance(imports)}; members
 * {@code imports} and {@code exports} describe what it needs and offers ({@code {module, name, kind, type}}), and
 * {@code customSections(name)} returns the contents of the custom sections of that name.
 */
@ExportLibrary(InteropLibrary.class)
public final class ModuleObject implements TruffleObject {
    private static final String IMPORTS = "imports";
    private static final String EXPORTS = "exports";
    private static final String CUSTOM_SECTIONS = "customSections";

    private final WasmModule module;
    private final ModuleCode code;

    public ModuleObject(ModuleCode code) {
        this.module = code.module();
        this.code = code;
    }

    public WasmModule module() {
        return module;
    }

    @ExportMessage
    boolean isInstantiable() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object instantiate(Object[] arguments) throws ArityException {
        if (arguments.length > 1) {
            throw ArityException.create(0, 1, arguments.length);
        }
        Object imports = arguments.length == 1 ? arguments[0] : null;
        if (imports != null && InteropLibrary.getUncached().isNull(imports)) {
            imports = null;
        }
        // Not new InstanceObject(Instantiator.instantiate(...)): that allocates the wrapper before the instantiation,
        // which may collect; a full collection would then make the empty wrapper old, and once dead it would keep
        // the instance and its memories from every young collection (see Instantiator.instantiate).
        WasmInstance instance = Instantiator.instantiate(WasmContext.get(null), code, imports);
        return new InstanceObject(instance);
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return new ValueArray(new Object[]{IMPORTS, EXPORTS, CUSTOM_SECTIONS});
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return IMPORTS.equals(member) || EXPORTS.equals(member) || CUSTOM_SECTIONS.equals(member);
    }

    @ExportMessage
    boolean isMemberInvocable(String member) {
        return CUSTOM_SECTIONS.equals(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        return switch (member) {
            case IMPORTS -> describeImports();
            case EXPORTS -> describeExports();
            default -> throw UnknownIdentifierException.create(member);
        };
    }

    @ExportMessage
    @TruffleBoundary
    Object invokeMember(String member, Object[] arguments) throws UnknownIdentifierException, ArityException, UnsupportedTypeException {
        if (!CUSTOM_SECTIONS.equals(member)) {
            throw UnknownIdentifierException.create(member);
        }
        if (arguments.length != 1) {
            throw ArityException.create(1, 1, arguments.length);
        }
        String name;
        try {
            name = InteropLibrary.getUncached().asString(arguments[0]);
        } catch (UnsupportedMessageException e) {
            throw UnsupportedTypeException.create(arguments, "customSections takes a section name");
        }
        List<Object> contents = new ArrayList<>();
        for (CustomSection section : module.customSections()) {
            if (section.name().equals(name)) {
                contents.add(new ByteArrayBuffer(section.contents()));
            }
        }
        return new ValueArray(contents.toArray());
    }

    private ValueArray describeImports() {
        Map<ExternKind, Integer> counts = new EnumMap<>(ExternKind.class);
        List<Object> descriptions = new ArrayList<>();
        for (Import im : module.imports()) {
            int index = counts.merge(im.kind(), 1, Integer::sum) - 1;
            descriptions.add(RecordObject.of("module", im.module(), "name", im.name(), "kind", im.kind().text, "type", TypeText.of(module, im.kind(), index)));
        }
        return new ValueArray(descriptions.toArray());
    }

    private ValueArray describeExports() {
        List<Object> descriptions = new ArrayList<>();
        for (Export export : module.exports()) {
            descriptions.add(RecordObject.of("name", export.name(), "kind", export.kind().text, "type", TypeText.of(module, export.kind(), export.index())));
        }
        return new ValueArray(descriptions.toArray());
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return "wasm-module(" + module.name() + ")";
    }
}

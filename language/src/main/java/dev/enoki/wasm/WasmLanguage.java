package dev.enoki.wasm;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import dev.enoki.wasm.binary.ModuleReader;
import dev.enoki.wasm.interop.ModuleObject;
import dev.enoki.wasm.interop.WebAssemblyBinding;
import dev.enoki.wasm.module.WasmModule;
import dev.enoki.wasm.runtime.ModuleCode;
import dev.enoki.wasm.validation.ModuleValidator;

/**
 * Enoki's Truffle language: id {@code "wasm"}, sources are module binaries. Evaluating a source decodes and validates
 * it once and yields a module object, which the host instantiates (GraalWasm's embedding shape).
 */
@TruffleLanguage.Registration(id = WasmLanguage.ID, name = "WebAssembly", implementationName = "Enoki", version = "0.1.0",
                defaultMimeType = WasmLanguage.MIME_TYPE, byteMimeTypes = WasmLanguage.MIME_TYPE,
                contextPolicy = TruffleLanguage.ContextPolicy.SHARED, website = "https://github.com/enoki-wasm")
public final class WasmLanguage extends TruffleLanguage<WasmContext> {
    public static final String ID = "wasm";
    public static final String MIME_TYPE = "application/wasm";

    /** Call targets of predefined functions (WASI): one per function for all instances, which come as argument 0. */
    private final java.util.Map<String, CallTarget> predefinedCallTargets = new java.util.concurrent.ConcurrentHashMap<>();

    /** The shared call target of the predefined function {@code key}, made by {@code factory} when first asked for. */
    public CallTarget predefinedCallTarget(String key, java.util.function.Function<WasmLanguage, CallTarget> factory) {
        return predefinedCallTargets.computeIfAbsent(key, k -> factory.apply(this));
    }

    @Override
    protected org.graalvm.options.OptionDescriptors getOptionDescriptors() {
        return new WasmOptionsOptionDescriptors();
    }

    @Override
    protected boolean areOptionsCompatible(org.graalvm.options.OptionValues firstOptions, org.graalvm.options.OptionValues newOptions) {
        return true;
    }

    @Override
    protected WasmContext createContext(Env env) {
        WasmContext context = new WasmContext(this, env);
        if (env.isPolyglotBindingsAccessAllowed()) {
            env.exportSymbol(WebAssemblyBinding.NAME, WebAssemblyBinding.create(context));
        }
        return context;
    }

    @Override
    protected void disposeContext(WasmContext context) {
        // Every thread has left the context by now, so no Wasm code can be touching the memories being unmapped.
        context.memories().releaseAll();
        context.closeWasi();
    }

    @Override
    protected CallTarget parse(ParsingRequest request) {
        Source source = request.getSource();
        if (!source.hasBytes()) {
            throw new dev.enoki.wasm.errors.CompileError("a wasm source must be binary (bytes), not text", -1);
        }
        WasmModule module = ModuleReader.read(source.getName(), source.getBytes().toByteArray());
        ModuleValidator.validate(module);
        ModuleCode code = new ModuleCode(this, module, source);
        return new ModuleRootNode(this, code.sourceSection(), new ModuleObject(code)).getCallTarget();
    }

    /** Returns the decoded module; shared engines may reuse it across contexts, since a module is immutable data. */
    private static final class ModuleRootNode extends RootNode {
        private final SourceSection sourceSection;
        private final ModuleObject module;

        ModuleRootNode(WasmLanguage language, SourceSection sourceSection, ModuleObject module) {
            super(language);
            this.sourceSection = sourceSection;
            this.module = module;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return module;
        }

        /** As profilers and stack traces show the evaluation of a source: the module it decodes to. */
        @Override
        public String getName() {
            return "module " + sourceSection.getSource().getName();
        }

        @Override
        public SourceSection getSourceSection() {
            return sourceSection;
        }
    }
}

package dev.enoki.wasm.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Makes the jar that bin/wasm puts in front of truffle-runtime on the class path: Truffle's
 * {@code HotSpotTruffleRuntime} with the Graal compiler initialized at the first compilation instead of at the first
 * call target. {@code java -cp <launcher jar> dev.enoki.wasm.launcher.LazyCompilerInit TRUFFLE_RUNTIME_JAR OUTPUT_JAR}.
 * <p>
 * Truffle 25.0.1 submits the compiler's initialization as soon as any call target exists, which every run has before
 * it executes a line of the program; no option or property turns that off. On a stock JDK the compiler runs as
 * ordinary Java code, so that initialization loads ~3,000 classes, runs ~1,200 static initializers cold and makes C1
 * and C2 compile it all: 0.2-0.4 s of CPU that a short program, which never compiles, competes with on a small machine.
 * Two edits delay it until a compilation asks for the compiler ({@code getTruffleCompiler} initializes it then, as it
 * already does in Truffle's own tests):
 * <ul>
 * <li>{@code createOptimizedCallTarget} no longer calls {@code ensureInitialized};</li>
 * <li>{@code bypassedReservedOop} answers true rather than false before the initialization, so the fast thread locals
 * (whose accessors only get their compiled stubs from the compiler) take JVMCI's slower accessors until then, as they
 * do while the initialization runs, instead of failing.</li>
 * </ul>
 * Until then Truffle's call boundary stays in HotSpot's bytecode interpreter, as it does with the stock runtime until
 * its background initialization ends. Each edit must match exactly once: on another Truffle version this fails, and
 * bin/wasm runs the stock runtime.
 */
public final class LazyCompilerInit {
    static final String CLASS_FILE = "com/oracle/truffle/runtime/hotspot/HotSpotTruffleRuntime.class";

    private LazyCompilerInit() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LazyCompilerInit TRUFFLE_RUNTIME_JAR OUTPUT_JAR");
            System.exit(2);
        }
        byte[] original;
        try (JarFile runtime = new JarFile(args[0])) {
            JarEntry entry = runtime.getJarEntry(CLASS_FILE);
            if (entry == null) {
                throw new IOException(args[0] + " has no " + CLASS_FILE);
            }
            try (InputStream in = runtime.getInputStream(entry)) {
                original = in.readAllBytes();
            }
        }
        byte[] patched = patch(original);
        try (OutputStream out = Files.newOutputStream(Path.of(args[1])); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry(CLASS_FILE));
            jar.write(patched);
            jar.closeEntry();
        }
    }

    /** The class file with both edits; throws {@link IllegalStateException} when either does not match exactly once. */
    static byte[] patch(byte[] classFile) {
        ClassFile files = ClassFile.of();
        ClassModel model = files.parse(classFile);
        AtomicInteger initCalls = new AtomicInteger();
        AtomicInteger falseAnswers = new AtomicInteger();
        CodeTransform dropInit = (code, element) -> {
            if (element instanceof InvokeInstruction call && call.name().equalsString("ensureInitialized")) {
                initCalls.incrementAndGet();
                code.pop2(); // the receiver and the call target that ensureInitialized would have taken
            } else {
                code.with(element);
            }
        };
        CodeTransform answerTrue = (code, element) -> {
            if (element instanceof ConstantInstruction constant && constant.opcode() == Opcode.ICONST_0) {
                falseAnswers.incrementAndGet();
                code.iconst_1();
            } else {
                code.with(element);
            }
        };
        // One transform for both methods: composing two ClassTransform.transformingMethods with andThen changed neither here.
        byte[] patched = files.transformClass(model, (builder, element) -> {
            if (element instanceof MethodModel method && method.methodName().equalsString("createOptimizedCallTarget")) {
                builder.transformMethod(method, MethodTransform.transformingCode(dropInit));
            } else if (element instanceof MethodModel method && method.methodName().equalsString("bypassedReservedOop")) {
                builder.transformMethod(method, MethodTransform.transformingCode(answerTrue));
            } else {
                builder.with(element);
            }
        });
        if (initCalls.get() != 1 || falseAnswers.get() != 1) {
            throw new IllegalStateException("HotSpotTruffleRuntime is not the one of Truffle 25.0.1: found " + initCalls + " ensureInitialized call(s) in createOptimizedCallTarget and "
                            + falseAnswers + " false answer(s) in bypassedReservedOop, expected one each");
        }
        return patched;
    }
}

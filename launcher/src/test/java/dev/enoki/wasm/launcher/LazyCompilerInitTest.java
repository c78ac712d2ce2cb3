package dev.enoki.wasm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeInstruction;
import org.junit.jupiter.api.Test;

/** The patch of Truffle's runtime matches the truffle-runtime on the class path, and only it. */
class LazyCompilerInitTest {

    private static byte[] originalClass() throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(LazyCompilerInit.CLASS_FILE)) {
            assertNotNull(in, "no truffle-runtime on the class path");
            return in.readAllBytes();
        }
    }

    private static long initCalls(byte[] classFile) {
        ClassModel model = ClassFile.of().parse(classFile);
        MethodModel create = model.methods().stream().filter(m -> m.methodName().equalsString("createOptimizedCallTarget")).findFirst().orElseThrow();
        CodeModel code = create.code().orElseThrow();
        return code.elementStream().filter(e -> e instanceof InvokeInstruction call && call.name().equalsString("ensureInitialized")).count();
    }

    @Test
    void creatingACallTargetNoLongerInitializesTheCompiler() throws IOException {
        byte[] original = originalClass();
        assertEquals(1, initCalls(original));
        assertEquals(0, initCalls(LazyCompilerInit.patch(original)));
    }

    @Test
    void aClassThatDoesNotMatchIsRefused() throws IOException {
        byte[] patched = LazyCompilerInit.patch(originalClass());
        assertThrows(IllegalStateException.class, () -> LazyCompilerInit.patch(patched));
    }
}

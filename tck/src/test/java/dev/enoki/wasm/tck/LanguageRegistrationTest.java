package dev.enoki.wasm.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Language;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.junit.jupiter.api.Test;

/**
 * What the polyglot TCK relies on first: the language is found under id "wasm" with its MIME type, binary sources
 * evaluate to instantiable modules, and the same engine can serve several contexts.
 */
class LanguageRegistrationTest {
    /** (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)) */
    private static final byte[] ADD = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f,
        0x03, 0x02, 0x01, 0x00,
        0x07, 0x07, 0x01, 0x03, 0x61, 0x64, 0x64, 0x00, 0x00,
        0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b
    };

    @Test
    void languageIsRegisteredUnderWasm() {
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            Language wasm = engine.getLanguages().get("wasm");
            assertEquals("WebAssembly", wasm.getName());
            assertEquals("application/wasm", wasm.getDefaultMimeType());
            assertTrue(wasm.getMimeTypes().contains("application/wasm"));
        }
    }

    @Test
    void sharedEngineServesSeveralContexts() {
        Source source = Source.newBuilder("wasm", ByteSequence.create(ADD), "add").buildLiteral();
        try (Engine engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build()) {
            for (int i = 0; i < 3; i++) {
                try (Context context = Context.newBuilder("wasm").engine(engine).build()) {
                    Value module = context.eval(source);
                    assertTrue(module.canInstantiate());
                    Value add = module.newInstance().getMember("exports").getMember("add");
                    assertEquals(40 + i, add.execute(40, i).asInt());
                }
            }
        }
    }

    @Test
    void textSourcesAreAClearHostError() {
        try (Context context = Context.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false").build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> context.eval("wasm", "(module)"));
            assertTrue(e.getMessage().contains("only supports binary based sources"), e.getMessage());
        }
    }

    @Test
    void malformedBinaryIsASyntaxErrorNamingTheOffset() {
        byte[] truncated = java.util.Arrays.copyOf(ADD, ADD.length - 3);
        try (Context context = Context.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false").build()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval(Source.newBuilder("wasm", ByteSequence.create(truncated), "truncated").buildLiteral()));
            assertTrue(e.isSyntaxError(), e.getMessage());
            assertTrue(e.getMessage().contains("length out of bounds (at byte offset 31)"), e.getMessage());
        }
    }
}

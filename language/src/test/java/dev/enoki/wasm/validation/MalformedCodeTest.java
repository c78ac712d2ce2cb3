package dev.enoki.wasm.validation;

import static dev.enoki.wasm.validation.TestModules.assertRejected;
import static dev.enoki.wasm.validation.TestModules.binary;
import static dev.enoki.wasm.validation.TestModules.of;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.enoki.wasm.binary.ModuleReader;
import dev.enoki.wasm.errors.CompileError;
import org.junit.jupiter.api.Test;

/**
 * Decoding errors in function bodies, which the validator finds as it walks the code, and their precedence over
 * validation errors (the spec decodes the whole module first).
 */
class MalformedCodeTest {
    private static final int TYPE = 1;
    private static final int FUNCTION = 3;
    private static final int MEMORY = 5;
    private static final int CODE = 10;
    private static final int DATA = 11;

    /** Type () -> (), {@code functions} functions of it, and the given code section contents. */
    private static byte[] withCode(int functions, int[] code) {
        int[] funcs = new int[functions + 1];
        funcs[0] = functions;
        return binary(TYPE, of(1, 0x60, 0, 0), FUNCTION, funcs, CODE, code);
    }

    @Test
    void acceptsAMinimalBody() {
        dev.enoki.wasm.validation.ModuleValidator.validate(ModuleReader.read("m", withCode(1, of(1, 2, 0, 0x0B))));
    }

    @Test
    void rejectsIllegalOpcodes() {
        assertRejected(withCode(1, of(1, 3, 0, 0x06, 0x0B)), "illegal opcode");
        assertRejected(withCode(1, of(1, 4, 0, 0xFC, 0x7F, 0x0B)), "illegal opcode");
    }

    @Test
    void missingEndBetweenFunctionsReadsOnLikeTheSpec() {
        // Body 0 lacks its end; decoding runs into body 1, whose size byte 0x05 reads as a misplaced else.
        assertRejected(withCode(2, of(2, 4, 0, 0x41, 1, 0x1A, 5, 0, 0x41, 1, 0x1A, 0x0B)), "END opcode expected");
    }

    @Test
    void missingEndAtEndOfModule() {
        assertRejected(withCode(1, of(1, 4, 0, 0x41, 1, 0x1A)), "unexpected end of section or function");
    }

    @Test
    void missingEndBeforeTheNextSection() {
        byte[] bytes = binary(TYPE, of(1, 0x60, 0, 0), FUNCTION, of(1, 0), CODE, of(1, 4, 0, 0x41, 1, 0x1A), DATA, of(1, 1, 0));
        // The data section's id 0x0B reads as the function's end, one byte past the body.
        assertRejected(bytes, "section size mismatch");
    }

    @Test
    void endBeforeTheBodyEnds() {
        assertRejected(withCode(1, of(1, 3, 0, 0x0B, 0x01)), "section size mismatch");
    }

    @Test
    void elseOutsideIf() {
        assertRejected(withCode(1, of(1, 5, 0, 0x02, 0x40, 0x05, 0x0B)), "END opcode expected");
    }

    @Test
    void reservedMemoryIndexIsOneZeroByte() {
        byte[] bytes = binary(TYPE, of(1, 0x60, 0, 0), FUNCTION, of(1, 0), MEMORY, of(1, 0, 0),
                        CODE, of(1, 6, 0, 0x3F, 0x80, 0x00, 0x1A, 0x0B));
        assertRejected(bytes, "zero byte expected");
        bytes = binary(TYPE, of(1, 0x60, 0, 0), FUNCTION, of(1, 0), MEMORY, of(1, 0, 0),
                        CODE, of(1, 7, 0, 0x41, 0, 0x40, 0x01, 0x1A, 0x0B));
        assertRejected(bytes, "zero byte expected");
    }

    @Test
    void malformedReferenceTypes() {
        assertRejected(withCode(1, of(1, 5, 0, 0xD0, 0x7F, 0x1A, 0x0B)), "malformed reference type");
    }

    @Test
    void dataCountSectionRequired() {
        byte[] bytes = binary(TYPE, of(1, 0x60, 0, 0), FUNCTION, of(1, 0), MEMORY, of(1, 0, 0),
                        CODE, of(1, 5, 0, 0xFC, 0x09, 0x00, 0x0B), DATA, of(1, 1, 0));
        assertRejected(bytes, "data count section required");
    }

    @Test
    void malformedLaterBodyWinsOverInvalidEarlierBody() {
        // Body 0: i64.const 0 in a () -> () function (invalid); body 1: illegal opcode 0x06 (malformed).
        byte[] bytes = withCode(2, of(2, 4, 0, 0x42, 0, 0x0B, 3, 0, 0x06, 0x0B));
        CompileError e = assertRejected(bytes, "illegal opcode");
        assertEquals(bytes.length - 2, e.offset());
    }

    @Test
    void invalidBodyIsReportedWhenNothingIsMalformed() {
        CompileError e = assertRejected(withCode(2, of(2, 4, 0, 0x42, 0, 0x0B, 2, 0, 0x0B)), "type mismatch");
        assertEquals("type mismatch: block requires [] but stack has [i64]", e.problem());
    }

    @Test
    void dataCountRuleWinsOverInvalidCode() {
        // Body 0 is ill-typed; body 1 uses data.drop without a data count section: the decoder's rule comes first.
        byte[] bytes = binary(TYPE, of(1, 0x60, 0, 0), FUNCTION, of(2, 0, 0), MEMORY, of(1, 0, 0),
                        CODE, of(2, 4, 0, 0x42, 0, 0x0B, 5, 0, 0xFC, 0x09, 0x00, 0x0B), DATA, of(1, 1, 0));
        assertRejected(bytes, "data count section required");
    }

    @Test
    void blockTypeIndexMustExist() {
        assertRejected(withCode(1, of(1, 5, 0, 0x02, 0x05, 0x0B, 0x0B)), "unknown type 5");
        // A multi-byte negative s33 is a (negative, so unknown) type index, not a value type.
        assertRejected(withCode(1, of(1, 6, 0, 0x02, 0xFF, 0x7F, 0x0B, 0x0B)), "unknown type");
    }
}

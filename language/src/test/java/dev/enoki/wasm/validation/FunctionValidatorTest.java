package dev.enoki.wasm.validation;

import static dev.enoki.wasm.validation.TestModules.assertInvalid;
import static dev.enoki.wasm.validation.TestModules.assertValid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.enoki.wasm.errors.CompileError;
import org.junit.jupiter.api.Test;

/** Typing of function bodies: the spec appendix's algorithm. */
class FunctionValidatorTest {

    @Test
    void acceptsStraightLineCode() {
        assertValid("""
                        (module (func (param i32 i64) (result f64) (local f32)
                          (local.set 2 (f32.convert_i32_s (local.get 0)))
                          (f64.add (f64.promote_f32 (local.get 2)) (f64.convert_i64_u (local.get 1)))))
                        """);
    }

    @Test
    void checksOperandTypes() {
        CompileError e = assertInvalid("(module (func (result i32) (i32.add (i32.const 1) (i64.const 2))))", "type mismatch");
        assertEquals("type mismatch: instruction requires [i32 i32] but stack has [i32 i64]", e.problem());
        assertInvalid("(module (func (i32.eqz) (drop)))", "type mismatch");
        assertInvalid("(module (func (drop)))", "type mismatch");
    }

    @Test
    void checksFunctionResults() {
        assertInvalid("(module (func (result i32)))", "type mismatch");
        assertInvalid("(module (func (i32.const 1)))", "type mismatch");
        assertInvalid("(module (func (result i32) (i64.const 1)))", "type mismatch");
        assertInvalid("(module (func (result i32 i32) (i32.const 1)))", "type mismatch");
    }

    @Test
    void typesMultiValueBlocks() {
        assertValid("""
                        (module
                          (type $pair (func (param i32 i32) (result i32 i32)))
                          (func (result i32)
                            (i32.const 1) (i32.const 2)
                            (block (type $pair))
                            (i32.add)
                            (i32.const 3)
                            (loop (param i32) (result i32) (i32.const 1) (i32.add))
                            (i32.add)))
                        """);
        assertInvalid("(module (func (block (param i32) (drop))))", "type mismatch");
        assertInvalid("(module (func (result i32) (block (result i32 i32) (i32.const 0) (i32.const 0))))", "type mismatch");
        assertInvalid("(module (func (result i32 i32) (block (result i32 i32) (i32.const 0))))", "type mismatch");
    }

    @Test
    void ifWithoutElseMustNotChangeTypes() {
        assertValid("(module (func (param i32) (result i32) (local.get 0) (local.get 0) (if (param i32) (result i32) (then))))");
        assertInvalid("(module (func (result i32) (if (result i32) (i32.const 1) (then (i32.const 1)))))", "type mismatch");
        assertInvalid("(module (func (if (i32.const 1) (then (i32.const 1)) (else))))", "type mismatch");
        assertInvalid("(module (func (if (f32.const 1) (then))))", "type mismatch");
    }

    @Test
    void unreachableMakesTheStackPolymorphic() {
        assertValid("(module (func (result i32) (unreachable)))");
        assertValid("(module (func (result i32) (unreachable) (i32.add)))");
        assertValid("(module (func (result f64) (unreachable) (select)))");
        assertValid("(module (func (result i64) (block (br 0)) (unreachable) (i64.const 0) (i64.add)))");
        assertValid("(module (func (result i32) (return (i32.const 1)) (drop) (drop)))");
        assertInvalid("(module (func (result i32) (unreachable) (i64.const 0)))", "type mismatch");
        assertInvalid("(module (func (unreachable) (i64.const 0) (i32.add) (drop)))", "type mismatch");
        // The polymorphic stack ends with its block.
        assertInvalid("(module (func (block (unreachable)) (i32.add) (drop)))", "type mismatch");
    }

    @Test
    void checksBranches() {
        assertValid("(module (func (result i32) (block (result i32) (br_if 0 (i32.const 1) (i32.const 0)))))");
        assertInvalid("(module (func (br 1)))", "unknown label 1");
        assertInvalid("(module (func (block (result i32) (br 0))))", "type mismatch");
        assertInvalid("(module (func (block (br_if 0 (i64.const 0)))))", "type mismatch");
        assertValid("(module (func (result i32) (loop (br 0)) (i32.const 0)))");
        assertInvalid("(module (func (loop (result i32) (br 0 (i32.const 0)))))", "type mismatch");
    }

    @Test
    void checksBrTable() {
        assertValid("""
                        (module (func (param i32) (result i32)
                          (block (result i32) (block (result i32) (br_table 0 1 0 (i32.const 7) (local.get 0))))))
                        """);
        assertInvalid("(module (func (block (br_table 0 2 (i32.const 0)))))", "unknown label 2");
        assertInvalid("(module (func (block (result i32) (br_table 0 1 (i32.const 0) (i32.const 0))) (drop)))", "type mismatch");
        assertInvalid("(module (func (block (br_table 0 (i64.const 0)))))", "type mismatch");
        // Targets of equal arity but different types are fine when the operands are Unknown.
        assertValid("""
                        (module (func
                          (block (result f32) (block (result i32) (unreachable) (br_table 0 1 0)) (drop) (f32.const 0)) (drop)))
                        """);
        assertInvalid("""
                        (module (func
                          (block (result f32) (block (result i32) (i32.const 0) (i32.const 0) (br_table 0 1 0)) (drop) (f32.const 0)) (drop)))
                        """, "type mismatch");
    }

    @Test
    void checksCalls() {
        assertValid("(module (func $f (param i32) (result i64) (i64.const 0)) (func (result i64) (call $f (i32.const 1))))");
        assertInvalid("(module (func (call 5)))", "unknown function 5");
        assertInvalid("(module (func $f (param i32)) (func (call $f (i64.const 0))))", "type mismatch");
        assertValid("(module (table 1 funcref) (func (result i32) (call_indirect (result i32) (i32.const 0))))");
        assertInvalid("(module (func (call_indirect (i32.const 0))))", "unknown table 0");
        assertInvalid("(module (table 1 externref) (func (call_indirect (i32.const 0))))", "type mismatch");
        assertInvalid("(module (table 1 funcref) (func (call_indirect (i64.const 0))))", "type mismatch");
        assertInvalid("(module (func (result i32) (return (i64.const 0))))", "type mismatch");
    }

    @Test
    void checksSelect() {
        assertValid("(module (func (result f32) (select (f32.const 1) (f32.const 2) (i32.const 0))))");
        assertInvalid("(module (func (result i32) (select (i32.const 1) (i64.const 2) (i32.const 0))))", "type mismatch");
        assertInvalid("(module (func (result funcref) (select (ref.null func) (ref.null func) (i32.const 0))))", "type mismatch");
        assertValid("(module (func (result funcref) (select (result funcref) (ref.null func) (ref.null func) (i32.const 0))))");
        assertInvalid("(module (func (result i32) (select (result i32 i32) (i32.const 0) (i32.const 0) (i32.const 0))))",
                        "invalid result arity");
    }

    @Test
    void checksVariables() {
        assertInvalid("(module (func (local i32) (drop (local.get 2))))", "unknown local 2");
        assertInvalid("(module (func (param i32) (local.set 0 (f32.const 0))))", "type mismatch");
        assertInvalid("(module (func (drop (global.get 0))))", "unknown global 0");
        assertInvalid("(module (global i32 (i32.const 0)) (func (global.set 0 (i32.const 1))))", "global is immutable");
        assertValid("(module (global (mut i32) (i32.const 0)) (func (global.set 0 (i32.const 1))))");
    }

    @Test
    void checksMemoryInstructions() {
        assertInvalid("(module (func (drop (i32.load (i32.const 0)))))", "unknown memory 0");
        assertInvalid("(module (func (drop (memory.size))))", "unknown memory 0");
        assertInvalid("(module (memory 1) (func (drop (i64.load align=16 (i32.const 0)))))", "alignment must not be larger than natural");
        assertInvalid("(module (memory 1) (func (drop (i32.load8_u align=2 (i32.const 0)))))", "alignment must not be larger than natural");
        assertValid("(module (memory 1) (func (i64.store32 align=4 (i32.const 0) (i64.const 0))))");
        assertInvalid("(module (memory 1) (func (i32.store (i32.const 0) (f32.const 0))))", "type mismatch");
        assertValid("(module (memory 1) (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))))");
        assertInvalid("(module (func (memory.copy (i32.const 0) (i32.const 0) (i32.const 0))))", "unknown memory 0");
    }

    @Test
    void checksDataSegmentInstructions() {
        assertValid("(module (memory 1) (data \"x\") (func (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 0)) (data.drop 0)))");
        assertInvalid("(module (memory 1) (data \"x\") (func (data.drop 1)))", "unknown data segment 1");
        assertInvalid("(module (data \"x\") (func (memory.init 0 (i32.const 0) (i32.const 0) (i32.const 0))))", "unknown memory 0");
    }

    @Test
    void checksTableInstructions() {
        assertValid("""
                        (module (table $t 1 externref) (table $u 1 externref) (elem $e externref (ref.null extern))
                          (func (param externref) (result i32)
                            (table.set $t (i32.const 0) (table.get $u (i32.const 0)))
                            (table.fill $t (i32.const 0) (local.get 0) (i32.const 1))
                            (table.copy $t $u (i32.const 0) (i32.const 0) (i32.const 0))
                            (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 0))
                            (elem.drop $e)
                            (drop (table.grow $t (local.get 0) (i32.const 1)))
                            (table.size $u)))
                        """);
        assertInvalid("(module (func (drop (table.size 0))))", "unknown table 0");
        assertInvalid("(module (table 1 funcref) (func (table.set 0 (i32.const 0) (ref.null extern))))", "type mismatch");
        assertInvalid("(module (table 1 funcref) (table 1 externref) (func (table.copy 0 1 (i32.const 0) (i32.const 0) (i32.const 0))))",
                        "type mismatch");
        assertInvalid("(module (table 1 funcref) (elem externref) (func (table.init 0 0 (i32.const 0) (i32.const 0) (i32.const 0))))",
                        "type mismatch");
        assertInvalid("(module (table 1 funcref) (func (elem.drop 0)))", "unknown elem segment 0");
    }

    @Test
    void checksReferenceInstructions() {
        assertValid("(module (func (result i32) (ref.is_null (ref.null extern))))");
        assertInvalid("(module (func (result i32) (ref.is_null (i32.const 0))))", "type mismatch");
        assertInvalid("(module (func (result externref) (ref.null func)))", "type mismatch");
        assertInvalid("(module (func (drop (ref.func 3))))", "unknown function 3");
    }

    @Test
    void errorsCarryTheOffsetOfTheInstruction() {
        byte[] bytes = TestModules.assemble("(module (func (result i32) (i32.const 1) (f32.const 2) (i32.add)))");
        CompileError e = TestModules.assertRejected(bytes, "type mismatch");
        assertEquals(0x6A, bytes[e.offset()] & 0xFF, "offset points at i32.add");
    }

    @Test
    void validatesADeeplyNestedLargeFunction() {
        StringBuilder wat = new StringBuilder("(module (func (result i32) (local i32)");
        for (int i = 0; i < 500; i++) {
            wat.append("(block (result i32)");
        }
        wat.append("(i32.const 0)");
        for (int i = 0; i < 500; i++) {
            wat.append(" (local.set 0 (i32.add (local.get 0) (i32.const ").append(i).append("))))");
        }
        wat.append("))");
        assertValid(wat.toString());
    }
}

package dev.enoki.wasm.validation;

import static dev.enoki.wasm.validation.TestModules.assertInvalid;
import static dev.enoki.wasm.validation.TestModules.assertValid;

import org.junit.jupiter.api.Test;

/** Module-level rules: index spaces, limits, constant expressions, segments, start, exports. */
class ModuleValidatorTest {

    @Test
    void acceptsAModuleUsingEveryKindOfDeclaration() {
        assertValid("""
                        (module
                          (type $t (func (param i32) (result i32)))
                          (import "m" "f" (func $imported (type $t)))
                          (import "m" "g" (global $g i32))
                          (import "m" "t" (table 1 funcref))
                          (memory 1 2)
                          (table $ext 0 10 externref)
                          (global $h (mut i64) (i64.const 5))
                          (global $from_import i32 (global.get $g))
                          (global $fr funcref (ref.func $f))
                          (global $null externref (ref.null extern))
                          (func $f (type $t) (local.get 0))
                          (func $start)
                          (elem (i32.const 0) $f)
                          (elem declare func $start)
                          (elem funcref (ref.null func) (ref.func $f))
                          (data (i32.const 0) "abc")
                          (data "passive")
                          (start $start)
                          (export "f" (func $f))
                          (export "m" (memory 0))
                          (export "h" (global $h)))
                        """);
    }

    @Test
    void rejectsUnknownFunctionTypeOfImport() {
        assertInvalid("(module (import \"m\" \"f\" (func (type 3))))", "unknown type 3");
    }

    @Test
    void rejectsMultipleMemories() {
        assertInvalid("(module (memory 0) (memory 0))", "multiple memories");
        assertInvalid("(module (import \"m\" \"m\" (memory 0)) (memory 0))", "multiple memories");
    }

    @Test
    void checksLimits() {
        assertInvalid("(module (memory 2 1))", "size minimum must not be greater than maximum");
        assertInvalid("(module (table 2 1 funcref))", "size minimum must not be greater than maximum");
        assertInvalid("(module (memory 65537))", "memory size must be at most 65536 pages (4GiB)");
        assertInvalid("(module (memory 0 65537))", "memory size must be at most 65536 pages (4GiB)");
        assertInvalid("(module (import \"m\" \"m\" (memory 70000)))", "memory size must be at most 65536 pages (4GiB)");
        assertValid("(module (memory 0 65536))");
    }

    @Test
    void rejectsDuplicateExportNames() {
        assertInvalid("(module (func) (export \"a\" (func 0)) (export \"a\" (memory 0)) (memory 1))", "duplicate export name");
    }

    @Test
    void rejectsExportsOfUnknownEntities() {
        assertInvalid("(module (export \"a\" (func 0)))", "unknown function 0");
        assertInvalid("(module (export \"a\" (table 0)))", "unknown table 0");
        assertInvalid("(module (export \"a\" (memory 0)))", "unknown memory 0");
        assertInvalid("(module (export \"a\" (global 0)))", "unknown global 0");
    }

    @Test
    void checksTheStartFunction() {
        assertInvalid("(module (start 1) (func))", "unknown function 1");
        assertInvalid("(module (func (param i32)) (start 0))", "start function must not have parameters or results");
        assertInvalid("(module (func (result i32) (i32.const 0)) (start 0))", "start function");
    }

    @Test
    void constantExpressionsAreConstant() {
        assertInvalid("(module (global i32 (i32.add (i32.const 1) (i32.const 2))))", "constant expression required");
        assertInvalid("(module (global i32 (i32.const 0) (nop)))", "constant expression required");
        assertInvalid("(module (global (import \"m\" \"g\") (mut i32)) (global i32 (global.get 0)))", "constant expression required");
        assertInvalid("(module (memory 1) (data (i32.ctz (i32.const 0)) \"\"))", "constant expression required");
    }

    @Test
    void constantExpressionsSeeOnlyImportedGlobals() {
        assertInvalid("(module (global i32 (i32.const 0)) (global i32 (global.get 0)))", "unknown global 0");
        assertInvalid("(module (table 1 funcref) (global i32 (i32.const 0)) (elem (global.get 0) $f) (func $f))", "unknown global 0");
        assertValid("(module (global (import \"m\" \"g\") i32) (memory 1) (data (global.get 0) \"x\"))");
    }

    @Test
    void constantExpressionsAreTyped() {
        assertInvalid("(module (global i32 (i64.const 0)))", "type mismatch");
        assertInvalid("(module (global i32))", "type mismatch");
        assertInvalid("(module (global i32 (i32.const 0) (i32.const 0)))", "type mismatch");
        assertInvalid("(module (global funcref (ref.null extern)))", "type mismatch");
        assertInvalid("(module (global funcref (ref.func 7)))", "unknown function 7");
        assertInvalid("(module (memory 1) (data (i64.const 0) \"\"))", "type mismatch");
    }

    @Test
    void checksElementSegments() {
        assertInvalid("(module (elem (i32.const 0) $f) (func $f))", "unknown table 0");
        assertInvalid("(module (table 1 externref) (elem (table 0) (i32.const 0) func $f) (func $f))", "type mismatch");
        assertInvalid("(module (table 1 funcref) (elem (i32.const 0) funcref (ref.null extern)))", "type mismatch");
        assertInvalid("(module (table 1 funcref) (elem (i64.const 0) $f) (func $f))", "type mismatch");
        assertInvalid("(module (table 1 funcref) (elem (i32.const 0) 3))", "unknown function 3");
    }

    @Test
    void checksDataSegments() {
        assertInvalid("(module (data (i32.const 0) \"\"))", "unknown memory 0");
        assertValid("(module (data \"passive needs no memory\"))");
    }

    @Test
    void refFuncInCodeNeedsADeclaration() {
        assertInvalid("(module (func $f) (func (drop (ref.func $f))))", "undeclared function reference");
        assertValid("(module (func $f) (func (drop (ref.func $f))) (export \"f\" (func $f)))");
        assertValid("(module (func $f) (func (drop (ref.func $f))) (global funcref (ref.func $f)))");
        assertValid("(module (func $f) (func (drop (ref.func $f))) (elem declare func $f))");
        assertValid("(module (table 1 funcref) (func $f) (func (drop (ref.func $f))) (elem (i32.const 0) $f))");
        // A reference in the start function or in code does not declare.
        assertInvalid("(module (func $f (drop (ref.func $f))))", "undeclared function reference");
    }

    @Test
    void errorsCarryTheOffsetOfTheConstantExpression() {
        byte[] bytes = TestModules.assemble("(module (global i32 (i32.const 0)) (global i32 (global.get 0)))");
        var e = TestModules.assertRejected(bytes, "unknown global 0");
        org.junit.jupiter.api.Assertions.assertEquals(0x23, bytes[e.offset()] & 0xFF, "offset points at global.get");
    }
}

package dev.enoki.wasm.module;

import static dev.enoki.wasm.module.ValueType.F32;
import static dev.enoki.wasm.module.ValueType.F64;
import static dev.enoki.wasm.module.ValueType.I32;
import static dev.enoki.wasm.module.ValueType.I64;

/**
 * The one table of Wasm instructions (without SIMD): text name, encoding, immediates, and for instructions with a
 * fixed signature the operand and result types. Instructions whose typing depends on context (control, variables,
 * calls, references, tables, {@code select}, {@code drop}) have null types and are typed by the validator.
 */
public enum Opcode {
    UNREACHABLE("unreachable", 0, 0x00, ImmediateKind.NONE, null, null),
    NOP("nop", 0, 0x01, ImmediateKind.NONE, null, null),
    BLOCK("block", 0, 0x02, ImmediateKind.BLOCK_TYPE, null, null),
    LOOP("loop", 0, 0x03, ImmediateKind.BLOCK_TYPE, null, null),
    IF("if", 0, 0x04, ImmediateKind.BLOCK_TYPE, null, null),
    ELSE("else", 0, 0x05, ImmediateKind.NONE, null, null),
    END("end", 0, 0x0B, ImmediateKind.NONE, null, null),
    BR("br", 0, 0x0C, ImmediateKind.LABEL, null, null),
    BR_IF("br_if", 0, 0x0D, ImmediateKind.LABEL, null, null),
    BR_TABLE("br_table", 0, 0x0E, ImmediateKind.LABEL_TABLE, null, null),
    RETURN("return", 0, 0x0F, ImmediateKind.NONE, null, null),
    CALL("call", 0, 0x10, ImmediateKind.FUNCTION_INDEX, null, null),
    CALL_INDIRECT("call_indirect", 0, 0x11, ImmediateKind.CALL_INDIRECT, null, null),
    DROP("drop", 0, 0x1A, ImmediateKind.NONE, null, null),
    SELECT("select", 0, 0x1B, ImmediateKind.NONE, null, null),
    SELECT_T("select", 0, 0x1C, ImmediateKind.VALUE_TYPES, null, null),
    LOCAL_GET("local.get", 0, 0x20, ImmediateKind.LOCAL_INDEX, null, null),
    LOCAL_SET("local.set", 0, 0x21, ImmediateKind.LOCAL_INDEX, null, null),
    LOCAL_TEE("local.tee", 0, 0x22, ImmediateKind.LOCAL_INDEX, null, null),
    GLOBAL_GET("global.get", 0, 0x23, ImmediateKind.GLOBAL_INDEX, null, null),
    GLOBAL_SET("global.set", 0, 0x24, ImmediateKind.GLOBAL_INDEX, null, null),
    TABLE_GET("table.get", 0, 0x25, ImmediateKind.TABLE_INDEX, null, null),
    TABLE_SET("table.set", 0, 0x26, ImmediateKind.TABLE_INDEX, null, null),
    I32_LOAD("i32.load", 0, 0x28, ImmediateKind.MEMARG, T(I32), T(I32)),
    I64_LOAD("i64.load", 0, 0x29, ImmediateKind.MEMARG, T(I32), T(I64)),
    F32_LOAD("f32.load", 0, 0x2A, ImmediateKind.MEMARG, T(I32), T(F32)),
    F64_LOAD("f64.load", 0, 0x2B, ImmediateKind.MEMARG, T(I32), T(F64)),
    I32_LOAD8_S("i32.load8_s", 0, 0x2C, ImmediateKind.MEMARG, T(I32), T(I32)),
    I32_LOAD8_U("i32.load8_u", 0, 0x2D, ImmediateKind.MEMARG, T(I32), T(I32)),
    I32_LOAD16_S("i32.load16_s", 0, 0x2E, ImmediateKind.MEMARG, T(I32), T(I32)),
    I32_LOAD16_U("i32.load16_u", 0, 0x2F, ImmediateKind.MEMARG, T(I32), T(I32)),
    I64_LOAD8_S("i64.load8_s", 0, 0x30, ImmediateKind.MEMARG, T(I32), T(I64)),
    I64_LOAD8_U("i64.load8_u", 0, 0x31, ImmediateKind.MEMARG, T(I32), T(I64)),
    I64_LOAD16_S("i64.load16_s", 0, 0x32, ImmediateKind.MEMARG, T(I32), T(I64)),
    I64_LOAD16_U("i64.load16_u", 0, 0x33, ImmediateKind.MEMARG, T(I32), T(I64)),
    I64_LOAD32_S("i64.load32_s", 0, 0x34, ImmediateKind.MEMARG, T(I32), T(I64)),
    I64_LOAD32_U("i64.load32_u", 0, 0x35, ImmediateKind.MEMARG, T(I32), T(I64)),
    I32_STORE("i32.store", 0, 0x36, ImmediateKind.MEMARG, T(I32, I32), T()),
    I64_STORE("i64.store", 0, 0x37, ImmediateKind.MEMARG, T(I32, I64), T()),
    F32_STORE("f32.store", 0, 0x38, ImmediateKind.MEMARG, T(I32, F32), T()),
    F64_STORE("f64.store", 0, 0x39, ImmediateKind.MEMARG, T(I32, F64), T()),
    I32_STORE8("i32.store8", 0, 0x3A, ImmediateKind.MEMARG, T(I32, I32), T()),
    I32_STORE16("i32.store16", 0, 0x3B, ImmediateKind.MEMARG, T(I32, I32), T()),
    I64_STORE8("i64.store8", 0, 0x3C, ImmediateKind.MEMARG, T(I32, I64), T()),
    I64_STORE16("i64.store16", 0, 0x3D, ImmediateKind.MEMARG, T(I32, I64), T()),
    I64_STORE32("i64.store32", 0, 0x3E, ImmediateKind.MEMARG, T(I32, I64), T()),
    MEMORY_SIZE("memory.size", 0, 0x3F, ImmediateKind.MEMORY_INDEX, T(), T(I32)),
    MEMORY_GROW("memory.grow", 0, 0x40, ImmediateKind.MEMORY_INDEX, T(I32), T(I32)),
    I32_CONST("i32.const", 0, 0x41, ImmediateKind.I32, T(), T(I32)),
    I64_CONST("i64.const", 0, 0x42, ImmediateKind.I64, T(), T(I64)),
    F32_CONST("f32.const", 0, 0x43, ImmediateKind.F32, T(), T(F32)),
    F64_CONST("f64.const", 0, 0x44, ImmediateKind.F64, T(), T(F64)),
    I32_EQZ("i32.eqz", 0, 0x45, ImmediateKind.NONE, T(I32), T(I32)),
    I32_EQ("i32.eq", 0, 0x46, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_NE("i32.ne", 0, 0x47, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_LT_S("i32.lt_s", 0, 0x48, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_LT_U("i32.lt_u", 0, 0x49, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_GT_S("i32.gt_s", 0, 0x4A, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_GT_U("i32.gt_u", 0, 0x4B, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_LE_S("i32.le_s", 0, 0x4C, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_LE_U("i32.le_u", 0, 0x4D, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_GE_S("i32.ge_s", 0, 0x4E, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_GE_U("i32.ge_u", 0, 0x4F, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I64_EQZ("i64.eqz", 0, 0x50, ImmediateKind.NONE, T(I64), T(I32)),
    I64_EQ("i64.eq", 0, 0x51, ImmediateKind.NONE, T(I64, I64), T(I32)),
    I64_NE("i64.ne", 0, 0x52, ImmediateKind.NONE, T(I64, I64), T(I32)),
    I64_LT_S("i64.lt_s", 0, 0x53, ImmediateKind.NONE, T(I64, I64), T(I32)),
    I64_LT_U("i64.lt_u", 0, 0x54, ImmediateKind.NONE, T(I64, I64), T(I32)),
    I64_GT_S("i64.gt_s", 0, 0x55, ImmediateKind.NONE, T(I64, I64), T(I32)),
    I64_GT_U("i64.gt_u", 0, 0x56, ImmediateKind.NONE, T(I64, I64), T(I32)),
    I64_LE_S("i64.le_s", 0, 0x57, ImmediateKind.NONE, T(I64, I64), T(I32)),
    I64_LE_U("i64.le_u", 0, 0x58, ImmediateKind.NONE, T(I64, I64), T(I32)),
    I64_GE_S("i64.ge_s", 0, 0x59, ImmediateKind.NONE, T(I64, I64), T(I32)),
    I64_GE_U("i64.ge_u", 0, 0x5A, ImmediateKind.NONE, T(I64, I64), T(I32)),
    F32_EQ("f32.eq", 0, 0x5B, ImmediateKind.NONE, T(F32, F32), T(I32)),
    F32_NE("f32.ne", 0, 0x5C, ImmediateKind.NONE, T(F32, F32), T(I32)),
    F32_LT("f32.lt", 0, 0x5D, ImmediateKind.NONE, T(F32, F32), T(I32)),
    F32_GT("f32.gt", 0, 0x5E, ImmediateKind.NONE, T(F32, F32), T(I32)),
    F32_LE("f32.le", 0, 0x5F, ImmediateKind.NONE, T(F32, F32), T(I32)),
    F32_GE("f32.ge", 0, 0x60, ImmediateKind.NONE, T(F32, F32), T(I32)),
    F64_EQ("f64.eq", 0, 0x61, ImmediateKind.NONE, T(F64, F64), T(I32)),
    F64_NE("f64.ne", 0, 0x62, ImmediateKind.NONE, T(F64, F64), T(I32)),
    F64_LT("f64.lt", 0, 0x63, ImmediateKind.NONE, T(F64, F64), T(I32)),
    F64_GT("f64.gt", 0, 0x64, ImmediateKind.NONE, T(F64, F64), T(I32)),
    F64_LE("f64.le", 0, 0x65, ImmediateKind.NONE, T(F64, F64), T(I32)),
    F64_GE("f64.ge", 0, 0x66, ImmediateKind.NONE, T(F64, F64), T(I32)),
    I32_CLZ("i32.clz", 0, 0x67, ImmediateKind.NONE, T(I32), T(I32)),
    I32_CTZ("i32.ctz", 0, 0x68, ImmediateKind.NONE, T(I32), T(I32)),
    I32_POPCNT("i32.popcnt", 0, 0x69, ImmediateKind.NONE, T(I32), T(I32)),
    I32_ADD("i32.add", 0, 0x6A, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_SUB("i32.sub", 0, 0x6B, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_MUL("i32.mul", 0, 0x6C, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_DIV_S("i32.div_s", 0, 0x6D, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_DIV_U("i32.div_u", 0, 0x6E, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_REM_S("i32.rem_s", 0, 0x6F, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_REM_U("i32.rem_u", 0, 0x70, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_AND("i32.and", 0, 0x71, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_OR("i32.or", 0, 0x72, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_XOR("i32.xor", 0, 0x73, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_SHL("i32.shl", 0, 0x74, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_SHR_S("i32.shr_s", 0, 0x75, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_SHR_U("i32.shr_u", 0, 0x76, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_ROTL("i32.rotl", 0, 0x77, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I32_ROTR("i32.rotr", 0, 0x78, ImmediateKind.NONE, T(I32, I32), T(I32)),
    I64_CLZ("i64.clz", 0, 0x79, ImmediateKind.NONE, T(I64), T(I64)),
    I64_CTZ("i64.ctz", 0, 0x7A, ImmediateKind.NONE, T(I64), T(I64)),
    I64_POPCNT("i64.popcnt", 0, 0x7B, ImmediateKind.NONE, T(I64), T(I64)),
    I64_ADD("i64.add", 0, 0x7C, ImmediateKind.NONE, T(I64, I64), T(I64)),
    I64_SUB("i64.sub", 0, 0x7D, ImmediateKind.NONE, T(I64, I64), T(I64)),
    I64_MUL("i64.mul", 0, 0x7E, ImmediateKind.NONE, T(I64, I64), T(I64)),
    I64_DIV_S("i64.div_s", 0, 0x7F, ImmediateKind.NONE, T(I64, I64), T(I64)),
    I64_DIV_U("i64.div_u", 0, 0x80, ImmediateKind.NONE, T(I64, I64), T(I64)),
    I64_REM_S("i64.rem_s", 0, 0x81, ImmediateKind.NONE, T(I64, I64), T(I64)),
    I64_REM_U("i64.rem_u", 0, 0x82, ImmediateKind.NONE, T(I64, I64), T(I64)),
    I64_AND("i64.and", 0, 0x83, ImmediateKind.NONE, T(I64, I64), T(I64)),
    I64_OR("i64.or", 0, 0x84, ImmediateKind.NONE, T(I64, I64), T(I64)),
    I64_XOR("i64.xor", 0, 0x85, ImmediateKind.NONE, T(I64, I64), T(I64)),
    I64_SHL("i64.shl", 0, 0x86, ImmediateKind.NONE, T(I64, I64), T(I64)),
    I64_SHR_S("i64.shr_s", 0, 0x87, ImmediateKind.NONE, T(I64, I64), T(I64)),
    I64_SHR_U("i64.shr_u", 0, 0x88, ImmediateKind.NONE, T(I64, I64), T(I64)),
    I64_ROTL("i64.rotl", 0, 0x89, ImmediateKind.NONE, T(I64, I64), T(I64)),
    I64_ROTR("i64.rotr", 0, 0x8A, ImmediateKind.NONE, T(I64, I64), T(I64)),
    F32_ABS("f32.abs", 0, 0x8B, ImmediateKind.NONE, T(F32), T(F32)),
    F32_NEG("f32.neg", 0, 0x8C, ImmediateKind.NONE, T(F32), T(F32)),
    F32_CEIL("f32.ceil", 0, 0x8D, ImmediateKind.NONE, T(F32), T(F32)),
    F32_FLOOR("f32.floor", 0, 0x8E, ImmediateKind.NONE, T(F32), T(F32)),
    F32_TRUNC("f32.trunc", 0, 0x8F, ImmediateKind.NONE, T(F32), T(F32)),
    F32_NEAREST("f32.nearest", 0, 0x90, ImmediateKind.NONE, T(F32), T(F32)),
    F32_SQRT("f32.sqrt", 0, 0x91, ImmediateKind.NONE, T(F32), T(F32)),
    F32_ADD("f32.add", 0, 0x92, ImmediateKind.NONE, T(F32, F32), T(F32)),
    F32_SUB("f32.sub", 0, 0x93, ImmediateKind.NONE, T(F32, F32), T(F32)),
    F32_MUL("f32.mul", 0, 0x94, ImmediateKind.NONE, T(F32, F32), T(F32)),
    F32_DIV("f32.div", 0, 0x95, ImmediateKind.NONE, T(F32, F32), T(F32)),
    F32_MIN("f32.min", 0, 0x96, ImmediateKind.NONE, T(F32, F32), T(F32)),
    F32_MAX("f32.max", 0, 0x97, ImmediateKind.NONE, T(F32, F32), T(F32)),
    F32_COPYSIGN("f32.copysign", 0, 0x98, ImmediateKind.NONE, T(F32, F32), T(F32)),
    F64_ABS("f64.abs", 0, 0x99, ImmediateKind.NONE, T(F64), T(F64)),
    F64_NEG("f64.neg", 0, 0x9A, ImmediateKind.NONE, T(F64), T(F64)),
    F64_CEIL("f64.ceil", 0, 0x9B, ImmediateKind.NONE, T(F64), T(F64)),
    F64_FLOOR("f64.floor", 0, 0x9C, ImmediateKind.NONE, T(F64), T(F64)),
    F64_TRUNC("f64.trunc", 0, 0x9D, ImmediateKind.NONE, T(F64), T(F64)),
    F64_NEAREST("f64.nearest", 0, 0x9E, ImmediateKind.NONE, T(F64), T(F64)),
    F64_SQRT("f64.sqrt", 0, 0x9F, ImmediateKind.NONE, T(F64), T(F64)),
    F64_ADD("f64.add", 0, 0xA0, ImmediateKind.NONE, T(F64, F64), T(F64)),
    F64_SUB("f64.sub", 0, 0xA1, ImmediateKind.NONE, T(F64, F64), T(F64)),
    F64_MUL("f64.mul", 0, 0xA2, ImmediateKind.NONE, T(F64, F64), T(F64)),
    F64_DIV("f64.div", 0, 0xA3, ImmediateKind.NONE, T(F64, F64), T(F64)),
    F64_MIN("f64.min", 0, 0xA4, ImmediateKind.NONE, T(F64, F64), T(F64)),
    F64_MAX("f64.max", 0, 0xA5, ImmediateKind.NONE, T(F64, F64), T(F64)),
    F64_COPYSIGN("f64.copysign", 0, 0xA6, ImmediateKind.NONE, T(F64, F64), T(F64)),
    I32_WRAP_I64("i32.wrap_i64", 0, 0xA7, ImmediateKind.NONE, T(I64), T(I32)),
    I32_TRUNC_F32_S("i32.trunc_f32_s", 0, 0xA8, ImmediateKind.NONE, T(F32), T(I32)),
    I32_TRUNC_F32_U("i32.trunc_f32_u", 0, 0xA9, ImmediateKind.NONE, T(F32), T(I32)),
    I32_TRUNC_F64_S("i32.trunc_f64_s", 0, 0xAA, ImmediateKind.NONE, T(F64), T(I32)),
    I32_TRUNC_F64_U("i32.trunc_f64_u", 0, 0xAB, ImmediateKind.NONE, T(F64), T(I32)),
    I64_EXTEND_I32_S("i64.extend_i32_s", 0, 0xAC, ImmediateKind.NONE, T(I32), T(I64)),
    I64_EXTEND_I32_U("i64.extend_i32_u", 0, 0xAD, ImmediateKind.NONE, T(I32), T(I64)),
    I64_TRUNC_F32_S("i64.trunc_f32_s", 0, 0xAE, ImmediateKind.NONE, T(F32), T(I64)),
    I64_TRUNC_F32_U("i64.trunc_f32_u", 0, 0xAF, ImmediateKind.NONE, T(F32), T(I64)),
    I64_TRUNC_F64_S("i64.trunc_f64_s", 0, 0xB0, ImmediateKind.NONE, T(F64), T(I64)),
    I64_TRUNC_F64_U("i64.trunc_f64_u", 0, 0xB1, ImmediateKind.NONE, T(F64), T(I64)),
    F32_CONVERT_I32_S("f32.convert_i32_s", 0, 0xB2, ImmediateKind.NONE, T(I32), T(F32)),
    F32_CONVERT_I32_U("f32.convert_i32_u", 0, 0xB3, ImmediateKind.NONE, T(I32), T(F32)),
    F32_CONVERT_I64_S("f32.convert_i64_s", 0, 0xB4, ImmediateKind.NONE, T(I64), T(F32)),
    F32_CONVERT_I64_U("f32.convert_i64_u", 0, 0xB5, ImmediateKind.NONE, T(I64), T(F32)),
    F32_DEMOTE_F64("f32.demote_f64", 0, 0xB6, ImmediateKind.NONE, T(F64), T(F32)),
    F64_CONVERT_I32_S("f64.convert_i32_s", 0, 0xB7, ImmediateKind.NONE, T(I32), T(F64)),
    F64_CONVERT_I32_U("f64.convert_i32_u", 0, 0xB8, ImmediateKind.NONE, T(I32), T(F64)),
    F64_CONVERT_I64_S("f64.convert_i64_s", 0, 0xB9, ImmediateKind.NONE, T(I64), T(F64)),
    F64_CONVERT_I64_U("f64.convert_i64_u", 0, 0xBA, ImmediateKind.NONE, T(I64), T(F64)),
    F64_PROMOTE_F32("f64.promote_f32", 0, 0xBB, ImmediateKind.NONE, T(F32), T(F64)),
    I32_REINTERPRET_F32("i32.reinterpret_f32", 0, 0xBC, ImmediateKind.NONE, T(F32), T(I32)),
    I64_REINTERPRET_F64("i64.reinterpret_f64", 0, 0xBD, ImmediateKind.NONE, T(F64), T(I64)),
    F32_REINTERPRET_I32("f32.reinterpret_i32", 0, 0xBE, ImmediateKind.NONE, T(I32), T(F32)),
    F64_REINTERPRET_I64("f64.reinterpret_i64", 0, 0xBF, ImmediateKind.NONE, T(I64), T(F64)),
    I32_EXTEND8_S("i32.extend8_s", 0, 0xC0, ImmediateKind.NONE, T(I32), T(I32)),
    I32_EXTEND16_S("i32.extend16_s", 0, 0xC1, ImmediateKind.NONE, T(I32), T(I32)),
    I64_EXTEND8_S("i64.extend8_s", 0, 0xC2, ImmediateKind.NONE, T(I64), T(I64)),
    I64_EXTEND16_S("i64.extend16_s", 0, 0xC3, ImmediateKind.NONE, T(I64), T(I64)),
    I64_EXTEND32_S("i64.extend32_s", 0, 0xC4, ImmediateKind.NONE, T(I64), T(I64)),
    REF_NULL("ref.null", 0, 0xD0, ImmediateKind.REFERENCE_TYPE, null, null),
    REF_IS_NULL("ref.is_null", 0, 0xD1, ImmediateKind.NONE, null, null),
    REF_FUNC("ref.func", 0, 0xD2, ImmediateKind.FUNCTION_INDEX, null, null),
    I32_TRUNC_SAT_F32_S("i32.trunc_sat_f32_s", 0xFC, 0x00, ImmediateKind.NONE, T(F32), T(I32)),
    I32_TRUNC_SAT_F32_U("i32.trunc_sat_f32_u", 0xFC, 0x01, ImmediateKind.NONE, T(F32), T(I32)),
    I32_TRUNC_SAT_F64_S("i32.trunc_sat_f64_s", 0xFC, 0x02, ImmediateKind.NONE, T(F64), T(I32)),
    I32_TRUNC_SAT_F64_U("i32.trunc_sat_f64_u", 0xFC, 0x03, ImmediateKind.NONE, T(F64), T(I32)),
    I64_TRUNC_SAT_F32_S("i64.trunc_sat_f32_s", 0xFC, 0x04, ImmediateKind.NONE, T(F32), T(I64)),
    I64_TRUNC_SAT_F32_U("i64.trunc_sat_f32_u", 0xFC, 0x05, ImmediateKind.NONE, T(F32), T(I64)),
    I64_TRUNC_SAT_F64_S("i64.trunc_sat_f64_s", 0xFC, 0x06, ImmediateKind.NONE, T(F64), T(I64)),
    I64_TRUNC_SAT_F64_U("i64.trunc_sat_f64_u", 0xFC, 0x07, ImmediateKind.NONE, T(F64), T(I64)),
    MEMORY_INIT("memory.init", 0xFC, 0x08, ImmediateKind.DATA_AND_MEMORY, T(I32, I32, I32), T()),
    DATA_DROP("data.drop", 0xFC, 0x09, ImmediateKind.DATA_INDEX, T(), T()),
    MEMORY_COPY("memory.copy", 0xFC, 0x0A, ImmediateKind.TWO_MEMORIES, T(I32, I32, I32), T()),
    MEMORY_FILL("memory.fill", 0xFC, 0x0B, ImmediateKind.MEMORY_INDEX, T(I32, I32, I32), T()),
    TABLE_INIT("table.init", 0xFC, 0x0C, ImmediateKind.ELEMENT_AND_TABLE, T(I32, I32, I32), T()),
    ELEM_DROP("elem.drop", 0xFC, 0x0D, ImmediateKind.ELEMENT_INDEX, T(), T()),
    TABLE_COPY("table.copy", 0xFC, 0x0E, ImmediateKind.TWO_TABLES, T(I32, I32, I32), T()),
    TABLE_GROW("table.grow", 0xFC, 0x0F, ImmediateKind.TABLE_INDEX, null, null),
    TABLE_SIZE("table.size", 0xFC, 0x10, ImmediateKind.TABLE_INDEX, T(), T(I32)),
    TABLE_FILL("table.fill", 0xFC, 0x11, ImmediateKind.TABLE_INDEX, null, null);

    /** Byte that introduces the 0xFC-prefixed instructions (saturating truncation, bulk memory and table ops). */
    public static final int MISC_PREFIX = 0xFC;

    private static final Opcode[] SINGLE_BYTE = new Opcode[256];
    private static final Opcode[] MISC_CODES = new Opcode[32];
    static {
        for (Opcode op : values()) {
            (op.prefix == 0 ? SINGLE_BYTE : MISC_CODES)[op.code] = op;
        }
    }

    public final String text;
    public final int prefix;
    public final int code;
    public final ImmediateKind immediate;
    private final ValueType[] operands;
    private final ValueType[] results;
    private final int accessWidth;

    Opcode(String text, int prefix, int code, ImmediateKind immediate, ValueType[] operands, ValueType[] results) {
        this.text = text;
        this.prefix = prefix;
        this.code = code;
        this.immediate = immediate;
        this.operands = operands;
        this.results = results;
        this.accessWidth = accessWidthOf(text, immediate);
    }

    private static ValueType[] T(ValueType... types) {
        return types;
    }

    /** The instruction encoded by one byte, or null (also for prefixes). */
    public static Opcode single(int b) {
        return SINGLE_BYTE[b];
    }

    /** The 0xFC-prefixed instruction with sub-opcode {@code code}, or null. */
    public static Opcode misc(long code) {
        return code >= 0 && code < MISC_CODES.length ? MISC_CODES[(int) code] : null;
    }

    /** True if the instruction has a fixed signature ({@link #operands()}/{@link #results()} non-null). */
    public boolean hasFixedSignature() {
        return operands != null;
    }

    public ValueType[] operands() {
        return operands;
    }

    public ValueType[] results() {
        return results;
    }

    public boolean isLoad() {
        return immediate == ImmediateKind.MEMARG && results.length == 1;
    }

    /** Bytes accessed by a load or store: the alignment limit and the bounds-check width; 0 for other instructions. */
    public int accessWidth() {
        return accessWidth;
    }

    private static int accessWidthOf(String text, ImmediateKind immediate) {
        if (immediate != ImmediateKind.MEMARG) {
            return 0;
        }
        String name = text.substring(text.indexOf('.') + 1);
        if (name.endsWith("8") || name.contains("8_")) {
            return 1;
        } else if (name.endsWith("16") || name.contains("16_")) {
            return 2;
        } else if (name.endsWith("32") || name.contains("32_")) {
            return 4;
        }
        return text.startsWith("i32") || text.startsWith("f32") ? 4 : 8;
    }

    @Override
    public String toString() {
        return text;
    }
}

package dev.enoki.wasm.validation;

import dev.enoki.wasm.binary.ByteReader;
import dev.enoki.wasm.binary.InstructionReader;
import dev.enoki.wasm.errors.CompileError;
import dev.enoki.wasm.module.FunctionBody;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.module.WasmModule;

import java.util.Arrays;

/**
 * Decodes function bodies without typing them, to find the first malformed one. The spec decodes a whole module
 * before validating it, so when validation fails, a malformed body (even a later one) is the error to report; this
 * runs only on that path. It decodes exactly as {@link FunctionValidator} does, including the block structure
 * ({@code else} only in an {@code if}, the function's final {@code end} at the body's end) and the rule that
 * {@code memory.init} and {@code data.drop} need a data count section, which the spec checks after decoding all code.
 */
final class CodeScanner {
    static final String DATA_COUNT_REQUIRED = "data count section required";

    private CodeScanner() {
    }

    /** The malformed-module error the spec's decoder reports for the module's code, or null if the code decodes. */
    static CompileError firstMalformed(WasmModule module) {
        byte[] bytes = module.bytes();
        ByteReader in = new ByteReader(bytes, 0, bytes.length);
        int firstDataUse = -1;
        for (FunctionBody body : module.bodies()) {
            in.seek(body.codeStart());
            try {
                int use = scan(in, body.codeEnd());
                if (firstDataUse < 0) {
                    firstDataUse = use;
                }
            } catch (CompileError e) {
                return Immediates.inBody(e);
            }
        }
        if (firstDataUse >= 0 && module.dataCount() < 0) {
            return new CompileError(DATA_COUNT_REQUIRED, firstDataUse);
        }
        return null;
    }

    /** Decodes one body; returns the offset of its first memory.init or data.drop, or -1. */
    private static int scan(ByteReader in, int codeEnd) {
        int dataUse = -1;
        // Open blocks: true for an if still before its else.
        boolean[] ifs = new boolean[16];
        int depth = 1;
        ifs[0] = false;
        while (true) {
            int pos = in.position();
            Opcode op = InstructionReader.readOpcode(in);
            switch (op.immediate) {
                case NONE -> {
                }
                case BLOCK_TYPE -> Immediates.readBlockType(in);
                case LABEL, FUNCTION_INDEX, LOCAL_INDEX, GLOBAL_INDEX, TABLE_INDEX, DATA_INDEX, ELEMENT_INDEX -> in.readU32();
                case LABEL_TABLE -> {
                    int n = in.readLength();
                    for (int i = 0; i <= n; i++) {
                        in.readU32();
                    }
                }
                case CALL_INDIRECT, MEMARG, ELEMENT_AND_TABLE, TWO_TABLES -> {
                    in.readU32();
                    in.readU32();
                }
                case MEMORY_INDEX -> Immediates.readZeroByte(in);
                case TWO_MEMORIES -> {
                    Immediates.readZeroByte(in);
                    Immediates.readZeroByte(in);
                }
                case DATA_AND_MEMORY -> {
                    in.readU32();
                    Immediates.readZeroByte(in);
                }
                case I32 -> in.readS32();
                case I64 -> in.readS64();
                case F32 -> in.readFixedInt();
                case F64 -> in.readFixedLong();
                case VALUE_TYPES -> {
                    int n = in.readLength();
                    for (int i = 0; i < n; i++) {
                        Immediates.readValueType(in);
                    }
                }
                case REFERENCE_TYPE -> Immediates.readReferenceType(in);
            }
            switch (op) {
                case BLOCK, LOOP, IF -> {
                    if (depth == ifs.length) {
                        ifs = Arrays.copyOf(ifs, depth * 2);
                    }
                    ifs[depth++] = op == Opcode.IF;
                }
                case ELSE -> {
                    if (!ifs[depth - 1]) {
                        throw ByteReader.malformed("END opcode expected", pos);
                    }
                    ifs[depth - 1] = false;
                }
                case END -> {
                    if (--depth == 0) {
                        if (in.position() != codeEnd) {
                            throw ByteReader.malformed("section size mismatch", pos);
                        }
                        return dataUse;
                    }
                }
                case MEMORY_INIT, DATA_DROP -> {
                    if (dataUse < 0) {
                        dataUse = pos;
                    }
                }
                default -> {
                }
            }
        }
    }
}

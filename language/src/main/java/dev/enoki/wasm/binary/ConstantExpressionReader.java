package dev.enoki.wasm.binary;

import static dev.enoki.wasm.binary.ByteReader.malformed;

import dev.enoki.wasm.module.ConstantExpression;
import dev.enoki.wasm.module.Instruction;
import dev.enoki.wasm.module.Opcode;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a constant expression: instructions up to the {@code end} that closes the expression. Which instructions
 * are constant is a validation rule, not a decoding one, so any instruction decodes here; its immediates are read in
 * full so that decoding stays in step, and nested blocks are tracked so that their {@code end} does not close the
 * expression. The validator then rejects anything non-constant.
 */
final class ConstantExpressionReader {
    private ConstantExpressionReader() {
    }

    static ConstantExpression read(ByteReader in) {
        int start = in.position();
        List<Instruction> instructions = new ArrayList<>();
        int depth = 0;
        while (true) {
            int offset = in.position();
            Opcode op = InstructionReader.readOpcode(in);
            if (op == Opcode.END) {
                if (depth == 0) {
                    return new ConstantExpression(List.copyOf(instructions), start);
                }
                depth--;
            } else if (op == Opcode.ELSE && depth == 0) {
                throw malformed("END opcode expected", offset);
            } else if (op == Opcode.BLOCK || op == Opcode.LOOP || op == Opcode.IF) {
                depth++;
            }
            instructions.add(new Instruction(op, readImmediate(in, op), offset));
        }
    }

    /**
     * Reads the immediates of {@code op} and returns the one an {@link Instruction} records: the constant (float
     * constants as raw bits), the reference type code of {@code ref.null}, or the first index.
     */
    private static long readImmediate(ByteReader in, Opcode op) {
        return switch (op.immediate) {
            case NONE -> 0;
            case BLOCK_TYPE -> in.readS33();
            case LABEL, FUNCTION_INDEX, LOCAL_INDEX, GLOBAL_INDEX, TABLE_INDEX, DATA_INDEX, ELEMENT_INDEX -> in.readU32();
            case LABEL_TABLE -> {
                int count = in.readLength();
                for (int i = 0; i < count; i++) {
                    in.readU32();
                }
                yield in.readU32();
            }
            case CALL_INDIRECT, ELEMENT_AND_TABLE, TWO_TABLES -> {
                long first = in.readU32();
                in.readU32();
                yield first;
            }
            case MEMARG -> {
                in.readU32(); // alignment
                yield in.readU32();
            }
            case MEMORY_INDEX -> readZeroByte(in);
            case I32 -> in.readS32();
            case I64 -> in.readS64();
            case F32 -> in.readFixedInt() & 0xFFFFFFFFL;
            case F64 -> in.readFixedLong();
            case VALUE_TYPES -> Vectors.read(in, TypeReader::readValueType).size();
            case REFERENCE_TYPE -> TypeReader.readReferenceType(in).code;
            case DATA_AND_MEMORY -> {
                long data = in.readU32();
                readZeroByte(in);
                yield data;
            }
            case TWO_MEMORIES -> {
                readZeroByte(in);
                yield readZeroByte(in);
            }
        };
    }

    /** A reserved memory index: in Wasm 2.0 a single 0x00 byte, not a LEB128 that happens to be zero. */
    private static long readZeroByte(ByteReader in) {
        int offset = in.position();
        if (in.readByte() != 0) {
            throw malformed("zero byte expected", offset);
        }
        return 0;
    }
}

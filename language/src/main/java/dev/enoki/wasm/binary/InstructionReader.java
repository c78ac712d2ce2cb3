package dev.enoki.wasm.binary;

import dev.enoki.wasm.module.Opcode;

/** Decodes opcodes, including the 0xFC-prefixed ones, against the one opcode table. */
public final class InstructionReader {
    private InstructionReader() {
    }

    /** Reads the next opcode; an unknown encoding is the malformed-module error "illegal opcode". */
    public static Opcode readOpcode(ByteReader in) {
        int start = in.position();
        int b = in.readByte();
        Opcode op;
        if (b == Opcode.MISC_PREFIX) {
            op = Opcode.misc(in.readU32());
        } else {
            op = Opcode.single(b);
        }
        if (op == null) {
            throw ByteReader.malformed("illegal opcode " + Integer.toHexString(b), start);
        }
        return op;
    }

    /** Skips the immediates of {@code op}; used to pass over code that can never run (after br, return, ...). */
    public static void skipImmediates(ByteReader in, Opcode op) {
        switch (op.immediate) {
            case NONE -> {
            }
            case BLOCK_TYPE -> in.readS33();
            case I32 -> in.readS32();
            case I64 -> in.readS64();
            case F32 -> in.readFixedInt();
            case F64 -> in.readFixedLong();
            case REFERENCE_TYPE, MEMORY_INDEX -> in.readByte();
            case MEMARG, CALL_INDIRECT, DATA_AND_MEMORY, TWO_MEMORIES, ELEMENT_AND_TABLE, TWO_TABLES -> {
                in.readU32();
                in.readU32();
            }
            case LABEL_TABLE -> {
                long count = in.readU32();
                for (long i = 0; i <= count; i++) {
                    in.readU32();
                }
            }
            case VALUE_TYPES -> {
                long count = in.readU32();
                for (long i = 0; i < count; i++) {
                    in.readByte();
                }
            }
            default -> in.readU32();
        }
    }
}

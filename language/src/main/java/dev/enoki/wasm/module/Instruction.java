package dev.enoki.wasm.module;

/** One decoded instruction of a constant expression; {@code immediate} holds the constant bits or the index. */
public record Instruction(Opcode opcode, long immediate, int offset) {
}

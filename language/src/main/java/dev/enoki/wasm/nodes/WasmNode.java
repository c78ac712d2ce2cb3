package dev.enoki.wasm.nodes;

import com.oracle.truffle.api.nodes.Node;

/** Base of every Enoki AST node. */
public abstract class WasmNode extends Node {
}

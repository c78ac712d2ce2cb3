package dev.enoki.wasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.TruffleSafepoint;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.BytecodeOSRNode;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.ExplodeLoop.LoopExplosionKind;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;
import dev.enoki.wasm.nodes.StatementNode;

/**
 * A function body or a loop body with its blocks, ifs and branches flattened into a list of steps and jumps between
 * them ({@link RegionOp}); nested loops stay statements, each a region of its own.
 *
 * <p>Merge explosion makes the step index a constant in compiled code, so every jump compiles to a jump, and a branch
 * to the loop's own label to the loop's back edge. Nested block nodes passing a branch depth out through their ends
 * compiled to merges of constant depths, which Graal folds into conditional moves and tests again at each enclosing
 * block (in a Mandelbrot loop: a {@code setcc}, two compares and spilled registers per iteration).
 *
 * <p>A rotated loop body, one whose only way back is the br_if that ends it ({@link RegionFlattener#rotatable}), runs
 * its steps as two copies: the first pass, once, then the loop. The step index counts on past the first copy's end
 * into the second, so merge explosion sees the test first after the first pass, and the loop it makes has the test at
 * its head, which Graal needs to count it; the body is compiled twice.
 *
 * <p>The nested nodes themselves still run as they are only inside the stretches a huge function runs apart
 * ({@link OutlinedStatementsNode}).
 *
 * <p>A region returns how it was left: {@link StatementNode#FALL_THROUGH} at its end, else the depth of the branch
 * counted from the position of its loop (or the function body) in the enclosing code.
 */
public final class RegionNode extends Node {
    @Children private final RegionOp[] ops;
    /** A loop body run as a loop whose head is its test ({@link RegionFlattener#rotatable}). */
    private final boolean rotated;

    RegionNode(RegionOp[] ops, boolean rotated) {
        this.ops = ops;
        this.rotated = rotated;
    }

    /** The body of a function, from the statements of its outermost block. */
    public static RegionNode functionBody(StatementNode[] statements) {
        return RegionFlattener.flatten(statements, false);
    }

    static RegionNode loopBody(StatementNode[] statements) {
        return RegionFlattener.flatten(statements, true);
    }

    /** Runs a function body. */
    public void execute(VirtualFrame frame) {
        execute(frame, null, 0);
    }

    /**
     * Runs the region from step {@code start}. For a loop body ({@code loop} not null) a branch to the region's own
     * label jumps back to the first step, where the loop may move on to compiled code (on-stack replacement).
     *
     * <p>Every path ends in {@code continue next} with a constant step index or in a return: merging two paths first
     * would make the step index a value, which merge explosion cannot follow.
     */
    @ExplodeLoop(kind = LoopExplosionKind.MERGE_EXPLODE)
    int execute(VirtualFrame frame, LoopBlockNode loop, int start) {
        // A copy's steps and its end; a rotated loop's body runs as the first copy once, then as the second.
        int copy = ops.length + 1;
        int pc = start;
        next: while (true) {
            int base = pc < copy ? 0 : copy;
            int at = pc - base;
            if (at == ops.length) {
                return StatementNode.FALL_THROUGH;
            }
            RegionOp op = ops[at];
            if (op instanceof RegionOp.Run run) {
                int depth = run.statement.execute(frame);
                if (depth == StatementNode.FALL_THROUGH) {
                    pc++;
                    continue;
                }
                int[] targets = run.targets;
                for (int d = 0; d < targets.length; d++) {
                    if (depth == d) {
                        int target = targets[d];
                        if (target >= 0) {
                            pc = base + target;
                            continue next;
                        }
                        if (isBackEdge(target, loop)) {
                            Object compiled = backEdge(frame, loop);
                            if (compiled != null) {
                                return (Integer) compiled;
                            }
                            pc = 0;
                            continue next;
                        }
                        return outward(target);
                    }
                }
                return depth - targets.length;
            } else if (op instanceof RegionOp.Unless unless) {
                if (unless.holds(frame)) {
                    pc++;
                    continue;
                }
                pc = base + unless.target;
                continue;
            } else if (op instanceof RegionOp.JumpIf jumpIf) {
                if (rotated && at == ops.length - 1) {
                    if (base == 0) {
                        // The first pass ends at the loop's head, which is the test.
                        pc = copy + at;
                        continue;
                    }
                    if (!jumpIf.taken(frame)) {
                        return StatementNode.FALL_THROUGH;
                    }
                    jumpIf.jump.move(frame);
                    Object compiled = backEdge(frame, loop);
                    if (compiled != null) {
                        return (Integer) compiled;
                    }
                    pc = copy;
                    continue;
                }
                if (!jumpIf.taken(frame)) {
                    pc++;
                    continue;
                }
                op = jumpIf.jump;
            } else if (op instanceof RegionOp.JumpTable table) {
                RegionOp.Jump[] jumps = table.jumps;
                int i = table.jumpIndex(frame);
                table.count(i);
                int last = jumps.length - 1;
                // Out of range, negative included: the default.
                op = jumps[last];
                for (int k = 0; k < last; k++) {
                    if (table.selects(i, k)) {
                        RegionOp.Jump jump = jumps[k];
                        jump.move(frame);
                        int target = jump.target;
                        if (target >= 0) {
                            pc = base + target;
                            continue next;
                        }
                        if (isBackEdge(target, loop)) {
                            Object compiled = backEdge(frame, loop);
                            if (compiled != null) {
                                return (Integer) compiled;
                            }
                            pc = 0;
                            continue next;
                        }
                        return outward(target);
                    }
                }
            }
            RegionOp.Jump jump = (RegionOp.Jump) op;
            jump.move(frame);
            int target = jump.target;
            if (target >= 0) {
                pc = base + target;
                continue;
            }
            if (isBackEdge(target, loop)) {
                Object compiled = backEdge(frame, loop);
                if (compiled != null) {
                    return (Integer) compiled;
                }
                pc = 0;
                continue;
            }
            return outward(target);
        }
    }

    private static boolean isBackEdge(int target, LoopBlockNode loop) {
        return loop != null && target == RegionOp.leaving(0);
    }

    /** Leaving with a branch of depth d from the region's label is depth d - 1 from its loop's position. */
    private static int outward(int target) {
        return -2 - target;
    }

    /**
     * A loop's back edge: polls for safepoints and, in the interpreter, for on-stack replacement. Returns the loop's
     * result when the rest of it ran as compiled code, else null. Only a loop that has run 256 iterations asks
     * ({@link LoopBlockNode#ranLongEnoughToAskForCompiledCode}): the first poll sets up Truffle's OSR bookkeeping for
     * the loop, which cost a hello world ~5 ms of start-up over its many short loops.
     *
     * <p>First-tier compiled code counts the iterations of a loop without code of its own towards its function's last
     * tier, as Truffle's own loop nodes do. Counted by calls alone, a function called a few hundred times a run stays
     * in the first tier for tens of runs whatever its loops do (in sqlite, up to 29 runs); with the count, sqlite's
     * first run took 43 and 39 s against 48 and 53 s, two interleaved pairs of JVMs.
     */
    private Object backEdge(VirtualFrame frame, LoopBlockNode loop) {
        loop.clearDeadSlots(frame);
        TruffleSafepoint.poll(this);
        if (CompilerDirectives.inInterpreter()) {
            loop.interpretedIterations++;
            if (loop.ranLongEnoughToAskForCompiledCode() && BytecodeOSRNode.pollOSRBackEdge(loop, 1)) {
                return loop.enterCompiled(frame);
            }
        } else if (CompilerDirectives.hasNextTier() && loop.countsInFirstTier()) {
            LoopNode.reportLoopCount(loop, 1);
        }
        return null;
    }
}

package dev.enoki.wasm.nodes.control;

import dev.enoki.wasm.nodes.StatementNode;
import dev.enoki.wasm.nodes.call.CallSiteNode;
import dev.enoki.wasm.nodes.numeric.LoopBoundTestNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flattens the nested control nodes the AST builder makes (blocks, ifs, switch nests, branches) into the steps of a
 * {@link RegionNode}. Labels inside the region become step indices, known once their block's end is reached; the
 * region's own label and those outside it become codes for leaving the region.
 */
final class RegionFlattener {
    /** A label of the region: where its branches go, once known. */
    private static final class Target {
        /** A step index, or a leaving code ({@link RegionOp#leaving}). */
        int code = -1;

        static Target leaving(int depth) {
            Target t = new Target();
            t.code = RegionOp.leaving(depth);
            return t;
        }
    }

    /** Labels inside the region around the current step, innermost first; the last is the region's own. */
    private final List<Target> labels = new ArrayList<>();
    private final List<RegionOp> ops = new ArrayList<>();
    /** Jumps and the labels their targets come from, filled in when all labels are resolved. */
    private final List<RegionOp.Jump> jumps = new ArrayList<>();
    private final List<Target> jumpTargets = new ArrayList<>();
    /**
     * Runs and the labels around them, likewise. Runs between the same block boundaries share one array of labels and,
     * in the end, one array of targets: in a switch nest hundreds of blocks deep, an array per statement would add up
     * to megabytes.
     */
    private final List<RegionOp.Run> runs = new ArrayList<>();
    private final List<Target[]> runTargets = new ArrayList<>();
    /** The labels around the current step, as given to runs; null when a block boundary changed them. */
    private Target[] around;
    /** Whether the region is a loop's body, where a branch to the region's own label continues the loop. */
    private final boolean loop;

    private RegionFlattener(boolean loop) {
        this.loop = loop;
    }

    static RegionNode flatten(StatementNode[] statements, boolean loop) {
        RegionFlattener f = new RegionFlattener(loop);
        f.labels.add(Target.leaving(0));
        f.emitAll(statements);
        for (int i = 0; i < f.jumps.size(); i++) {
            f.jumps.get(i).target = f.jumpTargets.get(i).code;
        }
        Target[] lastAround = null;
        int[] targets = null;
        for (int i = 0; i < f.runs.size(); i++) {
            Target[] labelsAround = f.runTargets.get(i);
            if (labelsAround != lastAround) {
                lastAround = labelsAround;
                targets = new int[labelsAround.length];
                for (int d = 0; d < labelsAround.length; d++) {
                    targets[d] = labelsAround[d].code;
                }
            }
            f.runs.get(i).targets = targets;
        }
        RegionOp[] ops = f.ops.toArray(new RegionOp[0]);
        for (int i = 0; i < ops.length; i++) {
            if (ops[i] instanceof RegionOp.JumpTable table && table.jumps.length > SHARED_FROM) {
                ops[i] = shared(table);
            }
        }
        boolean rotated = loop && rotatable(ops);
        if (rotated) {
            RegionOp.JumpIf test = (RegionOp.JumpIf) ops[ops.length - 1];
            test.condition = LoopBoundTestNode.of(test.condition);
        }
        return new RegionNode(ops, rotated);
    }

    /** Targets past which a br_table whose branches move no values has one jump per distinct target. */
    static final int SHARED_FROM = 1024;

    /**
     * A br_table with one jump per distinct target, and the jump each index takes: merge explosion tests the index
     * once per jump, and 16,150 tests (br_table.wast's "large", whose indices go to two labels) went past Graal's limit
     * of explosion iterations, so its function stayed interpreted. Only when no branch moves values (a value already
     * in its label's slot moves nothing): a jump is its moves and its target, and two labels that end at the same step
     * may have different result slots, so with moves a jump's target alone does not say what it does.
     */
    private static RegionOp.JumpTable shared(RegionOp.JumpTable table) {
        RegionOp.Jump[] jumps = table.jumps;
        for (RegionOp.Jump jump : jumps) {
            if (jump.movesValues()) {
                return table;
            }
        }
        int last = jumps.length - 1;
        Map<Integer, Integer> jumpOfTarget = new HashMap<>();
        List<RegionOp.Jump> distinct = new ArrayList<>();
        int[] shared = new int[last];
        for (int i = 0; i < last; i++) {
            RegionOp.Jump jump = jumps[i];
            // The default's target is the last jump's, whichever indices share it.
            shared[i] = jump.target == jumps[last].target ? -1 : jumpOfTarget.computeIfAbsent(jump.target, t -> {
                distinct.add(jump);
                return distinct.size() - 1;
            });
        }
        distinct.add(jumps[last]);
        for (int i = 0; i < last; i++) {
            if (shared[i] < 0) {
                shared[i] = distinct.size() - 1;
            }
        }
        return new RegionOp.JumpTable(table.index, distinct.toArray(new RegionOp.Jump[0]), shared);
    }

    /** Steps of the largest loop body run rotated: the body is compiled twice, its first pass and the loop's. */
    static final int ROTATED_MAX_STEPS = 64;

    /**
     * Whether a loop body is run as its first pass followed by a loop whose head is the test ({@link RegionNode}):
     * a body whose one way back to its start is the br_if that ends it, on a comparison Graal may count
     * ({@link LoopBoundTestNode#countable}), with no loop and no call inside. Graal counts only loops tested at their
     * head (it then drops their safepoint polls and knows their trip count); clang writes loops tested at their end,
     * which Graal compiles as loops of unknown count.
     */
    private static boolean rotatable(RegionOp[] ops) {
        int back = RegionOp.leaving(0);
        if (ops.length == 0 || ops.length > ROTATED_MAX_STEPS || !(ops[ops.length - 1] instanceof RegionOp.JumpIf test) || test.jump.target != back
                        || !LoopBoundTestNode.countable(test.condition)) {
            return false;
        }
        for (int i = 0; i < ops.length - 1; i++) {
            RegionOp op = ops[i];
            // Of the statements a run holds, only loops and outlined stretches report branches (the other control
            // nodes are flattened). A call is inlined into both copies, and a recursive one then doubles at each level
            // of inlining: fib's first run went from 3.2 to 6.3 s.
            if (op instanceof RegionOp.Run run) {
                if (run.statement instanceof LoopBlockNode || run.statement instanceof OutlinedStatementsNode || run.statement instanceof CallSiteNode) {
                    return false;
                }
            } else if (op instanceof RegionOp.Jump jump && jump.target == back) {
                return false;
            } else if (op instanceof RegionOp.JumpIf jumpIf && jumpIf.jump.target == back) {
                return false;
            } else if (op instanceof RegionOp.JumpTable table) {
                for (RegionOp.Jump jump : table.jumps) {
                    if (jump.target == back) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void emitAll(StatementNode[] statements) {
        for (StatementNode s : statements) {
            emit(s);
        }
    }

    /** Plain instanceof tests, not a pattern switch: its bootstrap costs milliseconds of a hello world's start-up. */
    private void emit(StatementNode statement) {
        if (statement instanceof BlockNode block) {
            Target label = enterBlock();
            emitAll(block.statements());
            exitBlock(label);
        } else if (statement instanceof StatementSequenceNode sequence) {
            emitAll(sequence.statements());
        } else if (statement instanceof NestedBlocksNode nest) {
            emitNest(nest.segments(), nest.segments().length - 1);
        } else if (statement instanceof IfNode ifNode) {
            emitIf(ifNode);
        } else if (statement instanceof BranchNode branch) {
            ops.add(jump(branch));
        } else if (statement instanceof BranchIfNode branchIf) {
            ops.add(new RegionOp.JumpIf(branchIf.condition(), jump(branchIf.branchNode()), branchIf.profile()));
        } else if (statement instanceof BranchTableNode table) {
            BranchNode[] branches = table.targets();
            RegionOp.Jump[] tableJumps = new RegionOp.Jump[branches.length];
            for (int i = 0; i < branches.length; i++) {
                tableJumps[i] = jump(branches[i]);
            }
            ops.add(new RegionOp.JumpTable(table.index(), tableJumps));
        } else {
            run(statement);
        }
    }

    /** Segments 0..last of a switch nest: segment k is followed by the end of the block around segments 0..k. */
    private void emitNest(StatementNode[] segments, int last) {
        Target label = enterBlock();
        if (last > 0) {
            emitNest(segments, last - 1);
        }
        emit(segments[last]);
        exitBlock(label);
    }

    private void emitIf(IfNode ifNode) {
        Target label = enterBlock();
        StatementNode[] thenArm = ifNode.thenBlock().statements();
        StatementNode[] elseArm = ifNode.elseBlock().statements();
        boolean loopTest = loop && (continuesOrLeavesTheLoop(thenArm) || continuesOrLeavesTheLoop(elseArm));
        RegionOp.Unless unless = new RegionOp.Unless(ifNode.condition(), loopTest ? ConditionCounter.ofLoopTest() : ConditionCounter.ofArms());
        ops.add(unless);
        emitAll(thenArm);
        if (elseArm.length > 0) {
            // The end of the then-arm jumps past the else-arm, to where the if's label is resolved.
            RegionOp.Jump toEnd = new RegionOp.Jump(new StatementNode[0]);
            jumps.add(toEnd);
            jumpTargets.add(label);
            ops.add(toEnd);
        }
        unless.target = ops.size();
        emitAll(elseArm);
        exitBlock(label);
    }

    /**
     * Whether an arm of an if, inside the if's label, ends with a branch to the loop or out of it: the if is then the
     * loop's test (clang writes {@code if (i != n) { ...; continue }} so), and its other direction the way out.
     */
    private boolean continuesOrLeavesTheLoop(StatementNode[] arm) {
        return arm.length > 0 && arm[arm.length - 1] instanceof BranchNode branch && branch.depth() >= labels.size() - 1;
    }

    /** A new innermost label, resolved by {@link #exitBlock} to the step after the block. */
    private Target enterBlock() {
        Target label = new Target();
        labels.add(0, label);
        around = null;
        return label;
    }

    private void exitBlock(Target label) {
        labels.remove(0);
        around = null;
        label.code = ops.size();
    }

    private RegionOp.Jump jump(BranchNode branch) {
        RegionOp.Jump jump = new RegionOp.Jump(branch.moves());
        int depth = branch.depth();
        if (depth < labels.size()) {
            jumps.add(jump);
            jumpTargets.add(labels.get(depth));
        } else {
            jump.target = RegionOp.leaving(depth - labels.size() + 1);
        }
        return jump;
    }

    private void run(StatementNode statement) {
        RegionOp.Run run = new RegionOp.Run(statement);
        runs.add(run);
        if (around == null) {
            around = labels.toArray(new Target[0]);
        }
        runTargets.add(around);
        ops.add(run);
    }
}

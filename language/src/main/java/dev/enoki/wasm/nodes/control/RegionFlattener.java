package dev.enoki.wasm.nodes.control;

import dev.enoki.wasm.nodes.StatementNode;

import java.util.ArrayList;
import java.util.List;

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
    /** Jump-like steps and the targets their codes come from, filled in when all labels are resolved. */
    private final List<Runnable> patches = new ArrayList<>();

    static RegionNode flatten(StatementNode[] statements) {
        RegionFlattener f = new RegionFlattener();
        f.labels.add(Target.leaving(0));
        f.emitAll(statements);
        for (Runnable patch : f.patches) {
            patch.run();
        }
        return new RegionNode(f.ops.toArray(RegionOp[]::new));
    }

    private void emitAll(StatementNode[] statements) {
        for (StatementNode s : statements) {
            emit(s);
        }
    }

    private void emit(StatementNode statement) {
        switch (statement) {
            case BlockNode block -> inBlock(() -> emitAll(block.statements()));
            case StatementSequenceNode sequence -> emitAll(sequence.statements());
            case NestedBlocksNode nest -> emitNest(nest.segments(), nest.segments().length - 1);
            case IfNode ifNode -> emitIf(ifNode);
            case BranchNode branch -> ops.add(jump(branch));
            case BranchIfNode branchIf -> ops.add(new RegionOp.JumpIf(branchIf.condition(), jump(branchIf.branchNode())));
            case BranchTableNode table -> {
                BranchNode[] branches = table.targets();
                RegionOp.Jump[] jumps = new RegionOp.Jump[branches.length];
                for (int i = 0; i < branches.length; i++) {
                    jumps[i] = jump(branches[i]);
                }
                ops.add(new RegionOp.JumpTable(table.index(), jumps));
            }
            default -> run(statement);
        }
    }

    /** Segments 0..last of a switch nest: segment k is followed by the end of the block around segments 0..k. */
    private void emitNest(StatementNode[] segments, int last) {
        if (last == 0) {
            inBlock(() -> emit(segments[0]));
            return;
        }
        inBlock(() -> {
            emitNest(segments, last - 1);
            emit(segments[last]);
        });
    }

    private void emitIf(IfNode ifNode) {
        inBlock(() -> {
            RegionOp.Unless unless = new RegionOp.Unless(ifNode.condition());
            ops.add(unless);
            emitAll(ifNode.thenBlock().statements());
            StatementNode[] elseArm = ifNode.elseBlock().statements();
            if (elseArm.length > 0) {
                // The end of the then-arm jumps past the else-arm, to where the if's label is resolved.
                RegionOp.Jump toEnd = new RegionOp.Jump(new StatementNode[0]);
                Target end = labels.get(0);
                patches.add(() -> toEnd.target = end.code);
                ops.add(toEnd);
            }
            unless.target = ops.size();
            emitAll(elseArm);
        });
    }

    /** Runs {@code body} inside a new label, resolved to the step after it. */
    private void inBlock(Runnable body) {
        Target label = new Target();
        labels.add(0, label);
        body.run();
        labels.remove(0);
        label.code = ops.size();
    }

    private RegionOp.Jump jump(BranchNode branch) {
        RegionOp.Jump jump = new RegionOp.Jump(branch.moves());
        int depth = branch.depth();
        if (depth < labels.size()) {
            Target target = labels.get(depth);
            patches.add(() -> jump.target = target.code);
        } else {
            jump.target = RegionOp.leaving(depth - labels.size() + 1);
        }
        return jump;
    }

    private void run(StatementNode statement) {
        RegionOp.Run run = new RegionOp.Run(statement);
        Target[] around = labels.toArray(Target[]::new);
        patches.add(() -> {
            int[] targets = new int[around.length];
            for (int d = 0; d < around.length; d++) {
                targets[d] = around[d].code;
            }
            run.targets = targets;
        });
        ops.add(run);
    }
}

package dev.enoki.wasm.fuzz;

import static dev.enoki.wasm.fuzz.StackShapeGenerator.NumType.F32;
import static dev.enoki.wasm.fuzz.StackShapeGenerator.NumType.I32;
import static dev.enoki.wasm.fuzz.StackShapeGenerator.NumType.I64;
import static dev.enoki.wasm.fuzz.StackShapeGenerator.pick;

import dev.enoki.wasm.fuzz.StackShapeGenerator.Global;
import dev.enoki.wasm.fuzz.StackShapeGenerator.NumType;
import dev.enoki.wasm.fuzz.StackShapeGenerator.Signature;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * One function of a {@link StackShapeGenerator} module, written instruction by instruction while the operand stack's
 * types are tracked, so that the code can go on from whatever is on the stack: a random walk that pushes values,
 * calls with the values on top as arguments (or fresh ones), combines the top values, writes locals, globals and
 * memory, opens blocks that take the top values as parameters, and branches out with them. At the end of a block
 * the values left are combined, converted or stored until the block's results remain, so a value pushed early can
 * still be pending, in an engine that defers evaluation, when it is consumed far below the instructions above it.
 *
 * <p>Loops end: each has a counter local set before it and counted down at its head, which only that code writes, and
 * a branch back to a loop (br_if, or br_table with its default leaving it) is taken only while the counter of every
 * loop it may go back to is positive.
 */
final class StackCodeGenerator {
    private enum Kind {
        FUNCTION, BLOCK, LOOP, IF
    }

    /** An open block (or the function body) and the types of the operand stack above its start. */
    private static final class Frame {
        final Kind kind;
        final List<NumType> params;
        final List<NumType> results;
        /** A loop's counter local, else -1. */
        final int counter;
        final List<NumType> stack = new ArrayList<>();
        boolean unreachable;

        Frame(Kind kind, List<NumType> params, List<NumType> results, int counter) {
            this.kind = kind;
            this.params = params;
            this.results = results;
            this.counter = counter;
        }

        List<NumType> labelTypes() {
            return kind == Kind.LOOP ? params : results;
        }
    }

    /**
     * What a step of the walk does, and how often, relative to the others. Calls and combining the top two values
     * come most: call results consumed by arithmetic after further calls are where an engine reuses its temporaries.
     */
    private enum Step {
        PUSH(10), CALL(28), COMBINE(20), LOCAL(8), GLOBAL(4), STORE(6), LOAD(4), DROP(2), SELECT(4), BLOCK(8), BRANCH(5), MEMORY(2), UNREACHABLE(1);

        final int weight;

        Step(int weight) {
            this.weight = weight;
        }
    }

    /** How {@link #value} makes a value, and how often; some make only an i32. */
    private enum Producer {
        LEAF(5), UNARY(3), BINARY(5), CONVERSION(3), COMPARISON(3), LOAD(3), CALL(5), SELECT(2), TEE(2), BLOCK(2), MEMORY(1);

        final int weight;

        Producer(int weight) {
            this.weight = weight;
        }

        boolean makesOnlyI32() {
            return this == COMPARISON || this == MEMORY;
        }
    }

    private static final String[] INT_UNARY = {"clz", "ctz", "popcnt", "extend8_s", "extend16_s"};
    private static final String[] FLOAT_UNARY = {"abs", "neg", "sqrt", "ceil", "floor", "trunc", "nearest"};
    private static final String[] INT_BINARY = {"add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"};
    private static final String[] INT_DIVISION = {"div_s", "div_u", "rem_s", "rem_u"};
    private static final String[] FLOAT_BINARY = {"add", "sub", "mul", "div", "min", "max", "copysign"};
    private static final String[] INT_COMPARE = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};
    private static final String[] FLOAT_COMPARE = {"eq", "ne", "lt", "gt", "le", "ge"};

    private final StackShapeGenerator module;
    private final Random random;
    private final int index;
    private final Signature signature;
    /**
     * Whether the function may trap where its choices alone decide it (a divisor that may be 0, a truncation, an
     * address anywhere, a call_indirect of a slot of another type, unreachable): a quarter of the functions, so that
     * most calls return (a trap ends the calls of every caller too) and some trap after effects an engine may reorder.
     */
    private final boolean risky;
    /** The parameters, then the declared locals. */
    private final List<NumType> locals = new ArrayList<>();
    private final Set<Integer> counters = new HashSet<>();
    private final List<Frame> frames = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();
    private int indent = 2;
    /** Instructions left to write before walks stop and values are made of constants and reads alone. */
    private int budget;

    StackCodeGenerator(StackShapeGenerator module, Random random, int index) {
        this.module = module;
        this.random = random;
        this.index = index;
        this.signature = module.signatureOf(index);
        this.risky = random.nextInt(4) == 0;
    }

    /** The function's text: {@code (func $fN (export "fN") ...)}. */
    String function() {
        locals.addAll(signature.params());
        // A few locals of every type, so that any value can be written to one (a NaN is made 0 through one).
        for (NumType type : NumType.ALL) {
            for (int i = 1 + random.nextInt(2); i > 0; i--) {
                locals.add(type);
            }
        }
        budget = 30 + random.nextInt(250);
        Frame function = new Frame(Kind.FUNCTION, List.of(), signature.results(), -1);
        frames.add(function);
        spendFuel();
        walk(6 + random.nextInt(20), 3);
        finish(function);

        StringBuilder out = new StringBuilder("  (func $f").append(index).append(" (export \"f").append(index)
                        .append("\") (type $s").append(module.functions.get(index)).append(")");
        if (locals.size() > signature.params().size()) {
            out.append(" (local");
            for (NumType t : locals.subList(signature.params().size(), locals.size())) {
                out.append(' ').append(t.text);
            }
            out.append(')');
        }
        return out.append('\n').append(body).append("  )\n").toString();
    }

    /** With no fuel left, returns zeros; else spends one unit. */
    private void spendFuel() {
        emit("global.get $fuel");
        emit("i32.eqz");
        emit("if");
        for (NumType t : signature.results()) {
            emit("  " + t.text + ".const 0");
        }
        emit("  return");
        emit("end");
        emit("global.get $fuel");
        emit("i32.const 1");
        emit("i32.sub");
        emit("global.set $fuel");
    }

    // ---- the simulated stack ----

    private Frame frame() {
        return frames.get(frames.size() - 1);
    }

    private List<NumType> stack() {
        return frame().stack;
    }

    private int height() {
        return stack().size();
    }

    /** The type {@code below} values under the top. */
    private NumType top(int below) {
        return stack().get(height() - 1 - below);
    }

    private void push(NumType type) {
        stack().add(type);
    }

    private void pop(NumType type) {
        NumType top = stack().remove(height() - 1);
        if (top != type) {
            throw new IllegalStateException("generator bug: popped " + top + " for " + type + " in\n" + body);
        }
    }

    private void popAll(List<NumType> types) {
        for (int i = types.size() - 1; i >= 0; i--) {
            pop(types.get(i));
        }
    }

    private void emit(String instruction) {
        body.append("  ".repeat(indent)).append(instruction).append('\n');
        budget--;
    }

    // ---- the walk ----

    private void walk(int steps, int depth) {
        Frame f = frame();
        for (int i = 0; i < steps && budget > 0 && !f.unreachable; i++) {
            step(depth);
        }
    }

    private void step(int depth) {
        Step[] steps = Step.values();
        int[] weights = new int[steps.length];
        for (Step s : steps) {
            weights[s.ordinal()] = s == Step.BLOCK && depth <= 0 ? 0 : s.weight;
        }
        switch (steps[pick(random, weights)]) {
            case PUSH -> value(module.type(), 2);
            case CALL -> call(0, 1);
            case COMBINE -> combineOrConvertTop();
            case LOCAL -> local();
            case GLOBAL -> global();
            case STORE -> storeStep();
            case LOAD -> loadStep();
            case DROP -> {
                if (height() >= 1) {
                    emit("drop");
                    pop(top(0));
                }
            }
            case SELECT -> selectStep();
            case BLOCK -> control(0, depth - 1);
            case BRANCH -> branch();
            case MEMORY -> memory(1);
            case UNREACHABLE -> {
                // Only in an if's arm, which may not be taken.
                if (risky && frame().kind == Kind.IF) {
                    emit("unreachable");
                    becomeUnreachable();
                }
            }
        }
    }

    private void combineOrConvertTop() {
        if (height() >= 2) {
            combine();
        } else if (height() == 1) {
            if (random.nextBoolean()) {
                unary(top(0));
            } else {
                convert(top(0), module.type());
            }
        } else {
            value(module.type(), 2);
        }
    }

    /** Writes the value on top to a local (set or tee), or pushes a local. */
    private void local() {
        if (height() >= 1) {
            NumType t = top(0);
            boolean tee = random.nextBoolean();
            emit((tee ? "local.tee " : "local.set ") + writableLocal(t));
            if (!tee) {
                pop(t);
            }
        } else {
            NumType t = module.type();
            emit("local.get " + readableLocal(t));
            push(t);
        }
    }

    /** Writes the value on top to a global of its type, or pushes a global. */
    private void global() {
        int global = height() >= 1 ? writableGlobal(top(0)) : -1;
        if (global >= 0) {
            emit("global.set " + StackShapeGenerator.globalName(global));
            pop(top(0));
        } else {
            leafGlobal(module.type());
        }
    }

    /**
     * Stores the value on top at the i32 under it (in a risky function: that address may be anywhere), or through a
     * local at an address pushed after it, or stores a new value.
     */
    private void storeStep() {
        if (risky && height() >= 2 && top(1) == I32) {
            store(top(0));
        } else if (height() >= 1 && random.nextBoolean()) {
            sinkToMemory(top(0), 1);
        } else {
            NumType t = module.type();
            address(1);
            value(t, 1);
            store(t);
        }
    }

    /** Loads from the i32 on top (made an address in the first page unless risky), or from a new address. */
    private void loadStep() {
        if (height() < 1 || top(0) != I32 || random.nextBoolean()) {
            address(1);
        } else if (!risky) {
            emit("i32.const 255");
            emit("i32.and");
        }
        load(module.type());
    }

    /** Selects between the values on top, with a new condition where there is none. */
    private void selectStep() {
        int m = height();
        if (m >= 3 && top(0) == I32 && top(1) == top(2)) {
            select(top(1));
        } else if (m >= 2 && top(0) == top(1)) {
            NumType t = top(0);
            value(I32, 1);
            select(t);
        } else {
            NumType t = module.type();
            value(t, 1);
            value(t, 1);
            value(I32, 1);
            select(t);
        }
    }

    /** Writes code that pushes one value of {@code type}, of nested expressions at most {@code depth} deep. */
    private void value(NumType type, int depth) {
        if (depth <= 0 || budget <= 0) {
            leaf(type);
            return;
        }
        int mark = height();
        Producer[] producers = Producer.values();
        int[] weights = new int[producers.length];
        for (Producer p : producers) {
            weights[p.ordinal()] = p.makesOnlyI32() && type != I32 ? 0 : p.weight;
        }
        switch (producers[pick(random, weights)]) {
            case LEAF -> leaf(type);
            case UNARY -> {
                value(type, depth - 1);
                unary(type);
            }
            case BINARY -> {
                value(type, depth - 1);
                value(type, depth - 1);
                binary(type);
            }
            case CONVERSION -> {
                NumType from = module.type();
                value(from, depth - 1);
                convert(from, type);
            }
            case COMPARISON -> {
                NumType operands = module.type();
                value(operands, depth - 1);
                value(operands, depth - 1);
                compare(operands);
            }
            case LOAD -> {
                address(depth - 1);
                load(type);
            }
            case CALL -> {
                call(mark, depth - 1);
                reduceTo(mark, List.of(type), depth - 1);
            }
            case SELECT -> {
                value(type, depth - 1);
                value(type, depth - 1);
                value(I32, depth - 1);
                select(type);
            }
            case TEE -> {
                value(type, depth - 1);
                emit("local.tee " + writableLocal(type));
            }
            case BLOCK -> {
                for (int i = random.nextInt(3); i > 0; i--) {
                    value(module.type(), depth - 1);
                }
                control(mark, depth - 1);
                reduceTo(mark, List.of(type), depth - 1);
            }
            case MEMORY -> memory(depth - 1);
        }
    }

    private void leaf(NumType type) {
        switch (pick(random, 4, 4, 2)) {
            case 0 -> {
                emit(module.constant(type));
                push(type);
            }
            case 1 -> {
                emit("local.get " + readableLocal(type));
                push(type);
            }
            default -> leafGlobal(type);
        }
    }

    private void leafGlobal(NumType type) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < module.globals.size(); i++) {
            if (module.globals.get(i).type() == type) {
                candidates.add(i);
            }
        }
        emit(candidates.isEmpty() ? module.constant(type) : "global.get " + StackShapeGenerator.globalName(candidates.get(random.nextInt(candidates.size()))));
        push(type);
    }

    /** Any local of {@code type}, loop counters too. */
    private int readableLocal(NumType type) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < locals.size(); i++) {
            if (locals.get(i) == type) {
                candidates.add(i);
            }
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    /** A local of {@code type} that is not a loop counter. */
    private int writableLocal(NumType type) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < locals.size(); i++) {
            if (locals.get(i) == type && !counters.contains(i)) {
                candidates.add(i);
            }
        }
        return candidates.get(random.nextInt(candidates.size()));
    }

    /** A mutable global of {@code type} other than the fuel, or -1. */
    private int writableGlobal(NumType type) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 1; i < module.globals.size(); i++) {
            Global g = module.globals.get(i);
            if (g.mutable() && g.type() == type) {
                candidates.add(i);
            }
        }
        return candidates.isEmpty() ? -1 : candidates.get(random.nextInt(candidates.size()));
    }

    // ---- numeric instructions on the top of the stack ----

    private void unary(NumType type) {
        if (type.isFloat()) {
            emit(type.text + "." + any(FLOAT_UNARY));
        } else if (type == I32 && random.nextInt(6) == 0) {
            emit("i32.eqz");
        } else {
            String op = type == I64 && random.nextInt(6) == 0 ? "extend32_s" : any(INT_UNARY);
            emit(type.text + "." + op);
        }
    }

    private void binary(NumType type) {
        String op = any(type.isFloat() ? FLOAT_BINARY : random.nextInt(7) == 0 ? INT_DIVISION : INT_BINARY);
        if (op.equals("copysign")) {
            canonicalize(type);
        } else if ((op.startsWith("div") || op.startsWith("rem")) && !type.isFloat() && (!risky || random.nextInt(3) != 0)) {
            // Mostly a divisor that is not 0 (locals start at 0, and many values are small).
            emit(type.text + ".const 1");
            emit(type.text + ".or");
        }
        emit(type.text + "." + op);
        pop(type);
    }

    private void compare(NumType type) {
        emit(type.text + "." + any(type.isFloat() ? FLOAT_COMPARE : INT_COMPARE));
        pop(type);
        pop(type);
        push(I32);
    }

    /** Converts the value on top from {@code from} to {@code to}; a float to an integer may trap in a risky function. */
    private void convert(NumType from, NumType to) {
        if (from == to) {
            return;
        }
        String op;
        if (from.isFloat() && to.isFloat()) {
            op = to == F32 ? "f32.demote_f64" : "f64.promote_f32";
        } else if (!from.isFloat() && !to.isFloat()) {
            op = to == I64 ? "i64.extend_i32_" + sign() : random.nextInt(4) == 0 ? "i64.eqz" : "i32.wrap_i64";
        } else if (to.isFloat()) {
            boolean sameWidth = (from == I32) == (to == F32);
            op = sameWidth && random.nextInt(4) == 0 ? to.text + ".reinterpret_" + from.text : to.text + ".convert_" + from.text + "_" + sign();
        } else {
            boolean sameWidth = (from == F32) == (to == I32);
            switch (pick(random, risky ? 2 : 0, 3, sameWidth ? 1 : 0)) {
                case 0 -> op = to.text + ".trunc_" + from.text + "_" + sign();
                case 1 -> op = to.text + ".trunc_sat_" + from.text + "_" + sign();
                default -> {
                    canonicalize(from);
                    op = to.text + ".reinterpret_" + from.text;
                }
            }
        }
        emit(op);
        pop(from);
        push(to);
    }

    private String sign() {
        return random.nextBoolean() ? "s" : "u";
    }

    /** A NaN on top becomes 0 (through a local of its type), where its payload or sign would become visible. */
    private void canonicalize(NumType type) {
        if (!type.isFloat()) {
            return;
        }
        int local = writableLocal(type);
        emit("local.tee " + local);
        emit(type.text + ".const 0");
        emit("local.get " + local);
        emit("local.get " + local);
        emit(type.text + ".eq");
        emit("select");
    }

    private void select(NumType type) {
        emit(random.nextBoolean() ? "select" : "select (result " + type.text + ")");
        pop(I32);
        pop(type);
    }

    // ---- memory ----

    /** Pushes an address: mostly in the initialised bytes, sometimes anywhere or at the end of memory. */
    private void address(int depth) {
        switch (pick(random, 20, 6, risky ? 1 : 0, risky ? 1 : 0)) {
            case 0 -> {
                emit("i32.const " + random.nextInt(120));
                push(I32);
            }
            case 1 -> {
                value(I32, depth);
                emit("i32.const 255");
                emit("i32.and");
            }
            case 2 -> value(I32, depth);
            default -> {
                emit("memory.size");
                emit("i32.const 16");
                emit("i32.shl");
                emit("i32.const " + (1 + random.nextInt(10)));
                emit("i32.sub");
                push(I32);
            }
        }
    }

    private String offset() {
        return switch (pick(random, 30, 10, risky ? 1 : 0)) {
            case 0 -> "";
            case 1 -> " offset=" + random.nextInt(64);
            default -> " offset=" + (65520 + random.nextInt(24));
        };
    }

    /** Loads a {@code type} from the address on top. */
    private void load(NumType type) {
        String suffix = switch (type) {
            case I32 -> new String[]{"", "8_s", "8_u", "16_s", "16_u"}[random.nextInt(5)];
            case I64 -> new String[]{"", "8_s", "8_u", "16_s", "16_u", "32_s", "32_u"}[random.nextInt(7)];
            default -> "";
        };
        emit(type.text + ".load" + suffix + offset());
        pop(I32);
        push(type);
    }

    /** Stores the {@code type} on top at the address under it. */
    private void store(NumType type) {
        canonicalize(type);
        String suffix = switch (type) {
            case I32 -> new String[]{"", "8", "16"}[random.nextInt(3)];
            case I64 -> new String[]{"", "8", "16", "32"}[random.nextInt(4)];
            default -> "";
        };
        emit(type.text + ".store" + suffix + offset());
        pop(type);
        pop(I32);
    }

    private void memory(int depth) {
        if (random.nextBoolean()) {
            emit("memory.size");
            push(I32);
            return;
        }
        if (random.nextInt(4) == 0) {
            value(I32, depth);
        } else {
            emit("i32.const " + random.nextInt(2));
            push(I32);
        }
        emit("memory.grow");
    }

    // ---- calls ----

    /** A direct or indirect call, its arguments the values on top above {@code floor} where their types fit. */
    private void call(int floor, int depth) {
        if (random.nextInt(10) < 7) {
            int callee = callee();
            Signature s = module.signatureOf(callee);
            operands(s.params(), floor, depth);
            emit("call $f" + callee);
            popAll(s.params());
            s.results().forEach(this::push);
        } else {
            int type = module.functions.get(callee());
            Signature s = module.signatures.get(type);
            operands(s.params(), floor, depth);
            tableIndex(type, depth);
            emit("call_indirect (type $s" + type + ")");
            pop(I32);
            popAll(s.params());
            s.results().forEach(this::push);
        }
    }

    /**
     * Mostly a later function: the fuel ends recursion, but a recursion spends it all soon, and then functions return
     * zeros.
     */
    private int callee() {
        int count = module.functions.size();
        if (index + 1 < count && random.nextInt(12) != 0) {
            return index + 1 + random.nextInt(count - index - 1);
        }
        return random.nextInt(count);
    }

    /**
     * The table index of a call_indirect of type {@code type}, the type of some function: mostly a later function of
     * that type, sometimes not.
     */
    private void tableIndex(int type, int depth) {
        List<Integer> matching = new ArrayList<>();
        List<Integer> later = new ArrayList<>();
        for (int i = 0; i < module.functions.size(); i++) {
            if (module.functions.get(i) == type) {
                matching.add(i);
                if (i > index) {
                    later.add(i);
                }
            }
        }
        if (!later.isEmpty() && random.nextInt(12) != 0) {
            matching = later;
        }
        switch (pick(random, 40, 8, risky ? 2 : 0, risky ? 1 : 0)) {
            case 0 -> {
                emit("i32.const " + matching.get(random.nextInt(matching.size())));
                push(I32);
            }
            case 1 -> {
                emit("i32.const " + matching.get(random.nextInt(matching.size())));
                emit("i32.const " + matching.get(random.nextInt(matching.size())));
                push(I32);
                push(I32);
                value(I32, depth);
                select(I32);
            }
            case 2 -> {
                // Any slot: the null one after the functions, or a function of another type.
                emit("i32.const " + random.nextInt(module.functions.size() + 1));
                push(I32);
            }
            default -> value(I32, depth);
        }
    }

    /**
     * Leaves values of {@code types} on top: the values already on top, above {@code floor}, where their types are
     * a prefix of {@code types}, and new ones for the rest.
     */
    private void operands(List<NumType> types, int floor, int depth) {
        List<Integer> fits = new ArrayList<>();
        for (int j = 0; j <= Math.min(types.size(), height() - floor); j++) {
            if (stack().subList(height() - j, height()).equals(types.subList(0, j))) {
                fits.add(j);
            }
        }
        int reused = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> fits.get(random.nextInt(fits.size()));
            default -> fits.get(fits.size() - 1);
        };
        for (int k = reused; k < types.size(); k++) {
            value(types.get(k), depth);
        }
    }

    // ---- blocks and branches ----

    /** A block, loop or if that takes up to three of the values above {@code floor} as its parameters. */
    private void control(int floor, int depth) {
        int paramCount = random.nextInt(Math.min(height() - floor, 3) + 1);
        List<NumType> params = new ArrayList<>(stack().subList(height() - paramCount, height()));
        List<NumType> results = new ArrayList<>();
        for (int i = pick(random, 2, 5, 3, 1); i > 0; i--) {
            results.add(module.type());
        }
        Kind kind = Kind.values()[1 + pick(random, 4, 3, 4)];
        String type = new Signature(params, results).text();
        int counter = -1;
        if (kind == Kind.IF) {
            value(I32, 1);
            pop(I32);
        } else if (kind == Kind.LOOP) {
            counter = locals.size();
            locals.add(I32);
            counters.add(counter);
            emit("i32.const " + (1 + random.nextInt(3)));
            emit("local.set " + counter);
        }
        emit(kind.name().toLowerCase() + (type.isEmpty() ? "" : " " + type));
        popAll(params);
        Frame f = new Frame(kind, params, results, counter);
        frames.add(f);
        indent++;
        f.stack.addAll(params);
        if (kind == Kind.LOOP) {
            emit("local.get " + counter);
            emit("i32.const 1");
            emit("i32.sub");
            emit("local.set " + counter);
        }
        walk(2 + random.nextInt(8), depth);
        finish(f);
        if (kind == Kind.IF && (!params.equals(results) || random.nextInt(3) != 0)) {
            indent--;
            emit("else");
            indent++;
            f.unreachable = false;
            f.stack.addAll(params);
            walk(2 + random.nextInt(8), depth);
            finish(f);
        }
        indent--;
        emit("end");
        frames.remove(frames.size() - 1);
        results.forEach(this::push);
    }

    /** Ends a block's code (or an if's arm) with its results on the stack. */
    private void finish(Frame f) {
        if (!f.unreachable) {
            reduceTo(0, f.results, 1);
        }
        f.stack.clear();
    }

    private int labelDepth(int frame) {
        return frames.size() - 1 - frame;
    }

    private void branch() {
        switch (pick(random, 6, 2, 2, 1)) {
            case 0 -> {
                int target = random.nextInt(frames.size());
                List<NumType> types = frames.get(target).labelTypes();
                operands(types, 0, 1);
                if (frames.get(target).kind == Kind.LOOP) {
                    counterCondition(List.of(target));
                    if (random.nextBoolean()) {
                        value(I32, 1);
                        emit("i32.and");
                        pop(I32);
                    }
                } else {
                    value(I32, 1);
                }
                emit("br_if " + labelDepth(target));
                pop(I32);
            }
            case 1 -> {
                int target = nonLoopFrame();
                operands(frames.get(target).labelTypes(), 0, 1);
                emit("br " + labelDepth(target));
                becomeUnreachable();
            }
            case 2 -> branchTable();
            default -> {
                operands(signature.results(), 0, 1);
                emit("return");
                becomeUnreachable();
            }
        }
    }

    /** A br_table whose default leaves a block; its other targets are any labels of the same types, loops too. */
    private void branchTable() {
        int fallback = nonLoopFrame();
        List<NumType> types = frames.get(fallback).labelTypes();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).labelTypes().equals(types)) {
                candidates.add(i);
            }
        }
        List<Integer> targets = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            targets.add(candidates.get(random.nextInt(candidates.size())));
        }
        List<Integer> loops = new ArrayList<>();
        for (int t : targets) {
            if (frames.get(t).kind == Kind.LOOP) {
                loops.add(t);
            }
        }
        operands(types, 0, 1);
        if (!loops.isEmpty()) {
            // Index -1 takes the default: the counters must allow a branch back to every loop the index may pick.
            value(I32, 1);
            emit("i32.const -1");
            push(I32);
            counterCondition(loops);
            select(I32);
        } else if (random.nextBoolean()) {
            emit("i32.const " + random.nextInt(targets.size() + 2));
            push(I32);
        } else {
            value(I32, 1);
        }
        StringBuilder instruction = new StringBuilder("br_table");
        for (int t : targets) {
            instruction.append(' ').append(labelDepth(t));
        }
        emit(instruction.append(' ').append(labelDepth(fallback)).toString());
        pop(I32);
        becomeUnreachable();
    }

    /** Pushes whether the counters of all the given loops are positive. */
    private void counterCondition(List<Integer> loops) {
        for (int i = 0; i < loops.size(); i++) {
            emit("local.get " + frames.get(loops.get(i)).counter);
            emit("i32.const 0");
            emit("i32.gt_s");
            if (i > 0) {
                emit("i32.and");
            }
        }
        push(I32);
    }

    private int nonLoopFrame() {
        int target;
        do {
            target = random.nextInt(frames.size());
        } while (frames.get(target).kind == Kind.LOOP);
        return target;
    }

    /** After a branch out: the stack is gone; sometimes dead code follows, which must still validate. */
    private void becomeUnreachable() {
        Frame f = frame();
        f.unreachable = true;
        f.stack.clear();
        if (random.nextInt(4) == 0) {
            NumType t = module.type();
            value(t, 1);
            emit("drop");
            pop(t);
        }
        f.stack.clear();
    }

    /**
     * Turns the values above {@code mark} into values of {@code types}: the top two are combined, or the top one is
     * dropped or written to a local, a global or memory, until the values left fit; then the top one is converted and
     * the missing ones pushed.
     */
    private void reduceTo(int mark, List<NumType> types, int depth) {
        while (height() > mark) {
            int m = height() - mark;
            if (m <= types.size() && stack().subList(mark, height() - 1).equals(types.subList(0, m - 1))) {
                break;
            }
            if (m >= 2 && random.nextInt(4) != 0) {
                combine();
            } else {
                sink(depth);
            }
        }
        int m = height() - mark;
        if (m > 0) {
            convert(top(0), types.get(m - 1));
        }
        for (int i = m; i < types.size(); i++) {
            value(types.get(i), depth);
        }
    }

    /** Combines the top two values into one, of the type of the lower one or a comparison's i32. */
    private void combine() {
        NumType below = top(1);
        convert(top(0), below);
        if (random.nextInt(5) == 0) {
            compare(below);
        } else {
            binary(below);
        }
    }

    /** Consumes the value on top: dropped, or written to a local, a global or memory. */
    private void sink(int depth) {
        NumType t = top(0);
        int global = writableGlobal(t);
        // Mostly where the value stays visible: a global or memory, which the test compares after each call.
        switch (pick(random, 1, 2, global >= 0 ? 3 : 0, 3)) {
            case 0 -> emit("drop");
            case 1 -> emit("local.set " + writableLocal(t));
            case 2 -> emit("global.set " + StackShapeGenerator.globalName(global));
            default -> {
                sinkToMemory(t, depth);
                return;
            }
        }
        pop(t);
    }

    /** Stores the value on top, through a local, at an address pushed after it. */
    private void sinkToMemory(NumType type, int depth) {
        int local = writableLocal(type);
        emit("local.set " + local);
        pop(type);
        address(depth);
        emit("local.get " + local);
        push(type);
        store(type);
    }

    private String any(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}

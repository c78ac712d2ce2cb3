package dev.enoki.wasm.interop;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.ArityException;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.InvalidArrayIndexException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.nodes.Node;
import dev.enoki.wasm.errors.Trap;
import dev.enoki.wasm.module.FuncType;
import dev.enoki.wasm.module.ValueType;
import dev.enoki.wasm.runtime.WasmFunction;
import dev.enoki.wasm.runtime.WasmNull;

/**
 * Conversions between polyglot values and Wasm values (boxed as Integer, Long, Float, Double, or a reference).
 * Numbers are accepted from any interop number that fits the Wasm type without loss; the host's null is the null
 * reference.
 */
public final class ValueConversion {
    private ValueConversion() {
    }

    /** The Wasm value of {@code type} for a host value; UnsupportedMessageException when it does not fit. */
    @TruffleBoundary
    public static Object fromHost(ValueType type, Object value) throws UnsupportedMessageException {
        InteropLibrary interop = InteropLibrary.getUncached(value);
        switch (type) {
            case I32:
                if (interop.fitsInInt(value)) {
                    return interop.asInt(value);
                }
                break;
            case I64:
                if (interop.fitsInLong(value)) {
                    return interop.asLong(value);
                }
                break;
            case F32:
                if (value instanceof Float) {
                    return value;
                }
                if (interop.fitsInFloat(value)) {
                    return interop.asFloat(value);
                }
                break;
            case F64:
                if (value instanceof Double) {
                    return value;
                }
                if (interop.fitsInDouble(value)) {
                    return interop.asDouble(value);
                }
                break;
            case FUNCREF:
                if (value instanceof WasmFunction || value == WasmNull.INSTANCE) {
                    return value;
                }
                if (interop.isNull(value)) {
                    return WasmNull.INSTANCE;
                }
                break;
            case EXTERNREF:
                return interop.isNull(value) ? WasmNull.INSTANCE : value;
            default:
                break;
        }
        throw UnsupportedMessageException.create();
    }

    @TruffleBoundary
    public static Object[] argumentsFromHost(FuncType type, Object[] arguments) throws ArityException, UnsupportedTypeException {
        if (arguments.length != type.paramCount()) {
            throw ArityException.create(type.paramCount(), type.paramCount(), arguments.length);
        }
        // Slot 0 is for the callee's instance (see FunctionFrame).
        Object[] values = new Object[arguments.length + 1];
        for (int i = 0; i < arguments.length; i++) {
            try {
                values[i + 1] = fromHost(type.param(i), arguments[i]);
            } catch (UnsupportedMessageException e) {
                throw UnsupportedTypeException.create(arguments, "argument " + i + " must be " + describe(type.param(i)) + ", got " + display(arguments[i]));
            }
        }
        return values;
    }

    private static String describe(ValueType type) {
        return switch (type) {
            case I32 -> "an i32 (a number that fits a 32-bit int)";
            case I64 -> "an i64 (a number that fits a 64-bit long)";
            case F32 -> "an f32 (a number that fits a float)";
            case F64 -> "an f64 (a number that fits a double)";
            case FUNCREF -> "a funcref (a Wasm function or null)";
            default -> type.text;
        };
    }

    private static String display(Object value) {
        return String.valueOf(InteropLibrary.getUncached().toDisplayString(value));
    }

    /** What the host receives from a call: the value, an array of values, or null when there is no result. */
    public static Object resultToHost(FuncType type, Object result) {
        if (type.resultCount() > 1) {
            return new ValueArray((Object[]) result);
        }
        return result;
    }

    /** Converts what a host function returned into the Wasm result(s) of {@code type}. */
    @TruffleBoundary
    public static Object resultFromHost(FuncType type, Object result, Node location) {
        try {
            if (type.resultCount() == 0) {
                return WasmNull.INSTANCE;
            }
            if (type.resultCount() == 1) {
                return fromHost(type.result(0), result);
            }
            InteropLibrary interop = InteropLibrary.getUncached(result);
            if (!interop.hasArrayElements(result) || interop.getArraySize(result) != type.resultCount()) {
                throw Trap.create("host function must return an array of " + type.resultCount() + " values", location);
            }
            Object[] values = new Object[type.resultCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = fromHost(type.result(i), interop.readArrayElement(result, i));
            }
            return values;
        } catch (UnsupportedMessageException | InvalidArrayIndexException e) {
            throw Trap.create("host function returned " + display(result) + ", which does not fit the result type " + type, location);
        }
    }
}

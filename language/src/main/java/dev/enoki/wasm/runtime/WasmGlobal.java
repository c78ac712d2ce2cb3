package dev.enoki.wasm.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.TruffleObject;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import dev.enoki.wasm.interop.ValueArray;
import dev.enoki.wasm.interop.ValueConversion;
import dev.enoki.wasm.module.GlobalType;
import dev.enoki.wasm.module.ValueType;

/**
 * A global variable. Numbers are kept as raw bits in one long (floats by their bit pattern, so NaN payloads
 * survive); references in a separate field. Imported globals are the exporter's object itself. The host reads
 * (and, when mutable, writes) the member {@code value}.
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmGlobal implements TruffleObject {
    private static final String VALUE = "value";

    private final GlobalType type;
    private long bits;
    private Object reference;

    public WasmGlobal(GlobalType type) {
        this.type = type;
        this.reference = WasmNull.INSTANCE;
    }

    public GlobalType type() {
        return type;
    }

    public ValueType valueType() {
        return type.type();
    }

    public int getI32() {
        return (int) bits;
    }

    public long getI64() {
        return bits;
    }

    public float getF32() {
        return Float.intBitsToFloat((int) bits);
    }

    public double getF64() {
        return Double.longBitsToDouble(bits);
    }

    public Object getReference() {
        return reference;
    }

    public void setI32(int value) {
        bits = value;
    }

    public void setI64(long value) {
        bits = value;
    }

    public void setF32(float value) {
        bits = Float.floatToRawIntBits(value);
    }

    public void setF64(double value) {
        bits = Double.doubleToRawLongBits(value);
    }

    public void setReference(Object value) {
        reference = value;
    }

    /** The value boxed the way calls pass values: Integer, Long, Float, Double or a reference. */
    public Object getBoxed() {
        return switch (type.type()) {
            case I32 -> getI32();
            case I64 -> getI64();
            case F32 -> getF32();
            case F64 -> getF64();
            default -> reference;
        };
    }

    public void setBoxed(Object value) {
        switch (type.type()) {
            case I32 -> setI32((Integer) value);
            case I64 -> setI64((Long) value);
            case F32 -> setF32((Float) value);
            case F64 -> setF64((Double) value);
            default -> setReference(value);
        }
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return new ValueArray(new Object[]{VALUE});
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return VALUE.equals(member);
    }

    @ExportMessage
    boolean isMemberModifiable(String member) {
        return VALUE.equals(member) && type.mutable();
    }

    @ExportMessage
    boolean isMemberInsertable(@SuppressWarnings("unused") String member) {
        return false;
    }

    @ExportMessage
    Object readMember(String member) throws UnknownIdentifierException {
        if (!VALUE.equals(member)) {
            throw UnknownIdentifierException.create(member);
        }
        return getBoxed();
    }

    @ExportMessage
    @TruffleBoundary
    void writeMember(String member, Object value) throws UnknownIdentifierException, UnsupportedMessageException, UnsupportedTypeException {
        if (!VALUE.equals(member)) {
            throw UnknownIdentifierException.create(member);
        }
        if (!type.mutable()) {
            // The host sees UnsupportedOperationException; a cause would have to be a guest (Truffle) exception.
            throw UnsupportedMessageException.create();
        }
        try {
            setBoxed(ValueConversion.fromHost(type.type(), value));
        } catch (UnsupportedMessageException e) {
            throw UnsupportedTypeException.create(new Object[]{value}, "a global of type " + type.type() + " cannot hold this value");
        }
    }

    @ExportMessage
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return toString();
    }

    @Override
    public String toString() {
        return "wasm-global[" + (type.mutable() ? "mut " : "") + type.type() + "]";
    }
}

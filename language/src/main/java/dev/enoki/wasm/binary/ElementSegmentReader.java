package dev.enoki.wasm.binary;

import static dev.enoki.wasm.binary.ByteReader.malformed;

import dev.enoki.wasm.module.ConstantExpression;
import dev.enoki.wasm.module.ElementSegment;
import dev.enoki.wasm.module.Instruction;
import dev.enoki.wasm.module.Opcode;
import dev.enoki.wasm.module.SegmentMode;
import dev.enoki.wasm.module.ValueType;

import java.util.List;
import java.util.function.Function;

/**
 * Decodes element segments. A u32 flag word selects one of eight encodings; its bits mean:
 * <ul>
 * <li>bit 0: not active (passive, or declarative if bit 1 is also set);</li>
 * <li>bit 1: for active segments, an explicit table index; any segment other than flags 0 and 4 then states its
 * element type;</li>
 * <li>bit 2: the elements are constant expressions rather than function indices.</li>
 * </ul>
 * Function indices are turned into {@code ref.func} expressions so that all segments look alike afterwards. Passive
 * and declarative segments have table index 0 and a null offset.
 */
final class ElementSegmentReader {
    private static final int NOT_ACTIVE = 1;
    private static final int TABLE_OR_DECLARATIVE = 2;
    private static final int EXPRESSIONS = 4;
    /** The only element kind of Wasm 2.0: {@code funcref}, for segments of function indices. */
    private static final int ELEMENT_KIND_FUNCREF = 0x00;

    private ElementSegmentReader() {
    }

    static ElementSegment read(ByteReader in) {
        int flagsOffset = in.position();
        long flags = in.readU32();
        if (flags > 7) {
            throw malformed("malformed elements segment kind", flagsOffset);
        }
        boolean active = (flags & NOT_ACTIVE) == 0;
        boolean bit1 = (flags & TABLE_OR_DECLARATIVE) != 0;
        boolean expressions = (flags & EXPRESSIONS) != 0;

        SegmentMode mode = active ? SegmentMode.ACTIVE : bit1 ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
        int table = active && bit1 ? in.readIndex() : 0;
        ConstantExpression offset = active ? ConstantExpressionReader.read(in) : null;
        ValueType type = ValueType.FUNCREF;
        if (!active || bit1) {
            type = expressions ? TypeReader.readReferenceType(in) : readElementKind(in);
        }
        Function<ByteReader, ConstantExpression> item = expressions ? ConstantExpressionReader::read : ElementSegmentReader::readFunctionIndex;
        List<ConstantExpression> items = Vectors.read(in, item);
        return new ElementSegment(type, mode, table, offset, items);
    }

    private static ValueType readElementKind(ByteReader in) {
        int offset = in.position();
        if (in.readByte() != ELEMENT_KIND_FUNCREF) {
            throw malformed("malformed element kind", offset);
        }
        return ValueType.FUNCREF;
    }

    private static ConstantExpression readFunctionIndex(ByteReader in) {
        int offset = in.position();
        Instruction refFunc = new Instruction(Opcode.REF_FUNC, in.readU32(), offset);
        return new ConstantExpression(List.of(refFunc), offset);
    }
}

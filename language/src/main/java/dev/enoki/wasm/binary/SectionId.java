package dev.enoki.wasm.binary;

/**
 * The section ids of the binary format, declared in the order the spec prescribes for non-custom sections. That order
 * is not the id order: the data count section (id 12) comes between the element and code sections, so that code can
 * be validated against the number of data segments before the data section is read.
 */
enum SectionId {
    CUSTOM(0),
    TYPE(1),
    IMPORT(2),
    FUNCTION(3),
    TABLE(4),
    MEMORY(5),
    GLOBAL(6),
    EXPORT(7),
    START(8),
    ELEMENT(9),
    DATA_COUNT(12),
    CODE(10),
    DATA(11);

    private static final SectionId[] BY_ID = new SectionId[13];
    static {
        for (SectionId s : values()) {
            BY_ID[s.id] = s;
        }
    }

    final int id;

    SectionId(int id) {
        this.id = id;
    }

    /** The section with binary id {@code id}, or null if the byte is no section id. */
    static SectionId fromId(int id) {
        return id < BY_ID.length ? BY_ID[id] : null;
    }

    /** True if a section of this kind may follow one of kind {@code previous}: strictly later in the spec order. */
    boolean mayFollow(SectionId previous) {
        return ordinal() > previous.ordinal();
    }
}

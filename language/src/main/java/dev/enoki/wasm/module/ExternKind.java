package dev.enoki.wasm.module;

/** The four kinds of importable/exportable entities, with their binary codes. */
public enum ExternKind {
    FUNCTION("function"),
    TABLE("table"),
    MEMORY("memory"),
    GLOBAL("global");

    public final String text;

    ExternKind(String text) {
        this.text = text;
    }

    /** The kind with binary code {@code code}, or null. */
    public static ExternKind fromCode(int code) {
        return code >= 0 && code < 4 ? values()[code] : null;
    }
}

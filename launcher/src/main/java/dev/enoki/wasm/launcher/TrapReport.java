package dev.enoki.wasm.launcher;

import org.graalvm.polyglot.PolyglotException;

/** The message for an uncaught trap: what trapped, then the Wasm functions on the stack, innermost first. */
final class TrapReport {
    private TrapReport() {
    }

    static String describe(PolyglotException e, String moduleName) {
        StringBuilder report = new StringBuilder("wasm trap: ").append(e.getMessage());
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            if (frame.isGuestFrame() && ProgramRunner.LANGUAGE.equals(frame.getLanguage().getId())) {
                report.append(System.lineSeparator()).append("    at ").append(frame.getRootName()).append(" (").append(moduleName).append(')');
            }
        }
        return report.toString();
    }
}

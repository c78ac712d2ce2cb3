package dev.enoki.wasm.spec;

/**
 * The result of one script command. {@code messageMismatch} is informational: the command passed on the
 * kind of error, but the engine's message does not contain the script's expected text.
 */
record Outcome(Status status, int line, String command, String detail, boolean messageMismatch) {

    enum Status {
        PASSED, FAILED, SKIPPED
    }

    static Outcome passed(int line, String command) {
        return new Outcome(Status.PASSED, line, command, null, false);
    }

    static Outcome passedWithOtherMessage(int line, String command, String detail) {
        return new Outcome(Status.PASSED, line, command, detail, true);
    }

    static Outcome failed(int line, String command, String detail) {
        return new Outcome(Status.FAILED, line, command, detail, false);
    }

    static Outcome skipped(int line, String command, String reason) {
        return new Outcome(Status.SKIPPED, line, command, reason, false);
    }

    @Override
    public String toString() {
        return "line " + line + ": " + command + (detail == null ? "" : "\n        " + detail);
    }
}

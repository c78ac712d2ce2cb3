package dev.enoki.wasm.wasi;

/** What a program run left behind: its standard output and error, and its exit status. */
record ProgramResult(String stdout, String stderr, int exitStatus) {
    /** The output with the status as a last line, the form the expected-output files hold. */
    String transcript() {
        return stdout + "[exit " + exitStatus + "]\n";
    }
}

package dev.enoki.wasm.launcher;

/** A failure the launcher explains to the user in one message, then exits with {@link #exitStatus()}. */
final class LauncherError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    LauncherError(String message) {
        this(message, 1);
    }

    LauncherError(String message, int exitStatus) {
        super(message, null, false, false);
        this.exitStatus = exitStatus;
    }

    int exitStatus() {
        return exitStatus;
    }
}

package dev.enoki.wasm;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Waiting for the external tools the tests run (wabt, clang, node), with one timeout and one way of failing. */
public final class ExternalProcess {
    private ExternalProcess() {
    }

    /** Waits for {@code process}; kills it and throws, naming {@code command}, after {@code timeoutSeconds} or on interrupt. */
    public static void await(Process process, List<String> command, long timeoutSeconds) throws IOException {
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + ": timed out after " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + ": interrupted", e);
        }
    }
}

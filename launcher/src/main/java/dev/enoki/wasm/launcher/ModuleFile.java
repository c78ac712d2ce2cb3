package dev.enoki.wasm.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the module file named on the command line, telling the user plainly when it is not a Wasm binary. */
final class ModuleFile {
    private static final byte[] MAGIC = {0, 'a', 's', 'm'};
    private static final int CORE_VERSION = 1;

    private ModuleFile() {
    }

    static byte[] read(String file) {
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new LauncherError(file + " is a directory, not a WebAssembly module");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new LauncherError("cannot find " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new LauncherError("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new LauncherError("cannot read " + file + ": " + e.getMessage());
        }
        checkHeader(file, bytes);
        return bytes;
    }

    private static void checkHeader(String file, byte[] bytes) {
        if (!startsWithMagic(bytes)) {
            if (looksLikeText(bytes)) {
                throw new LauncherError(file + " is WebAssembly text (.wat), not a binary module: convert it first, e.g. with wat2wasm");
            }
            throw new LauncherError(file + " is not a WebAssembly module: a .wasm file starts with the bytes \\0asm");
        }
        if (bytes.length < 8) {
            throw new LauncherError(file + " is not a WebAssembly module: it ends inside its 8-byte header");
        }
        int version = (bytes[4] & 0xFF) | (bytes[5] & 0xFF) << 8 | (bytes[6] & 0xFF) << 16 | (bytes[7] & 0xFF) << 24;
        if (version != CORE_VERSION) {
            // Components (the component model) share the magic and use version 0x0d with layer 1.
            String what = bytes[6] == 1 ? "a WebAssembly component" : "a WebAssembly binary of version " + version;
            throw new LauncherError(file + " is " + what + "; this launcher runs core modules (version 1)");
        }
    }

    private static boolean startsWithMagic(byte[] bytes) {
        if (bytes.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikeText(byte[] bytes) {
        String start = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8).stripLeading();
        while (start.startsWith(";;") || start.startsWith("(;")) {
            int end = start.startsWith(";;") ? start.indexOf('\n') : start.indexOf(";)");
            if (end < 0) {
                return false;
            }
            start = start.substring(end + (start.startsWith(";;") ? 1 : 2)).stripLeading();
        }
        return start.startsWith("(module") || start.startsWith("(component");
    }
}

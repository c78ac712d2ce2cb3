package dev.enoki.wasm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.enoki.wasm.launcher.ModuleInterface.ExternKind;
import dev.enoki.wasm.launcher.ModuleInterface.Import;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleInterfaceTest {

    @Test
    void readsTheSignaturesOfExportedFunctions() throws IOException {
        ModuleInterface module = ModuleInterface.read(Files.readAllBytes(TestModules.wat("add")));
        assertEquals(List.of("add", "mix", "none"), module.exportedFunctionNames());
        assertEquals("(i32, i32) -> (i32)", module.exportedFunction("add").toString());
        assertEquals("(i64, f32, f64) -> (i64, f32, f64)", module.exportedFunction("mix").toString());
        assertEquals("() -> ()", module.exportedFunction("none").toString());
        assertNull(module.exportedFunction("memory"));
    }

    @Test
    void countsImportedFunctionsInTheFunctionIndexSpace() throws IOException {
        ModuleInterface module = ModuleInterface.read(Files.readAllBytes(TestModules.wat("counts")));
        assertEquals(List.of(new Import("wasi_snapshot_preview1", "args_sizes_get", ExternKind.FUNCTION),
                        new Import("wasi_snapshot_preview1", "environ_sizes_get", ExternKind.FUNCTION),
                        new Import("wasi_snapshot_preview1", "proc_exit", ExternKind.FUNCTION)), module.imports());
        assertEquals("() -> ()", module.exportedFunction("_start").toString());
    }
}

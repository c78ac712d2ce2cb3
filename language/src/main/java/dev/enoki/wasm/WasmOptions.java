package dev.enoki.wasm;

import com.oracle.truffle.api.Option;
import org.graalvm.options.OptionCategory;
import org.graalvm.options.OptionKey;
import org.graalvm.options.OptionStability;

/** Context options; the names match GraalWasm's so embedder code keeps working. */
@Option.Group(WasmLanguage.ID)
public final class WasmOptions {
    private WasmOptions() {
    }

    @Option(help = "Predefined modules to provide to instances, comma separated: wasi_snapshot_preview1.", category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "wasi_snapshot_preview1")
    public static final OptionKey<String> Builtins = new OptionKey<>("");

    @Option(help = "Directories a WASI program may access, comma separated, each GUEST::HOST (or one path for both).", category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "<guest>::<host>,...")
    public static final OptionKey<String> WasiMapDirs = new OptionKey<>("");

    @Option(help = "The most bytes of linear memory all memories of a context may hold together (0: no limit).", category = OptionCategory.USER, stability = OptionStability.STABLE, usageSyntax = "<bytes>")
    public static final OptionKey<Long> MemoryLimit = new OptionKey<>(0L);
}

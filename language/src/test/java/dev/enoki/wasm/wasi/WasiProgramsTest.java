package dev.enoki.wasm.wasi;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The WASI test programs (src/test/resources/wasi/*.c): each is built with clang for wasm32-wasi, run in Enoki in a
 * fresh {@link WasiFixture}, and its output and exit status compared with {@code <name>.expected}. The same program is
 * run under node's WASI (uvwasi) in its own fresh fixture, and node must print the same, except on the lines listed
 * in {@link #NODE_DEVIATIONS}, where node is known to differ from the spec (or from POSIX where the spec is silent).
 *
 * <p>Set {@code -Denoki.wasi.record=<dir>} to have the actual transcripts written there, to review a changed program.
 */
class WasiProgramsTest {
    static final List<String> ARGS = List.of("prog.wasm", "alpha", "beta gamma");
    static final Map<String, String> ENV = new LinkedHashMap<>();
    static final byte[] STDIN = "first line\nsecond line\n".getBytes(StandardCharsets.UTF_8);

    static {
        ENV.put("WASI_TEST", "yes");
        ENV.put("EMPTY", "");
        ENV.put("UNICODE", "\u00e9t\u00e9");
    }

    /**
     * Lines (by program and label) where node 20's WASI (uvwasi) answers differently from Enoki, with the reason
     * Enoki's answer is the right one. The expected files hold Enoki's answers; on these lines node's output is not
     * compared. Most are sandbox escapes or symlink handling in uvwasi, which resolves paths as strings and lets the
     * host follow links.
     */
    static final Map<String, String> NODE_DEVIATIONS = new LinkedHashMap<>();

    /** Labels of checks that pass a pointer outside memory: the spec's errno is EFAULT, node answers EOVERFLOW. */
    static final Pattern BAD_POINTER = Pattern.compile(".*bad .*(pointer|buffer|iovec array)");

    static {
        String escape = "node lets the host follow a symbolic link out of the sandbox";
        NODE_DEVIATIONS.put("clocks_poll/poll relative clock waited 20 ms", "node's poll_oneoff can return before a 20 ms relative timeout has passed on the monotonic clock (seen in a clean-clone CI run)");
        NODE_DEVIATIONS.put("clocks_poll/bad fd event 0", "the spec reports a closed descriptor as an event with EBADF; node ignores it and waits for the clock");
        NODE_DEVIATIONS.put("fd_io/times", "node truncates timestamps to whole seconds; the spec's are nanoseconds");
        NODE_DEVIATIONS.put("fd_io/times after mtim only", "node truncates timestamps to whole seconds");
        NODE_DEVIATIONS.put("fd_io/fdstat", "node reports the host's open(2) flags (O_RDWR|O_APPEND|O_LARGEFILE) instead of WASI fdflags");
        NODE_DEVIATIONS.put("fd_io/fdstat flags from open", "node reports the host's open(2) flags instead of WASI fdflags");
        NODE_DEVIATIONS.put("fd_io/fd_prestat_dir_name short buffer", "the spec names no errno; Enoki answers ENAMETOOLONG like wasmtime, node ENOBUFS");
        NODE_DEVIATIONS.put("fd_io/fd_prestat_get stdin", "EBADF for a descriptor that is not a pre-open, as wasmtime and wasi-libc's pre-open scan expect; node EINVAL");
        NODE_DEVIATIONS.put("fd_io/fd_prestat_get opened directory", "EBADF for a descriptor that is not a pre-open; node EINVAL");
        NODE_DEVIATIONS.put("fd_io/stdout fdstat", "node shows the host's descriptor (a pipe: socket_stream); Enoki's stdout is the context's stream, a character device");
        NODE_DEVIATIONS.put("fd_io/poll regular file readable", "a regular file is always ready; node fails (epoll cannot watch files)");
        NODE_DEVIATIONS.put("fd_io/file readable", "node fails to poll a regular file and returns garbage events");
        NODE_DEVIATIONS.put("paths/open empty path", "POSIX and wasmtime answer ENOENT for an empty path; node EINVAL");
        NODE_DEVIATIONS.put("paths/open escape through missing", "the walk fails at the missing component first (ENOENT, as POSIX); node normalizes the string first");
        NODE_DEVIATIONS.put("paths/open link not followed", "without lookupflags.symlink_follow a final link is not followed (O_NOFOLLOW: ELOOP); node follows it");
        NODE_DEVIATIONS.put("paths/open link escaping not followed", escape);
        NODE_DEVIATIONS.put("paths/open through directory link escaping", escape);
        NODE_DEVIATIONS.put("paths/open through link up twice", escape);
        NODE_DEVIATIONS.put("paths/open through link up from limited directory", "a path may not leave the directory descriptor it is resolved from; node checks only the pre-open");
        NODE_DEVIATIONS.put("paths/readdir sub dot entries", "fd_readdir lists . and .. like readdir(3) and wasmtime; node (libuv) drops them");
        NODE_DEVIATIONS.put("paths/readdir inode matches stat", "node reports d_ino 0");
        NODE_DEVIATIONS.put("paths/symlink escaping text", "a link's text is data (POSIX); Enoki stores it and refuses to follow it out, node refuses to create it");
        NODE_DEVIATIONS.put("paths/open new escaping link", "node did not create the link (see symlink escaping text)");
        NODE_DEVIATIONS.put("paths/readlink short buffer", "readlink truncates to the buffer (POSIX, wasmtime); node fails with ENOBUFS and reports the full length");
        NODE_DEVIATIONS.put("paths/readlink short", "node reports the full length for a short buffer");
        NODE_DEVIATIONS.put("paths/readlink through escaping link", "the intermediate link leads out: ENOTCAPABLE; node answers ENOENT");
        NODE_DEVIATIONS.put("paths/unlink through escaping link", escape + " (it deletes the file outside)");
    }

    private static Path work;
    private static Path sources;

    @BeforeAll
    static void setUp() throws IOException, URISyntaxException {
        Toolchain.requireClang();
        work = Files.createTempDirectory("enoki-wasi-test");
        sources = Path.of(WasiProgramsTest.class.getResource("/wasi/wasi_test.h").toURI()).getParent();
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> programs() throws IOException {
        List<Path> programs;
        try (Stream<Path> files = Files.list(sources)) {
            programs = files.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
        return programs.stream().flatMap(source -> {
            String name = source.getFileName().toString().replace(".c", "");
            return Stream.of(DynamicTest.dynamicTest(name + " (Enoki)", () -> runInEnoki(name)),
                            DynamicTest.dynamicTest(name + " (node agrees)", () -> runInNode(name)));
        });
    }

    private static Path build(String name) throws IOException {
        Path wasm = work.resolve(name + ".wasm");
        if (!Files.exists(wasm)) {
            Toolchain.compileWasm(sources.resolve(name + ".c"), wasm, "-I" + sources);
        }
        return wasm;
    }

    private static String expected(String name) throws IOException {
        Path file = sources.resolve(name + ".expected");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(no " + name + ".expected)\n";
    }

    private static void record(String name, String suffix, ProgramResult result) throws IOException {
        String dir = System.getProperty("enoki.wasi.record");
        if (dir != null && !dir.isEmpty()) {
            Files.writeString(Path.of(dir).resolve(name + suffix), result.transcript());
        }
    }

    private static void runInEnoki(String name) throws IOException {
        Path wasm = build(name);
        WasiFixture fixture = WasiFixture.create(work);
        ProgramResult result = EnokiRunner.run(wasm, ARGS, ENV, STDIN, fixture.mapDirs());
        record(name, ".expected", result);
        assertEquals(expected(name), result.transcript(), name + " in Enoki; stderr: " + result.stderr());
    }

    private static void runInNode(String name) throws IOException {
        String source = Files.readString(sources.resolve(name + ".c"), StandardCharsets.UTF_8);
        int skip = source.indexOf("NODE-SKIP:");
        if (skip >= 0) {
            String reason = source.substring(skip + "NODE-SKIP:".length(), source.indexOf("*/", skip)).strip();
            Assumptions.abort("not run under node: " + reason);
        }
        Path node = Toolchain.find("node");
        if (node == null) {
            System.err.println("SKIPPED: node is not installed; WASI outputs are not compared with node's");
            Assumptions.abort("node is not installed");
        }
        Path wasm = build(name);
        WasiFixture fixture = WasiFixture.create(work);
        List<String> command = new ArrayList<>(List.of(node.toString(), "--no-warnings", sources.resolve("node-wasi-runner.cjs").toString(),
                        wasm.toString(), WasiFixture.GUEST, fixture.sandbox().toString()));
        command.addAll(ARGS);
        ProgramResult result = NodeRunner.run(command, ENV, STDIN, work);
        record(name, ".node", result);
        assertEquals(withoutDeviations(name, expected(name)), withoutDeviations(name, result.transcript()), name + " under node; stderr: " + result.stderr());
    }

    /** The transcript without the lines node is known to get wrong. */
    private static String withoutDeviations(String name, String transcript) {
        StringBuilder sb = new StringBuilder();
        for (String line : transcript.split("\n", -1)) {
            int colon = line.indexOf(':');
            String label = colon < 0 ? line : line.substring(0, colon);
            String reason = NODE_DEVIATIONS.get(name + "/" + label);
            if (reason == null && BAD_POINTER.matcher(label).matches()) {
                reason = "EFAULT for a pointer outside memory; node answers EOVERFLOW";
            }
            sb.append(reason == null ? line : label + ": (node differs: " + reason + ")").append('\n');
        }
        return sb.toString();
    }
}

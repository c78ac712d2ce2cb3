package dev.enoki.wasm.wasi;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.io.IOAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How WASI meets the embedder: options, policies, linking, exit, and the standard streams. */
class WasiModuleTest {
    /** Every function of wasi_snapshot_preview1, from the witx. */
    private static final Set<String> PREVIEW1 = Set.of("args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get",
                    "clock_time_get", "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
                    "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread", "fd_prestat_get",
                    "fd_prestat_dir_name", "fd_pwrite", "fd_read", "fd_readdir", "fd_renumber", "fd_seek", "fd_sync", "fd_tell", "fd_write",
                    "path_create_directory", "path_filestat_get", "path_filestat_set_times", "path_link", "path_open", "path_readlink",
                    "path_remove_directory", "path_rename", "path_symlink", "path_unlink_file", "poll_oneoff", "proc_exit", "proc_raise",
                    "sched_yield", "random_get", "sock_accept", "sock_recv", "sock_send", "sock_shutdown");

    private static Path work;
    private static Path sources;

    @BeforeAll
    static void setUp() throws IOException, URISyntaxException {
        work = Files.createTempDirectory("enoki-wasi-embedding");
        sources = Path.of(WasiModuleTest.class.getResource("/wasi/embedding/prompt.c").toURI()).getParent();
    }

    @AfterAll
    static void tearDown() throws IOException {
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Path build(String name) throws IOException {
        Path wasm = work.resolve(name + ".wasm");
        if (!Files.exists(wasm)) {
            Toolchain.compileWasm(sources.resolve(name + ".c"), wasm);
        }
        return wasm;
    }

    private static Context.Builder wasi() {
        return Context.newBuilder("wasm").option("wasm.Builtins", "wasi_snapshot_preview1");
    }

    @Test
    void providesEveryPreview1Function() {
        assertEquals(new TreeSet<>(PREVIEW1), new TreeSet<>(WasiModule.functionNames()));
    }

    /** A module importing {@code wasi_snapshot_preview1.name} as a function (i32) -> i32. */
    private static Source importing(String name) {
        byte[] module = "wasi_snapshot_preview1".getBytes(StandardCharsets.US_ASCII);
        byte[] field = name.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[]{0, 'a', 's', 'm', 1, 0, 0, 0});
        bytes.writeBytes(new byte[]{1, 6, 1, 0x60, 1, 0x7f, 1, 0x7f});
        bytes.writeBytes(new byte[]{2, (byte) (1 + 1 + module.length + 1 + field.length + 2), 1, (byte) module.length});
        bytes.writeBytes(module);
        bytes.write(field.length);
        bytes.writeBytes(field);
        bytes.writeBytes(new byte[]{0, 0});
        return Source.newBuilder("wasm", ByteSequence.create(bytes.toByteArray()), name + ".wasm").buildLiteral();
    }

    @Test
    void importWithTheWrongSignatureIsALinkError() {
        try (Context context = wasi().build()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval(importing("fd_write")).newInstance());
            assertTrue(e.getMessage().contains("incompatible import type"), e.getMessage());
            assertTrue(e.getMessage().contains("fd_write"), e.getMessage());
        }
    }

    @Test
    void importOfAnUnknownFunctionIsALinkError() {
        try (Context context = wasi().build()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval(importing("fd_frobnicate")).newInstance());
            assertTrue(e.getMessage().contains("unknown import"), e.getMessage());
        }
    }

    @Test
    void withoutTheBuiltinOptionWasiIsNotProvided() {
        try (Context context = Context.newBuilder("wasm").build()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval(importing("proc_raise")).newInstance());
            assertTrue(e.getMessage().contains("unknown import"), e.getMessage());
        }
    }

    @Test
    void procExitIsAnExitOfTheContext() throws IOException, URISyntaxException {
        Path wasm = work.resolve("exit_code.wasm");
        Path source = Path.of(WasiModuleTest.class.getResource("/wasi/exit_code.c").toURI());
        Toolchain.compileWasm(source, wasm, "-I" + source.getParent());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context context = wasi().out(out).build()) {
            Source program = Source.newBuilder("wasm", ByteSequence.create(Files.readAllBytes(wasm)), "exit_code.wasm").build();
            PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval(program).newInstance().getMember("exports").getMember("_start").execute());
            assertTrue(e.isExit());
            assertEquals(42, e.getExitStatus());
            // A soft exit: the context still runs code.
            PolyglotException again = assertThrows(PolyglotException.class, () -> context.eval(program).newInstance().getMember("exports").getMember("_start").execute());
            assertEquals(42, again.getExitStatus());
        }
        assertEquals("before exit\nbefore exit\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutIoAccessFilesFailWithAnErrno() throws IOException {
        WasiFixture fixture = WasiFixture.create(work);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context context = wasi().option("wasm.WasiMapDirs", fixture.mapDirs()).allowIO(IOAccess.NONE).out(out).build()) {
            assertEquals(0, EnokiRunner.start(context, build("open_file")));
        }
        assertEquals("""
                        preopen found: yes
                        open: EACCES
                        create: EACCES
                        stat: EACCES
                        mkdir: EACCES
                        readdir: EACCES
                        """, out.toString(StandardCharsets.UTF_8));
        assertTrue(!Files.exists(fixture.sandbox().resolve("new.txt")) && !Files.exists(fixture.sandbox().resolve("made")));
    }

    @Test
    void withIoAccessTheSameProgramWorks() throws IOException {
        WasiFixture fixture = WasiFixture.create(work);
        ProgramResult result = EnokiRunner.run(build("open_file"), List.of("open_file"), Map.of(), new byte[0], fixture.mapDirs());
        assertEquals("""
                        preopen found: yes
                        open: SUCCESS
                        create: SUCCESS
                        stat: SUCCESS
                        mkdir: SUCCESS
                        readdir: SUCCESS
                        [exit 0]
                        """, result.transcript());
        assertTrue(Files.exists(fixture.sandbox().resolve("new.txt")) && Files.isDirectory(fixture.sandbox().resolve("made")));
    }

    @Test
    void aPlainMapDirEntryIsBothGuestAndHostPath() throws IOException {
        WasiFixture fixture = WasiFixture.create(work);
        Path wasm = build("open_file");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The program looks for "/sandbox"; mapped by its host path alone, the pre-open is named after the host path.
        try (Context context = wasi().option("wasm.WasiMapDirs", fixture.sandbox().toString()).allowIO(IOAccess.ALL).out(out).build()) {
            EnokiRunner.start(context, wasm);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("preopen found: no\n"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void outputIsFlushedBeforeTheProgramReads() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder seenAtFirstRead = new StringBuilder();
        InputStream in = new InputStream() {
            private final InputStream data = new java.io.ByteArrayInputStream("Ada\n".getBytes(StandardCharsets.UTF_8));

            @Override
            public int read() throws IOException {
                return data.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (seenAtFirstRead.isEmpty()) {
                    seenAtFirstRead.append(out.toString(StandardCharsets.UTF_8)).append('|');
                }
                return data.read(b, off, len);
            }
        };
        try (Context context = wasi().in(in).out(out).build()) {
            EnokiRunner.start(context, build("prompt"));
        }
        assertEquals("name? |", seenAtFirstRead.toString());
        assertEquals("name? hello Ada\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void pollWithoutAClockWaitsForInput() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(feed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(200);
                feed.write("late\n".getBytes(StandardCharsets.UTF_8));
                feed.close();
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        try (Context context = wasi().in(in).out(out).build()) {
            EnokiRunner.start(context, build("poll_stdin"));
        }
        writer.join();
        assertEquals("""
                        poll: SUCCESS
                        events 1 userdata 5 type 1 error SUCCESS bytes positive yes
                        read: SUCCESS
                        read: late
                        poll at end of input: SUCCESS
                        hangup: yes
                        """, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void argumentsAndEnvironmentComeFromTheContext() throws IOException {
        Path wasm = build("environ_count");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // The default environment policy gives a program no variables of the host.
        try (Context context = wasi().arguments("wasm", new String[]{"prog.wasm", "x"}).out(out).build()) {
            EnokiRunner.start(context, wasm);
        }
        assertEquals("argv[0]: prog.wasm\nargv[1]: x\nenviron_sizes_get: SUCCESS\nenvironment variables: 0\n", out.toString(StandardCharsets.UTF_8));
        out.reset();
        try (Context context = wasi().environment("A", "1").environment("B", "2").out(out).build()) {
            EnokiRunner.start(context, wasm);
        }
        assertEquals("environ_sizes_get: SUCCESS\nenvironment variables: 2\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void contextsOfOneEngineShareCodeButNotState() throws IOException {
        Path wasm = build("environ_count");
        Source program = Source.newBuilder("wasm", ByteSequence.create(Files.readAllBytes(wasm)), "environ_count.wasm").build();
        try (Engine engine = Engine.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false").build()) {
            for (String argument : List.of("first", "second")) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (Context context = wasi().engine(engine).arguments("wasm", new String[]{argument}).out(out).build()) {
                    context.eval(program).newInstance().getMember("exports").getMember("_start").execute();
                    context.eval(program).newInstance().getMember("exports").getMember("_start").execute();
                }
                String once = "argv[0]: " + argument + "\nenviron_sizes_get: SUCCESS\nenvironment variables: 0\n";
                assertEquals(once + once, out.toString(StandardCharsets.UTF_8));
            }
        }
    }
}

package dev.enoki.wasm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    private final List<String> unrecognized = new ArrayList<>();

    private CommandLine parse(String... args) {
        return CommandLine.parse(List.of(args), unrecognized, name -> name.equals("HOME") ? "/home/someone" : null);
    }

    @Test
    void theFirstArgumentThatIsNoOptionIsTheFileAndTheRestAreTheProgramsArguments() {
        CommandLine line = parse("--engine.TraceCompilation", "prog.wasm", "--dir=x", "-v", "arg");
        assertEquals("prog.wasm", line.file());
        assertEquals(List.of("--dir=x", "-v", "arg"), line.programArguments());
        assertEquals(List.of("--engine.TraceCompilation"), unrecognized);
        assertTrue(line.guestDirectories().isEmpty());
        assertNull(line.invoke());
    }

    @Test
    void doubleDashEndsTheOptions() {
        CommandLine line = parse("--", "--odd-name.wasm", "a");
        assertEquals("--odd-name.wasm", line.file());
        assertEquals(List.of("a"), line.programArguments());
    }

    @Test
    void optionsTakeTheirValueAfterAnEqualsSignOrAsTheNextArgument() {
        CommandLine line = parse("--invoke", "add", "--env", "A=1", "--env=B=x=y", "m.wasm");
        assertEquals("add", line.invoke());
        assertEquals(Map.of("A", "1", "B", "x=y"), line.environment());
        assertEquals("m.wasm", line.file());
    }

    @Test
    void envWithoutAValuePassesTheHostsVariableIfSet() {
        CommandLine line = parse("--env=HOME", "--env=UNSET", "m.wasm");
        assertEquals(Map.of("HOME", "/home/someone"), line.environment());
    }

    @Test
    void dirMapsAHostDirectoryToAGuestPath(@org.junit.jupiter.api.io.TempDir Path host) {
        CommandLine line = parse("--dir=" + host + "::/sandbox", "--dir=" + host, "m.wasm");
        assertEquals(List.of("/sandbox::" + host.toAbsolutePath(), host + "::" + host.toAbsolutePath()), line.guestDirectories());
    }

    @Test
    void dirRejectsAMissingDirectory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--dir=/no/such/dir::/x", "m.wasm"));
        assertTrue(e.getMessage().contains("no such directory"), e.getMessage());
    }

    @Test
    void malformedValuesAreRejectedWithTheirUsage() {
        assertThrows(IllegalArgumentException.class, () -> parse("--dir=::/guest", "m.wasm"));
        assertThrows(IllegalArgumentException.class, () -> parse("--env==1", "m.wasm"));
        assertThrows(IllegalArgumentException.class, () -> parse("--invoke="));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--invoke"));
        assertEquals("--invoke needs a value: use --invoke=NAME", e.getMessage());
    }

    @Test
    void versionAndShortHelpAreRecognised() {
        assertTrue(parse("--version").printVersion());
        assertFalse(parse("m.wasm").printVersion());
        parse("-h");
        assertEquals(List.of("--help"), unrecognized);
    }
}

package dev.enoki.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Disassembles one compiled method out of a HotSpot {@code -XX:+PrintAssembly} log, with binutils' objdump.
 *
 * <p>Graal's Truffle compilations are installed as nmethods, so {@code -XX:+UnlockDiagnosticVMOptions
 * -XX:+PrintAssembly} prints them with the rest, but without a disassembler plugin the JDK 25 can load (Debian's
 * {@code libhsdis0-fcml} has the old interface) it prints their code as hex words. This turns those words back into
 * bytes and hands them to objdump. Find the method by the address that {@code -Dpolyglot.engine.TraceCompilation=true}
 * prints ({@code Addr 0x...}):
 *
 * <pre>
 * java -cp benchmarks/target/classes dev.enoki.bench.CompiledCodeDump print-assembly.log 0x7f1fb400df00 &gt; code.s
 * </pre>
 */
public final class CompiledCodeDump {
    private static final Pattern MAIN_CODE = Pattern.compile("\\s*main code\\s+\\[0x([0-9a-f]+),0x([0-9a-f]+)\\].*");
    private static final Pattern CODE_LINE = Pattern.compile("\\s*0x([0-9a-f]+): ([0-9a-f |]+)");

    private CompiledCodeDump() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: CompiledCodeDump PRINT_ASSEMBLY_LOG START_ADDRESS");
            System.exit(2);
        }
        long start = Long.parseUnsignedLong(args[1].replaceFirst("^0x", ""), 16);
        byte[] code = code(Files.readAllLines(Path.of(args[0])), start);
        Path file = Files.createTempFile("nmethod", ".bin");
        try {
            Files.write(file, code);
            Process objdump = new ProcessBuilder("objdump", "-D", "-b", "binary", "-mi386:x86-64", "-M", "intel",
                            "--adjust-vma=0x" + Long.toHexString(start), file.toString()).inheritIO().start();
            System.exit(objdump.waitFor());
        } finally {
            Files.delete(file);
        }
    }

    /** The bytes of the main code of the method whose code starts at {@code start}. */
    static byte[] code(List<String> log, long start) {
        int line = 0;
        long end = -1;
        for (; line < log.size() && end < 0; line++) {
            Matcher m = MAIN_CODE.matcher(log.get(line));
            if (m.matches() && Long.parseUnsignedLong(m.group(1), 16) == start) {
                end = Long.parseUnsignedLong(m.group(2), 16);
            }
        }
        if (end < 0) {
            throw new IllegalArgumentException("no method whose main code starts at 0x" + Long.toHexString(start));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (; line < log.size() && start + bytes.size() < end; line++) {
            // Lines of hex words, between comment lines ("0x...: ;   {runtime_call ...}") that say what follows. Another
            // thread's output can cut into a line: the bytes it held are left as nops.
            Matcher m = CODE_LINE.matcher(log.get(line));
            long address = m.matches() ? Long.parseUnsignedLong(m.group(1), 16) : -1;
            if (address >= start + bytes.size() && address < end) {
                while (start + bytes.size() < address) {
                    bytes.write(0x90);
                }
                bytes.writeBytes(HexFormat.of().parseHex(m.group(2).replaceAll("[ |]", "")));
            }
        }
        return Arrays.copyOf(bytes.toByteArray(), (int) Math.min(bytes.size(), end - start));
    }
}

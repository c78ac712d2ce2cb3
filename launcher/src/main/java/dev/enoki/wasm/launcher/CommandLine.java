package dev.enoki.wasm.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The launcher's own part of {@code wasm [options] file.wasm [args]}: the module file, the arguments after it, and
 * the wasmtime-style options {@code --dir}, {@code --env} and {@code --invoke}. Every other option before the file
 * ({@code --help}, {@code --engine.*}, {@code --wasm.*}, ...) is left for GraalVM's launcher code to parse.
 */
final class CommandLine {
    static final String DIR = "--dir";
    static final String ENV = "--env";
    static final String INVOKE = "--invoke";
    static final String VERSION = "--version";

    private String file;
    private final List<String> programArguments = new ArrayList<>();
    private final List<String> guestDirectories = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String invoke;
    private boolean printVersion;

    private CommandLine() {
    }

    /**
     * Parses {@code arguments}, adding the options it does not know to {@code unrecognized}.
     *
     * @param hostEnvironment looks up this process's environment variables, for {@code --env=NAME}
     * @throws IllegalArgumentException with a message for the user when an option's value is malformed
     */
    static CommandLine parse(List<String> arguments, List<String> unrecognized, UnaryOperator<String> hostEnvironment) {
        CommandLine line = new CommandLine();
        int i = 0;
        while (i < arguments.size()) {
            String arg = arguments.get(i++);
            if (arg.equals("--")) {
                if (i < arguments.size()) {
                    line.file = arguments.get(i++);
                }
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                line.file = arg;
                break;
            }
            String option = arg;
            String value = null;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                option = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            }
            switch (option) {
                case DIR, ENV, INVOKE -> {
                    if (value == null) {
                        if (i == arguments.size()) {
                            throw new IllegalArgumentException(option + " needs a value: " + usage(option));
                        }
                        value = arguments.get(i++);
                    }
                    line.apply(option, value, hostEnvironment);
                }
                case VERSION -> line.printVersion = true;
                case "-h" -> unrecognized.add("--help");
                default -> unrecognized.add(arg);
            }
        }
        while (i < arguments.size()) {
            line.programArguments.add(arguments.get(i++));
        }
        return line;
    }

    private void apply(String option, String value, UnaryOperator<String> hostEnvironment) {
        switch (option) {
            case DIR -> guestDirectories.add(mapDirectory(value));
            case ENV -> {
                int equals = value.indexOf('=');
                String name = equals < 0 ? value : value.substring(0, equals);
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("--env=" + value + ": the variable has no name; " + usage(ENV));
                }
                String variable = equals < 0 ? hostEnvironment.apply(name) : value.substring(equals + 1);
                if (variable != null) {
                    environment.put(name, variable);
                }
            }
            case INVOKE -> {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("--invoke needs the name of an exported function");
                }
                invoke = value;
            }
            default -> throw new AssertionError(option);
        }
    }

    /** {@code HOST[::GUEST]} as the {@code GUEST::HOST} entry of the option {@code wasm.WasiMapDirs}. */
    private static String mapDirectory(String value) {
        int separator = value.indexOf("::");
        String host = separator < 0 ? value : value.substring(0, separator);
        String guest = separator < 0 ? value : value.substring(separator + 2);
        if (host.isEmpty() || guest.isEmpty()) {
            throw new IllegalArgumentException("--dir=" + value + ": " + usage(DIR));
        }
        if (value.contains(",")) {
            throw new IllegalArgumentException("--dir=" + value + ": directory names with a comma are not supported");
        }
        Path hostPath = Path.of(host).toAbsolutePath().normalize();
        if (!Files.isDirectory(hostPath)) {
            throw new IllegalArgumentException("--dir=" + value + ": no such directory: " + host);
        }
        return guest + "::" + hostPath;
    }

    private static String usage(String option) {
        return switch (option) {
            case DIR -> "use --dir=HOST_DIR or --dir=HOST_DIR::GUEST_DIR";
            case ENV -> "use --env=NAME=VALUE or --env=NAME";
            default -> "use --invoke=NAME";
        };
    }

    /** The module file, or null when none was given. */
    String file() {
        return file;
    }

    /** The arguments after the file: the program's (WASI) arguments, or the {@code --invoke} function's. */
    List<String> programArguments() {
        return programArguments;
    }

    /** The {@code --dir} options as {@code GUEST::HOST} entries, host paths absolute. */
    List<String> guestDirectories() {
        return guestDirectories;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** True for {@code --version}, which GraalVM's launcher code leaves to each language's launcher. */
    boolean printVersion() {
        return printVersion;
    }

    /** The function named by {@code --invoke}, or null to run the WASI command's {@code _start}. */
    String invoke() {
        return invoke;
    }
}

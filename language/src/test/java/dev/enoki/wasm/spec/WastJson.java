package dev.enoki.wasm.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The command list written by wabt's {@code wast2json} (1.0.32): one JSON object with
 * {@code source_filename} and {@code commands}, plus one {@code .wasm} (or {@code .wat} for text-format
 * assertions) file per module, named by the command's {@code filename}.
 */
final class WastJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private WastJson() {
    }

    static Script read(Path json) throws IOException {
        return MAPPER.readValue(json.toFile(), Script.class);
    }

    /** Number of commands without binding them, for files that are only counted (e.g. excluded SIMD files). */
    static int countCommands(Path json) throws IOException {
        JsonNode commands = MAPPER.readTree(json.toFile()).get("commands");
        return commands == null ? 0 : commands.size();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Script(
            @JsonProperty("source_filename") String sourceFilename,
            @JsonProperty("commands") List<Command> commands) {

        Script {
            commands = commands == null ? List.of() : commands;
        }
    }

    /**
     * One script command. Which fields are set depends on {@link #type()}:
     * <ul>
     * <li>{@code module}: {@code filename}, optional {@code name} ({@code $M});</li>
     * <li>{@code register}: {@code as}, optional {@code name} (else the latest module);</li>
     * <li>{@code action}, {@code assert_return}, {@code assert_trap}, {@code assert_exhaustion}: {@code action},
     * {@code expected}, {@code text} for the assertions that expect a failure;</li>
     * <li>{@code assert_invalid}, {@code assert_malformed}, {@code assert_unlinkable},
     * {@code assert_uninstantiable} (and a module-level {@code assert_trap}): {@code filename}, {@code text},
     * {@code module_type} ({@code binary} or {@code text}).</li>
     * </ul>
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Command(
            @JsonProperty("type") String type,
            @JsonProperty("line") int line,
            @JsonProperty("name") String name,
            @JsonProperty("filename") String filename,
            @JsonProperty("text") String text,
            @JsonProperty("module_type") String moduleType,
            @JsonProperty("as") String as,
            @JsonProperty("action") Action action,
            @JsonProperty("expected") List<WastValue> expected) {

        Command {
            expected = expected == null ? List.of() : expected;
        }

        boolean isTextModule() {
            return "text".equals(moduleType) || (filename != null && filename.endsWith(".wat"));
        }
    }

    /** {@code invoke} (with {@code args}) or {@code get} of an export of {@code module} (else the latest module). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Action(
            @JsonProperty("type") String type,
            @JsonProperty("module") String module,
            @JsonProperty("field") String field,
            @JsonProperty("args") List<WastValue> args) {

        Action {
            args = args == null ? List.of() : args;
        }
    }

    /**
     * A typed value. Numbers are decimal strings of the unsigned bit pattern (floats as their bits);
     * expectations may be {@code nan:canonical} / {@code nan:arithmetic}; references are {@code null} or a host
     * reference number. {@code v128} values carry a {@code lane_type} and an array of lane strings, which is
     * why {@code value} stays a JSON node.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record WastValue(
            @JsonProperty("type") String type,
            @JsonProperty("value") JsonNode value,
            @JsonProperty("lane_type") String laneType) {

        /** The scalar value as text, or {@code null} when absent (e.g. {@code (ref.extern)} without a number). */
        String text() {
            if (value == null || value.isNull()) {
                return null;
            }
            return value.isValueNode() ? value.asText() : value.toString();
        }

        @Override
        public String toString() {
            return type + ":" + text();
        }
    }
}

package dev.enoki.wasm.spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The spec-suite exclusion list ({@code src/test/resources/spec/exclusions.txt}). Each entry is {@code FILE},
 * {@code FILE:LINE} or {@code FILE:FIRST-LAST} followed by {@code # reason}; {@code FILE} is a {@code .wast} file name
 * relative to the suite folder and may use {@code *} as a wildcard (e.g. {@code simd_*.wast}). A reason is
 * mandatory: excluded items are reported as skipped with it, never dropped silently. An entry that starts with
 * {@code compiled:} holds only where every function is compiled at its first call (surefire execution
 * {@code compiled}, system property {@code enoki.compiled}).
 */
final class Exclusions {

    static final String RESOURCE = "/spec/exclusions.txt";
    private static final String COMPILED = "compiled:";

    /** {@code first} is -1 for a whole file. */
    private record Entry(String text, Pattern file, int first, int last, String reason) {
    }

    private final List<Entry> entries;
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    private Exclusions(List<Entry> entries) {
        this.entries = entries;
    }

    static Exclusions load() {
        try (InputStream in = Exclusions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
            return parse(lines, Boolean.getBoolean("enoki.compiled"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Exclusions parse(List<String> lines, boolean compiled) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i).strip();
            if (raw.isEmpty() || raw.startsWith("#")) {
                continue;
            }
            int hash = raw.indexOf('#');
            String key = (hash < 0 ? raw : raw.substring(0, hash)).strip();
            String reason = hash < 0 ? "" : raw.substring(hash + 1).strip();
            if (reason.isEmpty()) {
                throw new IllegalStateException(RESOURCE + ":" + (i + 1) + ": entry without a reason: " + raw);
            }
            if (key.startsWith(COMPILED)) {
                if (!compiled) {
                    continue;
                }
                key = key.substring(COMPILED.length()).strip();
            }
            int first = -1;
            int last = -1;
            String file = key;
            int colon = key.lastIndexOf(':');
            if (colon >= 0) {
                file = key.substring(0, colon);
                String range = key.substring(colon + 1);
                int dash = range.indexOf('-');
                try {
                    first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                    last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalStateException(RESOURCE + ":" + (i + 1) + ": bad line number in " + key);
                }
            }
            entries.add(new Entry(key, glob(file), first, last, reason));
        }
        return new Exclusions(entries);
    }

    private static Pattern glob(String file) {
        List<String> parts = new ArrayList<>();
        for (String part : file.split("\\*", -1)) {
            parts.add(part.isEmpty() ? "" : Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }

    /** The reason a whole file is excluded, or {@code null}. */
    String fileReason(String file) {
        for (Entry e : entries) {
            if (e.first < 0 && e.file.matcher(file).matches()) {
                used.add(e.text);
                return e.reason;
            }
        }
        return null;
    }

    /** The reason the command at {@code file:line} is excluded, or {@code null}. */
    String commandReason(String file, int line) {
        for (Entry e : entries) {
            if (e.first <= line && line <= e.last && e.file.matcher(file).matches()) {
                used.add(e.text);
                return e.reason;
            }
        }
        return null;
    }

    /** Entries that matched nothing in this run (stale, or their file was not selected). */
    List<String> unused() {
        return entries.stream().map(Entry::text).filter(t -> !used.contains(t)).toList();
    }
}

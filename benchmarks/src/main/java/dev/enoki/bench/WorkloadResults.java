package dev.enoki.bench;

/**
 * How a speed workload in a child JVM ({@link SpeedWorkload}, {@link ChicoryWorkload}) reports to
 * {@link SpeedBenchmark}: {@code RESULT key=value} lines on standard output. Free of any engine's classes, so every
 * child can load it.
 */
final class WorkloadResults {
    private WorkloadResults() {
    }

    static void result(String key, Object value) {
        System.out.println("RESULT " + key + "=" + value);
        System.out.flush();
    }

    /** One line: backslashes and line breaks escaped. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
    }

    /** The inverse of {@link #escape}. */
    static String unescape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char n = text.charAt(++i);
                b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}

package dev.enoki.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples this process's resident set size from {@code /proc/self/status} (VmRSS) every ~10 ms on a daemon thread and
 * keeps the highest value seen since the last {@link #resetPeak()}. The kernel's own high-water mark (VmHWM) is read
 * too, after resetting it with {@code echo 5 > /proc/self/clear_refs} where the kernel allows that, so a spike shorter
 * than the sampling period is not missed.
 */
final class RssSampler implements AutoCloseable {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final long PERIOD_MILLIS = 10;

    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peakKiB;
    private volatile boolean hwmResettable;

    RssSampler() {
        thread = new Thread(this::loop, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        byte[] buffer = new byte[8192];
        while (running) {
            long rss = read(buffer, "VmRSS:");
            if (rss > peakKiB) {
                peakKiB = rss;
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Forgets the peak so far (the sampled one and, where allowed, the kernel's VmHWM). */
    void resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            hwmResettable = true;
        } catch (IOException | RuntimeException e) {
            hwmResettable = false;
        }
        peakKiB = currentKiB();
    }

    /** The highest RSS since {@link #resetPeak()}: the sampled peak, or VmHWM when it could be reset and is higher. */
    long peakKiB() {
        long now = currentKiB();
        long peak = Math.max(peakKiB, now);
        if (hwmResettable) {
            peak = Math.max(peak, read(new byte[8192], "VmHWM:"));
        }
        return peak;
    }

    /** The sampled peak alone. */
    long sampledPeakKiB() {
        return Math.max(peakKiB, currentKiB());
    }

    boolean hwmResettable() {
        return hwmResettable;
    }

    static long currentKiB() {
        return read(new byte[8192], "VmRSS:");
    }

    /** Reads one "Name:   1234 kB" field of /proc/self/status; -1 if it is not there. */
    private static long read(byte[] buffer, String field) {
        int length = 0;
        try (RandomAccessFile file = new RandomAccessFile(STATUS.toFile(), "r")) {
            int n;
            while (length < buffer.length && (n = file.read(buffer, length, buffer.length - length)) > 0) {
                length += n;
            }
        } catch (IOException e) {
            return -1;
        }
        String text = new String(buffer, 0, length, StandardCharsets.US_ASCII);
        int at = text.indexOf(field);
        if (at < 0) {
            return -1;
        }
        int i = at + field.length();
        while (i < text.length() && !Character.isDigit(text.charAt(i))) {
            i++;
        }
        long value = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i) - '0');
            i++;
        }
        return value;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}

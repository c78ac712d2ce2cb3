package dev.enoki.wasm.wasi;

import com.oracle.truffle.api.TruffleSafepoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code poll_oneoff(in, out, nsubscriptions, result)}: waits until a clock passes or a descriptor is ready. Writing
 * is always ready; so is reading a regular file. Reading standard input is ready when it has bytes (or ends): with a
 * clock to bound the wait it is checked every few milliseconds, without one the wait blocks on the stream.
 *
 * <p>A {@code subscription} is 48 bytes: userdata at 0, the tag at 8, then for a clock its id at 16, timeout at 24,
 * precision at 32 and flags at 40, or for a descriptor its number at 16. An {@code event} is 32 bytes: userdata at 0,
 * error at 8, type at 10, and for descriptors the byte count at 16 and flags at 24.
 */
final class WasiPollFunctions {
    private static final int SUBSCRIPTION_SIZE = 48;
    private static final int EVENT_SIZE = 32;
    private static final int CLOCK = 0;
    private static final int FD_READ = 1;
    private static final int FD_WRITE = 2;
    private static final int ABSTIME = 1;
    private static final int HANGUP = 1;
    /** How often standard input is looked at while a clock bounds the wait. */
    private static final long INPUT_POLL_NANOS = 5_000_000;

    /** Waits longer than this (about 146 years) are as good as forever, and keep deadline arithmetic from overflowing. */
    private static final long MAX_WAIT = 1L << 62;

    /** A decoded subscription; a clock's deadline is in {@link System#nanoTime()} time, or null for a bad clock id. */
    private record Subscription(long userdata, int type, Long deadline, int fd) {
    }

    private record Event(long userdata, Errno error, int type, long bytes, int flags) {
    }

    private WasiPollFunctions() {
    }

    static List<WasiFunction> all() {
        return List.of(WasiFunction.of("poll_oneoff", "iiii", WasiPollFunctions::pollOneoff));
    }

    private static void pollOneoff(WasiCall c) throws IOException {
        int in = c.i32(0);
        int out = c.i32(1);
        int count = c.i32(2);
        if (count == 0) {
            throw Errno.INVAL.error();
        }
        c.memory.checked(in, Integer.toUnsignedLong(count) * SUBSCRIPTION_SIZE);
        c.memory.checked(out, Integer.toUnsignedLong(count) * EVENT_SIZE);
        c.memory.checked(c.i32(3), 4);
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            subscriptions.add(read(c.memory, in + i * SUBSCRIPTION_SIZE));
        }
        List<Event> events = poll(c, subscriptions);
        for (int i = 0; i < events.size(); i++) {
            write(c.memory, out + i * EVENT_SIZE, events.get(i));
        }
        c.memory.writeI32(c.i32(3), events.size());
    }

    private static Subscription read(GuestMemory memory, int pointer) {
        long userdata = memory.readI64(pointer);
        int type = memory.readU8(pointer + 8);
        switch (type) {
            case CLOCK: {
                int clock = memory.readI32(pointer + 16);
                long timeout = memory.readI64(pointer + 24);
                boolean absolute = (memory.readU16(pointer + 40) & ABSTIME) != 0;
                try {
                    long wait = timeout;
                    if (absolute) {
                        long now = WasiClockFunctions.now(clock);
                        wait = Long.compareUnsigned(timeout, now) <= 0 ? 0 : timeout - now;
                    } else {
                        WasiClockFunctions.resolution(clock);
                    }
                    if (wait < 0 || wait > MAX_WAIT) {
                        wait = MAX_WAIT;
                    }
                    return new Subscription(userdata, CLOCK, System.nanoTime() + wait, -1);
                } catch (WasiError e) {
                    return new Subscription(userdata, CLOCK, null, -1);
                }
            }
            case FD_READ:
            case FD_WRITE:
                return new Subscription(userdata, type, null, memory.readI32(pointer + 16));
            default:
                throw Errno.INVAL.error();
        }
    }

    private static List<Event> poll(WasiCall c, List<Subscription> subscriptions) throws IOException {
        List<Event> ready = new ArrayList<>();
        List<Subscription> waitingInput = new ArrayList<>();
        Long deadline = null;
        for (Subscription s : subscriptions) {
            if (s.type == CLOCK) {
                if (s.deadline == null) {
                    ready.add(new Event(s.userdata, Errno.INVAL, CLOCK, 0, 0));
                } else if (deadline == null || s.deadline - deadline < 0) {
                    deadline = s.deadline;
                }
                continue;
            }
            FileDescriptor fd;
            try {
                fd = c.fds().get(s.fd, Rights.POLL_FD_READWRITE);
            } catch (WasiError e) {
                ready.add(new Event(s.userdata, e.errno, s.type, 0, 0));
                continue;
            }
            if (s.type == FD_WRITE) {
                ready.add(new Event(s.userdata, Errno.SUCCESS, FD_WRITE, 0, 0));
            } else {
                long bytes = fd.readableBytes(false);
                if (bytes >= 0) {
                    ready.add(new Event(s.userdata, Errno.SUCCESS, FD_READ, bytes, 0));
                } else {
                    waitingInput.add(s);
                }
            }
        }
        while (ready.isEmpty()) {
            long now = System.nanoTime();
            if (deadline != null && now - deadline >= 0) {
                for (Subscription s : subscriptions) {
                    if (s.type == CLOCK && s.deadline != null && now - s.deadline >= 0) {
                        ready.add(new Event(s.userdata, Errno.SUCCESS, CLOCK, 0, 0));
                    }
                }
                break;
            }
            boolean block = deadline == null;
            for (Subscription s : waitingInput) {
                long bytes = c.fds().get(s.fd).readableBytes(block);
                if (bytes >= 0) {
                    ready.add(new Event(s.userdata, Errno.SUCCESS, FD_READ, bytes, bytes == 0 ? HANGUP : 0));
                }
            }
            if (ready.isEmpty()) {
                // Only reached with a deadline: without one, reading input above blocked until it was ready.
                long sleep = waitingInput.isEmpty() ? deadline - now : Math.min(deadline - now, INPUT_POLL_NANOS);
                TruffleSafepoint.setBlockedThreadInterruptible(c.location, WasiPollFunctions::sleep, sleep);
            }
        }
        return ready;
    }

    private static void sleep(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }

    private static void write(GuestMemory memory, int pointer, Event event) {
        memory.zero(pointer, EVENT_SIZE);
        memory.writeI64(pointer, event.userdata);
        memory.writeI16(pointer + 8, event.error.code);
        memory.writeI8(pointer + 10, event.type);
        memory.writeI64(pointer + 16, event.bytes);
        memory.writeI16(pointer + 24, event.flags);
    }
}

/* clock_*, random_get, sched_yield, proc_raise and poll_oneoff. */
#include "wasi_test.h"

RAW(clock_res_get) int32_t raw_clock_res_get(int32_t id, int32_t resolution);
RAW(proc_raise) int32_t raw_proc_raise(int32_t signal);

static __wasi_timestamp_t now(__wasi_clockid_t clock) {
    __wasi_timestamp_t t = 0;
    (void) __wasi_clock_time_get(clock, 1, &t);
    return t;
}

static void clocks(void) {
    const char *names[] = {"realtime", "monotonic", "process_cputime", "thread_cputime"};
    for (int id = 0; id < 4; id++) {
        __wasi_timestamp_t res = 0, t = 0;
        char label[64];
        snprintf(label, sizeof label, "clock_res_get %s", names[id]);
        CHECK(label, __wasi_clock_res_get(id, &res));
        printf("%s resolution positive: %s\n", names[id], res > 0 ? "yes" : "no");
        snprintf(label, sizeof label, "clock_time_get %s", names[id]);
        CHECK(label, __wasi_clock_time_get(id, 1000, &t));
    }
    __wasi_timestamp_t t;
    CHECK("clock_res_get unknown clock", __wasi_clock_res_get(4, &t));
    CHECK("clock_time_get unknown clock", __wasi_clock_time_get(99, 0, &t));
    CHECK("clock_res_get bad pointer", raw_clock_res_get(0, (int32_t) BAD_POINTER));
    CHECK("clock_time_get bad pointer", raw_clock_time_get(1, 0, (int32_t) BAD_POINTER));
    /* 2020-01-01 .. 2200-01-01 in nanoseconds */
    __wasi_timestamp_t real = now(__WASI_CLOCKID_REALTIME);
    printf("realtime plausible: %s\n", real > 1577836800000000000ull && real < 7258118400000000000ull ? "yes" : "no");
    __wasi_timestamp_t a = now(__WASI_CLOCKID_MONOTONIC), b = now(__WASI_CLOCKID_MONOTONIC);
    printf("monotonic does not go back: %s\n", b >= a ? "yes" : "no");
    volatile double x = 0;
    (void) x;
    for (int i = 0; i < 200000; i++) {
        x += i * 0.5;
    }
    printf("process cputime positive: %s\n", now(__WASI_CLOCKID_PROCESS_CPUTIME_ID) > 0 ? "yes" : "no");
}

static void randomness(void) {
    uint8_t buf[64] = {0};
    CHECK("random_get", __wasi_random_get(buf, sizeof buf));
    int nonzero = 0;
    for (unsigned i = 0; i < sizeof buf; i++) {
        nonzero += buf[i] != 0;
    }
    printf("random bytes vary: %s\n", nonzero > 32 ? "yes" : "no");
    CHECK("random_get empty", __wasi_random_get(buf, 0));
    CHECK("random_get bad pointer", raw_random_get((int32_t) BAD_POINTER, 64));
}

static __wasi_subscription_t clock_subscription(uint64_t userdata, __wasi_clockid_t id, uint64_t timeout, int absolute) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = __WASI_EVENTTYPE_CLOCK;
    s.u.u.clock.id = id;
    s.u.u.clock.timeout = timeout;
    s.u.u.clock.precision = 0;
    s.u.u.clock.flags = absolute ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
    return s;
}

static __wasi_subscription_t fd_subscription(uint64_t userdata, __wasi_eventtype_t type, __wasi_fd_t fd) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = type;
    if (type == __WASI_EVENTTYPE_FD_READ) {
        s.u.u.fd_read.file_descriptor = fd;
    } else {
        s.u.u.fd_write.file_descriptor = fd;
    }
    return s;
}

static void print_events(const char *label, __wasi_event_t *events, __wasi_size_t n) {
    printf("%s events: %u\n", label, (unsigned) n);
    for (unsigned i = 0; i < n; i++) {
        printf("%s event %u: userdata %llu type %u error %s\n", label, i, (unsigned long long) events[i].userdata,
               events[i].type, errno_name(events[i].error));
    }
}

static void polling(void) {
    __wasi_subscription_t in[4];
    __wasi_event_t out[4];
    __wasi_size_t n = 0;

    in[0] = clock_subscription(42, __WASI_CLOCKID_MONOTONIC, 20000000, 0);
    __wasi_timestamp_t start = now(__WASI_CLOCKID_MONOTONIC);
    CHECK("poll relative clock", __wasi_poll_oneoff(in, out, 1, &n));
    printf("poll relative clock waited 20 ms: %s\n", now(__WASI_CLOCKID_MONOTONIC) - start >= 20000000 ? "yes" : "no");
    print_events("relative clock", out, n);

    in[0] = clock_subscription(1, __WASI_CLOCKID_MONOTONIC, 5000000000ull, 0);
    in[1] = fd_subscription(2, __WASI_EVENTTYPE_FD_WRITE, 1);
    start = now(__WASI_CLOCKID_MONOTONIC);
    CHECK("poll stdout writable", __wasi_poll_oneoff(in, out, 2, &n));
    printf("poll stdout writable at once: %s\n", now(__WASI_CLOCKID_MONOTONIC) - start < 2000000000ull ? "yes" : "no");
    print_events("stdout writable", out, n);

    in[1] = fd_subscription(3, __WASI_EVENTTYPE_FD_READ, 0);
    CHECK("poll stdin readable", __wasi_poll_oneoff(in, out, 2, &n));
    print_events("stdin readable", out, n);

    /* A closed descriptor: its event carries EBADF (so nobody waits for the clock). */
    in[0] = clock_subscription(1, __WASI_CLOCKID_MONOTONIC, 50000000, 0);
    in[1] = fd_subscription(5, __WASI_EVENTTYPE_FD_READ, 99);
    CHECK("poll bad fd", __wasi_poll_oneoff(in, out, 2, &n));
    print_events("bad fd", out, n);

    CHECK("poll no subscriptions", __wasi_poll_oneoff(in, out, 0, &n));
    CHECK("poll bad input pointer", raw_poll_oneoff((int32_t) BAD_POINTER, (int32_t) (uintptr_t) out, 1, (int32_t) (uintptr_t) &n));
    CHECK("poll bad output pointer", raw_poll_oneoff((int32_t) (uintptr_t) in, (int32_t) BAD_POINTER, 1, (int32_t) (uintptr_t) &n));
}

int main(void) {
    clocks();
    randomness();
    CHECK("sched_yield", __wasi_sched_yield());
    polling();
    CHECK("proc_raise", raw_proc_raise(0));
    return 0;
}

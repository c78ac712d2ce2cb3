/* NODE-SKIP: node 20 (uvwasi) takes an absolute clock subscription's time as a relative one, so it waits for years. */
/* poll_oneoff with absolute clock subscriptions (subscription_clock_abstime). */
#include "wasi_test.h"

static __wasi_timestamp_t now(__wasi_clockid_t clock) {
    __wasi_timestamp_t t = 0;
    (void) __wasi_clock_time_get(clock, 1, &t);
    return t;
}

static __wasi_subscription_t absolute_clock(uint64_t userdata, __wasi_clockid_t id, uint64_t deadline) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = __WASI_EVENTTYPE_CLOCK;
    s.u.u.clock.id = id;
    s.u.u.clock.timeout = deadline;
    s.u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
    return s;
}

static void print_events(const char *label, __wasi_event_t *events, __wasi_size_t n) {
    printf("%s events: %u\n", label, (unsigned) n);
    for (unsigned i = 0; i < n; i++) {
        printf("%s event %u: userdata %llu type %u error %s\n", label, i, (unsigned long long) events[i].userdata,
               events[i].type, errno_name(events[i].error));
    }
}

int main(void) {
    __wasi_subscription_t in[2];
    __wasi_event_t out[2];
    __wasi_size_t n = 0;

    __wasi_timestamp_t start = now(__WASI_CLOCKID_MONOTONIC);
    in[0] = absolute_clock(7, __WASI_CLOCKID_MONOTONIC, start + 10000000);
    CHECK("poll absolute monotonic clock", __wasi_poll_oneoff(in, out, 1, &n));
    printf("waited 10 ms: %s\n", now(__WASI_CLOCKID_MONOTONIC) - start >= 10000000 ? "yes" : "no");
    print_events("absolute monotonic", out, n);

    start = now(__WASI_CLOCKID_MONOTONIC);
    in[0] = absolute_clock(1, __WASI_CLOCKID_REALTIME, now(__WASI_CLOCKID_REALTIME) - 1000);
    CHECK("poll absolute realtime clock in the past", __wasi_poll_oneoff(in, out, 1, &n));
    printf("returned at once: %s\n", now(__WASI_CLOCKID_MONOTONIC) - start < 1000000000 ? "yes" : "no");
    print_events("past realtime", out, n);

    /* Two clocks: only the earlier one fires. */
    start = now(__WASI_CLOCKID_MONOTONIC);
    in[0] = absolute_clock(1, __WASI_CLOCKID_MONOTONIC, start + 5000000000ull);
    in[1] = absolute_clock(2, __WASI_CLOCKID_MONOTONIC, start + 5000000);
    CHECK("poll two clocks", __wasi_poll_oneoff(in, out, 2, &n));
    print_events("two clocks", out, n);

    in[0] = absolute_clock(3, 17, 0);
    CHECK("poll unknown clock", __wasi_poll_oneoff(in, out, 1, &n));
    print_events("unknown clock", out, n);
    return 0;
}

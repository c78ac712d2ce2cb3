/* proc_exit from the middle of a program: nothing after it runs, and the status reaches the host. */
#include "wasi_test.h"
#include <stdlib.h>

static void at_exit(void) {
    printf("atexit handler ran\n");
}

int main(void) {
    atexit(at_exit);
    printf("before exit\n");
    fflush(stdout);
    __wasi_proc_exit(42);
    printf("after exit (must not appear)\n");
    return 0;
}

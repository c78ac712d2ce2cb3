/* An interactive program: a prompt without a newline, then a read. The prompt must be out before the read starts. */
#include <stdio.h>

int main(void) {
    printf("name? ");
    fflush(stdout);
    char line[64];
    if (fgets(line, sizeof line, stdin) != NULL) {
        printf("hello %s", line);
    }
    return 0;
}

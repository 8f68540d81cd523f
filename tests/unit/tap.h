/* tap.h — the Test Anything Protocol for the C unit tests (run by prove). */
#ifndef QB_TAP_H
#define QB_TAP_H

#include <stdio.h>
#include <string.h>

__attribute__((unused)) static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) tap_is_int((long)(got), (long)(want), __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) tap_is_str((got), (want), __FILE__, __LINE__, __VA_ARGS__)

__attribute__((unused)) static void tap_name(const char *fmt, va_list ap)
{
    vprintf(fmt, ap);
    putchar('\n');
}

#include <stdarg.h>
__attribute__((unused)) static int tap_ok(int c, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("%sok %d - ", c ? "" : "not ", ++tap_n);
    tap_name(fmt, ap);
    va_end(ap);
    if (!c) {
        tap_failed++;
        printf("#   failed at %s line %d\n", file, line);
    }
    return c;
}

__attribute__((unused)) static int tap_is_int(long got, long want, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int c = got == want;
    printf("%sok %d - ", c ? "" : "not ", ++tap_n);
    tap_name(fmt, ap);
    va_end(ap);
    if (!c) {
        tap_failed++;
        printf("#   failed at %s line %d: got %ld, want %ld\n", file, line, got, want);
    }
    return c;
}

__attribute__((unused)) static int tap_is_str(const char *got, const char *want, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int c = got && want && strcmp(got, want) == 0;
    printf("%sok %d - ", c ? "" : "not ", ++tap_n);
    tap_name(fmt, ap);
    va_end(ap);
    if (!c) {
        tap_failed++;
        printf("#   failed at %s line %d: got \"%s\", want \"%s\"\n", file, line, got ? got : "(null)",
               want ? want : "(null)");
    }
    return c;
}

__attribute__((unused)) static int tap_done(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}

#endif

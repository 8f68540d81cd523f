/* corpus.h — where ../shared/corpus is for a unit test binary: $QB_CORPUS, else four
 * folders up from build/{rel,san}/unit/. */
#ifndef QB_TEST_CORPUS_H
#define QB_TEST_CORPUS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The corpus sub-folder `sub` ("rar", "docx-cn" …) into out; 0 when it is not there. */
__attribute__((unused)) static int qb_test_corpus(const char *sub, char *out, size_t size)
{
    const char *env = getenv("QB_CORPUS");
    if (env && *env) {
        snprintf(out, size, "%s/%s", env, sub);
        return access(out, R_OK) == 0;
    }
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return 0;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    snprintf(out, size, "%s/../../../../shared/corpus/%s", exe, sub);
    return access(out, R_OK) == 0;
}

#endif

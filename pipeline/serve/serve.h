/* serve.h — qb-serve's library half (DESIGN §2): the applicants' pre-check page and
 * its API over HTTP (libmicrohttpd).
 *
 *     GET  /                  the page (templates/serve/, built into the program)
 *     GET  /api/editions      the editions a check may ask for, and the default
 *     POST /api/check         multipart/form-data: the file in field `file`, optional
 *                             `edition`; answers exactly what `qb-check --json` prints
 *                             for that file. With `keep=1` the annotated draft, the
 *                             dossier and the JSON are kept for a while under an
 *                             unguessable id (header X-QB-Result) for
 *     GET  /api/result/ID/report.json | annotated.docx | dossier.pdf
 *
 * Uploads stream to a private temporary folder under generated names; above the
 * edition's package limit they are refused with 413 before anything is stored. Each
 * check runs in a forked child under the batch's limits (child.h), at most `workers`
 * at once; up to `queue` more requests wait, beyond that 503 with Retry-After. One log
 * line per request on stderr; SIGTERM or SIGINT stops the server cleanly. */
#ifndef QB_SERVE_H
#define QB_SERVE_H

#include "qb.h"

typedef struct {
    const char *listen;   /* "ADDR:PORT" (IPv4) or "[ADDR]:PORT" (IPv6); port 0: any free one */
    const char *edition;  /* the default edition: a name or a rules file */
    int workers;          /* checks at once, >= 1 */
    int queue;            /* requests that may wait beyond them, >= 0 */
    int keep_seconds;     /* how long kept results stay */
    int check_seconds;    /* wall clock per check (the child's deadline) */
    unsigned long check_mb; /* address space per check, MiB */
} qb_serve_opts;

/* Run the server until SIGTERM or SIGINT. QB_OK on a clean stop; otherwise the server
 * could not start (the address is taken or malformed, the edition does not load, no
 * temporary folder) and *why / *why_en (caller frees) say why. */
qb_status qb_serve_run(const qb_serve_opts *o, char **why, char **why_en);

/* ---- pieces with their own tests ------------------------------------------------- */

/* A client's file name as the check may see it: one path component of valid UTF-8, no
 * control characters, not "." or "..", at most 255 bytes. Nonzero when acceptable. */
int qb_serve_name_ok(const char *name);

#endif

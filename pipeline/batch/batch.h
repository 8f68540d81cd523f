/* batch.h — qb-batch's library half (DESIGN §2): every package of an inbox checked into
 * an outbox, with a summary of them all.
 *
 *     OUTBOX/<folder>/report.json   exactly what `qb-check --json` prints for the input
 *     OUTBOX/<folder>/report.html   the same report as HTML
 *     OUTBOX/<folder>/dossier.pdf   the reviewer's dossier (render.h)
 *     OUTBOX/<folder>/batch.json    what the batch recorded: the input's SHA-256 (all
 *                                   volumes), the edition, the outcome (rerun decisions)
 *     OUTBOX/summary.xlsx|.csv|.json, OUTBOX/index.html   the 汇总表 over the inbox: rows in
 *                                   Chinese order, resubmissions grouped (earlier versions
 *                                   已被替代), late arrivals flagged 逾期
 *     OUTBOX/changes.json           what changed since the last run
 *     OUTBOX/packets/<遴选范围>.pdf   with packets: the current dossiers of each scope
 *     OUTBOX/notices/<申报单位>.docx  with notices: a 补正通知 per current package with errors
 *
 * The parent process only lists, schedules, publishes and summarises; each package is
 * checked in a forked child (the unpack library forks too and is not thread-safe) under
 * a wall-clock deadline and an address-space limit, so a package that hangs or crashes
 * its reader costs one "error" row, never the batch. Outputs are built in a temporary
 * folder inside the outbox and renamed into place; the inbox is only ever read. */
#ifndef QB_BATCH_H
#define QB_BATCH_H

#include <stddef.h>

#include "edition.h"
#include "err.h"
#include "qb.h"

typedef struct {
    const char *inbox, *outbox;
    const qb_edition *ed;
    int jobs;                 /* children at once, >= 1 */
    int lang_en;              /* reports and messages in English */
    int package_seconds;      /* wall clock allowed per package */
    unsigned long package_mb; /* address space per package (RLIMIT_AS), MiB; 0 = none */
    int tty;                  /* stderr is a terminal: progress updated in place */
    int deadline;             /* YYYYMMDD for 逾期 (--deadline); 0: the edition's; -1: none */
    int packets;              /* also packets/<遴选范围>.pdf, the reviewers' */
    int notices;              /* also notices/<申报单位>.docx, the 补正通知 */
} qb_batch_opts;

typedef struct {
    size_t rows;     /* packages (and stray files) in the summary */
    size_t checked;  /* checked in this run */
    size_t skipped;  /* unchanged since an earlier run */
    size_t pass, fail, error; /* current packages only */
    size_t superseded, late;
    size_t ignored;  /* hidden files and system debris left alone */
} qb_batch_stats;

/* Run the batch. QB_OK when it ran to the end, whatever the packages' verdicts; else
 * e holds a one-line reason: QB_ERR_USAGE (the outbox is the inbox or inside it, or
 * holds it), QB_ERR_IO (inbox unreadable, outbox not writable, another batch on the
 * same outbox, interrupted, outputs not written), QB_ERR_NOMEM. */
qb_status qb_batch_run(const qb_batch_opts *o, qb_batch_stats *stats, qb_err *e);

/* ---- pieces with their own tests ---------------------------------------------- */

/* The folder name in the outbox for an inbox entry's name (raw bytes). Injective —
 * two names never share a folder — and safe: Chinese kept; '%', path separators,
 * characters Windows forbids, control characters and bytes that are not UTF-8 become
 * %XX; a leading dot, trailing dot or space, and the names of the summary files are
 * escaped too; a name that GB18030 decodes (and UTF-8 does not) is kept readable with
 * a "%gbk" mark; an over-long result is cut and ends "%~" + a hash. Caller frees. */
char *qb_batch_folder_name(const char *name);
/* The entry's name for people: UTF-8 as it is, else decoded from GB18030, else with
 * each bad byte as U+FFFD; control characters as U+FFFD. Caller frees. */
char *qb_batch_display_name(const char *name);
/* A relative URL path for a folder name (every byte but A-Z a-z 0-9 - . _ ~ as %XX). */
char *qb_batch_url(const char *folder_name);
/* One CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF (quotes
 * doubled); a text starting with = + - @, a tab or a CR gets a leading apostrophe so that
 * a spreadsheet does not run it as a formula. Caller frees. */
char *qb_batch_csv_field(const char *s);

#endif

/* batch_int.h — what the batch_*.c files share (design in batch.h). */
#ifndef QB_BATCH_INT_H
#define QB_BATCH_INT_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "batch.h"
#include "record.h"
#include "secid.h"

/* Files of a package folder. */
#define QB_BATCH_STAMP "batch.json"
#define QB_BATCH_REPORT_JSON "report.json"
#define QB_BATCH_REPORT_HTML "report.html"
#define QB_BATCH_DOSSIER "dossier.pdf"
/* Prefix of everything being built in the outbox; leftovers are removed at start. */
#define QB_BATCH_TMP_PREFIX ".tmp-"
/* Bumped when the folder's contents change meaning: older folders are rebuilt. */
#define QB_BATCH_FORMAT 2
/* The program's version, part of a rerun's key with the limits: a folder checked by
 * another version, or under other limits, is checked again (a build may say which). */
#ifndef QB_BATCH_VERSION
#define QB_BATCH_VERSION "qbintake-0.12"
#endif

/* LINK: a symbolic link, never followed (it could point anywhere on the machine);
 * OTHER: a device, a FIFO, a socket — never opened. */
typedef enum { QB_ITEM_FILE = 0, QB_ITEM_DIR, QB_ITEM_LINK, QB_ITEM_OTHER } qb_item_kind;

/* One row's input: an inbox entry (a package, a folder, a stray file). */
typedef struct {
    char *name;      /* entry name in the inbox (raw bytes) */
    char *path;      /* inbox/name */
    char *display;   /* for people (qb_batch_display_name) */
    char *folder;    /* folder name in the outbox (qb_batch_folder_name) */
    qb_item_kind kind;
    time_t mtime;    /* of the entry itself, a link's own (the first volume of a set) */
} qb_batch_item;

typedef struct {
    qb_batch_item *v;
    size_t n, cap;
    size_t ignored;  /* hidden files and debris */
    size_t volumes;  /* later volumes folded into their set */
} qb_batch_list;

/* List the inbox: entries sorted by name (bytes), later volumes of a set whose first
 * volume is present left out, hidden files and system debris ignored (counted). */
qb_status qb_batch_scan(const char *inbox, qb_batch_list *l);
void qb_batch_list_free(qb_batch_list *l);

/* Check the folders and take the outbox (made when missing) for this process: the
 * inbox readable, the outbox writable and apart from the inbox, no other batch on it
 * (a lock held until exit); leftovers of an interrupted run removed. When the batch
 * cannot run, e says why: QB_ERR_USAGE for an outbox that is or holds the inbox or lies
 * inside it, QB_ERR_IO for the rest. */
qb_status qb_batch_outbox_open(const qb_batch_opts *o, qb_err *e);
/* Move tmp/out to dest, replacing what is there in one step where the file system can
 * (RENAME_EXCHANGE); an old folder ends up in tmp, which the caller removes. */
qb_status qb_batch_publish(const char *tmp, const char *dest);

/* A folder of the outbox rebuilt whole (packets/, notices/): *out is made empty inside
 * a new OUTBOX/.tmp-XXXXXX (*tmp); qb_batch_stage_publish puts it in place of
 * OUTBOX/name in one step when publish is nonzero (what was there goes, a packet or
 * notice of an earlier run included; a failed rebuild leaves the old folder), removes
 * *tmp and frees both strings. */
qb_status qb_batch_stage(const char *outbox, char **tmp, char **out);
qb_status qb_batch_stage_publish(const char *outbox, char *tmp, char *out, const char *name, int publish);

/* Settings every package of a run shares. */
typedef struct {
    const qb_batch_opts *o;
    char edition_sha[65];  /* SHA-256 over the edition's rules files */
} qb_batch_ctx;

/* SHA-256 identifying an input: the file's own for a single file; for a volume set or a
 * folder, the SHA-256 of its listing ("name\tsha256\n" per volume or file, in order;
 * a folder's file over max_bytes is listed by size and mtime, never read: a sparse
 * 30 GB file must not cost minutes). *names (may be NULL) receives the volumes' names,
 * ", "-separated (caller frees). Links and special files have none (hex ""). */
qb_status qb_batch_fingerprint(const qb_batch_item *it, uint64_t max_bytes, char hex[65], char **names);
/* What is known of a file input before reading it: its bytes on disk, all volumes of a
 * set together (an input over the limit is refused unread), and the name of the first
 * volume that is a symbolic link (*link, caller frees; NULL when none), which is never
 * followed either. */
qb_status qb_batch_input_probe(const qb_batch_item *it, uint64_t *size, char **link);
/* SHA-256 over the edition's rules files (its base files included). */
qb_status qb_batch_edition_sha(const qb_edition *ed, char hex[65]);
/* SHA-256 of a buffer, hex. */
void qb_batch_sha256(const void *p, size_t n, char hex[65]);

/* What batch.json holds. */
typedef struct {
    int format;
    const char *input;     /* display name */
    char sha256[65];       /* fingerprint; "" unknown */
    const char *volumes;   /* names of the volumes hashed */
    const char *edition;
    char edition_sha[65];
    char lang[4];
    char received[16];     /* YYYY-MM-DD from the input's mtime (UTC), as qb-check */
    char received_at[24];  /* the receipt time: the input's mtime, YYYY-MM-DDTHH:MM:SSZ */
    char limits[48];       /* "600s 2048MB": the limits it ran under (rerun key) */
    const char *version;   /* QB_BATCH_VERSION (rerun key) */
    int dossier;           /* a dossier belongs to the outputs (not for stray files) */
    /* what the record knew, for the summary's columns (NULL unknown) */
    const char *applicant; /* the record's applicant (form, else the package name) */
    const char *scope;     /* 遴选范围 */
    const char *name;      /* 质量标杆名称 */
    const char *contact, *phone;
    const char *outcome;   /* "started", "checked", "timeout", "crashed", "failed" */
    const char *status;    /* "pass", "fail", "error" */
    long errors, warnings;
    int complete;          /* every output written and final: a rerun may skip it */
    const char *note;      /* dossier problem or reason, for people; may be NULL */
    /* (a stamp read from a file owns its strings: qb_batch_stamp_free) */
} qb_batch_stamp;

qb_status qb_batch_stamp_write(const qb_batch_stamp *s, const char *path);
/* QB_ERR_IO when absent, QB_ERR_FORMAT when unreadable. */
qb_status qb_batch_stamp_read(const char *path, qb_batch_stamp *s);
void qb_batch_stamp_free(qb_batch_stamp *s);
/* Nonzero when folder holds complete outputs for the same bytes, edition and language. */
int qb_batch_stamp_current(const char *folder, const qb_batch_stamp *now);

/* The record's facts the summary shows (batch_fields.c); NULL when unknown. */
const char *qb_batch_field_applicant(const qb_record *r);
const char *qb_batch_field_scope(const qb_record *r);
const char *qb_batch_field_name(const qb_record *r);    /* 质量标杆名称 */
const char *qb_batch_field_contact(const qb_record *r); /* 联系人 */
const char *qb_batch_field_phone(const qb_record *r);   /* 联系电话 */

/* What a stray inbox entry is ("PDF 文件", "a PDF file" …), or NULL when it is a package,
 * a Word file or a folder (batch_stray.c). */
const char *qb_batch_stray_kind(const qb_batch_item *it, int en);

/* Child exit codes besides 0 (outputs built in the folder). */
#define QB_BATCH_CHILD_SKIPPED 3  /* unchanged: the published folder stays */
#define QB_BATCH_CHILD_FAILED 4   /* could not write outputs (the parent writes an error row) */

/* In the child: check it and write its outputs into dir (empty); prev is the published
 * folder of an earlier run (may not exist). Returns the exit code. */
int qb_batch_child(const qb_batch_ctx *c, const qb_batch_item *it, const char *dir, const char *prev);
/* In the parent, after a child that timed out, crashed or failed: error outputs in dir
 * (emptied first), with one finding of rule, keeping what the child's stamp knew. */
qb_status qb_batch_write_error(const qb_batch_ctx *c, const qb_batch_item *it, const char *dir,
                               const char *outcome, const char *rule, const char *zh, const char *en);

/* Progress on stderr. */
typedef struct {
    int tty, en;
    size_t total, done;
    size_t failed, errors; /* so far: 不通过, 无法处理 */
    double start;          /* qb_now() when the batch started: the time left is estimated */
    int shown;  /* a line is on the terminal to be overwritten */
} qb_batch_progress;
void qb_batch_progress_start(qb_batch_progress *p, const char *display);
/* A package finished: what became of it (from its stamp, or skipped). */
void qb_batch_progress_done(qb_batch_progress *p, const char *display, const qb_batch_stamp *s, int skipped);
void qb_batch_progress_clear(qb_batch_progress *p);

/* One row of the summary, read back from a package folder. */
typedef struct {
    const qb_batch_item *it;
    char *applicant;       /* NULL unknown */
    char *scope, *name, *contact, *phone; /* 遴选范围, 质量标杆名称, 联系人, 联系电话; NULL unknown */
    const char *status;    /* "pass" | "fail" | "error" (static) */
    long errors, warnings;
    long count[QB_NSEC], limit[QB_NSEC];
    int found[QB_NSEC];
    char *problems;        /* the main problems, one line */
    char sha256[65];
    int has_html, has_pdf;
    int stray;             /* not an application (batch.stray, a link, a device): no group */
    int late;              /* received after the deadline (batch.late) */
    int superseded;        /* an earlier version of an applicant's package */
    long successor;        /* superseded: the row (index into v) that replaced it; else -1 */
    char *group;           /* the applicant key rows are grouped by (batch_group.c) */
    unsigned char *sortkey;/* ICU zh collation key of the applicant (batch_order.c) */
} qb_batch_row;

/* What changed since the last run (batch_changes.c), for changes.json and the index. */
typedef struct {
    const char *input, *folder, *applicant, *by; /* by: the successor's input (superseded) */
} qb_batch_change;
typedef struct {
    qb_batch_change *v[4]; /* new, changed, superseded, withdrawn */
    size_t n[4];
    char *previous_as_of;  /* the last run's 截至, NULL for a first run */
    char **owned;          /* strings read from the last summary */
    size_t nowned;
} qb_batch_changes;

typedef struct {
    qb_batch_row *v;
    size_t n;
    const char *edition, *edition_title;
    int en;
    time_t created;        /* fixed document time and 截至: the newest receipt time */
    int deadline;          /* YYYYMMDD used for 逾期, 0 none */
    size_t pass, fail, error; /* current rows only */
    size_t superseded, late;
    const qb_batch_changes *changes; /* may be NULL */
} qb_batch_summary;

/* Rows for every listed input, from its folder under outbox: grouped by applicant
 * (superseded versions marked), 逾期 flagged against deadline (YYYYMMDD, 0 none), in
 * Chinese order. */
qb_status qb_batch_summary_load(const char *outbox, const qb_batch_list *l, const qb_edition *ed, int en,
                                int deadline, qb_batch_summary *s);
void qb_batch_summary_free(qb_batch_summary *s);
/* The summary files (and changes.json), each written to a temporary name and renamed
 * into place. */
qb_status qb_batch_summary_write(const char *outbox, const qb_batch_summary *s);

/* Resubmissions (batch_group.c): the key an applicant's packages share — the applicant
 * (or the package's base name) without spaces, with brackets unified and marks such as
 * （修改稿）（第二版）-v2 taken off. Caller frees. */
char *qb_batch_group_key(const char *applicant, const char *display);
/* Mark every group's earlier versions superseded (newest receipt time is current). */
void qb_batch_group_rows(qb_batch_summary *s);
/* Sort rows in Chinese order (ICU's zh collator on the applicant, else the file name),
 * ties by receipt time then name bytes (batch_order.c). Successor indices follow. */
qb_status qb_batch_sort_rows(qb_batch_summary *s);
/* The receipt time in Beijing time (UTC+8), "YYYY-MM-DD HH:MM"; and its date YYYYMMDD. */
void qb_batch_received_text(time_t t, char out[24]);
int qb_batch_received_day(time_t t);

/* What changed since the previous summary.json in outbox (read before it is replaced). */
qb_status qb_batch_changes_load(const char *outbox, const qb_batch_summary *s, qb_batch_changes *c);
void qb_batch_changes_free(qb_batch_changes *c);
qb_status qb_batch_write_changes(const qb_batch_summary *s, FILE *out);

/* Reviewer packets and 补正通知 (batch_packets.c, batch_notices.c). */
qb_status qb_batch_write_packets(const char *outbox, const qb_batch_summary *s, qb_err *e);
qb_status qb_batch_write_notices(const char *outbox, const qb_batch_summary *s, qb_err *e);

/* The writers (batch_out_*.c). */
qb_status qb_batch_write_csv(const qb_batch_summary *s, FILE *out);
qb_status qb_batch_write_json(const qb_batch_summary *s, FILE *out);
qb_status qb_batch_write_index(const qb_batch_summary *s, FILE *out);
qb_status qb_batch_write_xlsx(const qb_batch_summary *s, const char *path);

/* Column headings shared by the CSV and the XLSX. */
enum {
    QB_COL_NO, QB_COL_APPLICANT, QB_COL_FILE, QB_COL_SCOPE, QB_COL_NAME, QB_COL_CONTACT, QB_COL_PHONE,
    QB_COL_RECEIVED, QB_COL_LATE, QB_COL_STATE, QB_COL_VERDICT, QB_COL_ERRORS, QB_COL_WARNINGS,
    QB_COL_COUNT0, /* five counts, one per section */
    QB_COL_PROBLEMS = QB_COL_COUNT0 + QB_NSEC,
    QB_BATCH_NCOLS
};
const char *qb_batch_col(int i, int en);
/* "通过" / "不通过" / "无法处理" (or English) for a status. */
const char *qb_batch_verdict(const char *status, int en);
/* "当前" / "已被替代"; "逾期" / "" (or English). */
const char *qb_batch_state(const qb_batch_row *r, int en);
const char *qb_batch_late(const qb_batch_row *r, int en);

#endif
